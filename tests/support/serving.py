"""The real preview for tests: `python build.py serve` in a subprocess on a free port, its output collected
line by line, and what it leaves behind (processes, the port) looked at from outside, as a writer's
system would see it."""
from __future__ import annotations

import errno
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote, urlsplit

REPO = Path(__file__).resolve().parents[2]
REMOVER = "remove_locked"  # output.py's background removal of a replaced tree: detached by design, ends itself
PROCESSES = Path("/proc")  # Linux: where the processes of a preview are looked at


class Server:
    """`python build.py serve` in a subprocess, in a session of its own as a terminal's job is (so that
    `interrupt` is Ctrl-C: SIGINT to its whole process group)."""

    def __init__(self, site: Path, *options: str, jobs: int = 1, port: int = 0, timeout: float = 60,
                 wait: bool = True):
        self.site = site
        self.proc = subprocess.Popen(
            [sys.executable, "-u", str(REPO / "build.py"), "serve", "--site", str(site), "--port", str(port),
             "--jobs", str(jobs), *options],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
            start_new_session=True)
        self.lines: list[str] = []
        self.queue: queue.Queue = queue.Queue()
        self.ended = threading.Event()  # its output is closed: every line of it is in the queue
        threading.Thread(target=self.read, daemon=True).start()
        if wait:
            self.url = self.wait_for_line("Serving http", timeout).split()[1]
            self.port = urlsplit(self.url).port

    def read(self) -> None:
        for line in self.proc.stdout:
            self.queue.put(line.rstrip("\n"))
        self.ended.set()

    def wait_for_line(self, text: str, timeout: float) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.queue.get(timeout=0.1)
            except queue.Empty:
                if self.ended.is_set() and self.queue.empty():
                    break
                continue
            self.lines.append(line)
            if text in line:
                return line
        raise AssertionError(f"no line with {text!r} in the output of serve:\n" + "\n".join(self.lines))

    def drain(self) -> list[str]:
        while not self.queue.empty():
            self.lines.append(self.queue.get())
        return self.lines

    def get(self, path: str) -> tuple[int, str]:
        status, body = self.fetch(path)
        return status, body.decode("utf-8")

    def fetch(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + quote(path.lstrip("/")), timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def wait_for(self, path: str, check, timeout: float = 10.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise AssertionError(f"serve exited (code {self.proc.returncode}) while {path} was awaited; "
                                     "it printed:\n" + "\n".join(self.drain()))
            try:
                status, text = self.get(path)
            except OSError as exc:  # refused, reset: the server is not answering
                status, text = 0, f"no answer: {exc}"
            if check(text):
                return text
            if time.monotonic() > deadline:
                raise AssertionError(f"{path} did not change as expected in {timeout} s; it served:\n{text[:3000]}\n"
                                     "serve printed:\n" + "\n".join(self.drain()))
            time.sleep(0.05)

    def interrupt(self) -> None:
        """Ctrl-C in the terminal: SIGINT to the foreground process group."""
        os.killpg(self.proc.pid, signal.SIGINT)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        for pid in processes_naming(self.site) if PROCESSES.is_dir() else ():  # never leave a test's processes
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


def processes_naming(path: Path) -> dict[int, str]:
    """{pid: command line} of the live processes whose command line names `path` (the site of a preview:
    the server, and whatever it runs on it), this test's own process and the detached REMOVER left out."""
    found = {}
    for entry in PROCESSES.iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:  # gone meanwhile
            continue
        if str(path) in command and state != "Z" and REMOVER not in command:
            found[int(entry.name)] = command
    return found


def wait_until(condition, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {timeout} s: {what}")
        time.sleep(0.02)


def free_port() -> int:
    """A port nothing listens on now. The preview's pages name their address, so a preview started again on
    the same port has nothing to render again; if the port is taken meanwhile, serve takes the next one."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    """Nothing listens on 127.0.0.1:`port` (connections closed lately may linger: they do not count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            s.listen()
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True
