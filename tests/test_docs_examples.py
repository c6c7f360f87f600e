"""Every command the docs show works: the `sh` and `console` blocks of each page, run in their order on a copy of
the sample magazine, as a reader following the page would.

- In a `sh` block, each line that runs majalla (`majalla …` or `python build.py …`, also after `VAR=value` and in a
  chain of `&&`) is run and must succeed; the page's other commands (pip, rsync) are not run.
- In a `console` block, each `$ command` is run and must print the lines shown below it: `…` stands for any text,
  and a line of its own `…` for any lines (timings, counts that grow with the sample).
- A `markdown` block with `file=PATH` after its language is written to PATH, for the blocks after it.

The site is the sample magazine (site.toml, content/, static/ and build.py), in `~/magazine` of a home folder of
its own that also holds the files the pages name (`~/Downloads/export.xml`, `~/backup/wp-content/uploads/`). It is
built once, and each page gets a copy of it. To keep the suite quick, builds get `--jobs 1` and `--no-search` (but
where a block shows the search index); `majalla serve` gets `--port 0 --host 127.0.0.1`, so that a test takes no
port another may want and listens to no other machine, and must serve the home page, then stop on Ctrl-C."""
from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

from tests.sites import run
from tests.support.docs import Block, blocks, name, pages

REPO = Path(__file__).resolve().parents[1]
SAMPLE = ("site.toml", "content", "static", "templates", "i18n", "authors", "build.py", ".gitignore")
DATA = REPO / "tests" / "data"
MAJALLA = re.compile(r"""^(?:\w+=(?:\$\([^)]*\)|"[^"]*"|'[^']*'|\S+)\s+)*(?:majalla|python3? build\.py)(?=\s|$)""")
COMMANDS = ("build", "check", "serve", "new", "import-wordpress")
HOST_ENV = {  # what a host gives a build (docs/publishing.md)
    "DEPLOY_PRIME_URL": "https://deploy-preview-42--majalla.netlify.app",
    "CF_PAGES_URL": "https://42.majalla.pages.dev",
}
TIMEOUT = 300
SERVED: dict[str, list[str]] = {}  # what each `serve` command printed, in this test process


# ---- reading the blocks -------------------------------------------------------------------------------------
def split_outside_quotes(line: str, separator: str | None) -> list[str]:
    """`line` cut at each `separator` outside quotes (separator None: cut at a comment, `#` after a space)."""
    parts, current, quote, n = [], "", None, 0
    while n < len(line):
        ch = line[n]
        if quote:
            quote = None if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif separator is None and ch == "#" and (n == 0 or line[n - 1].isspace()):
            return [current]
        elif separator and line.startswith(separator, n):
            parts.append(current)
            current, n = "", n + len(separator)
            continue
        current += ch
        n += 1
    return parts + [current]


def sh_commands(block: Block) -> list[str]:
    """The commands of a `sh` block that run majalla, comments cut off."""
    text = re.sub(r"\s*\\\n\s*", " ", block.text)
    found = []
    for line in text.splitlines():
        line = split_outside_quotes(line, None)[0]
        found += [part.strip() for part in split_outside_quotes(line, "&&") if MAJALLA.match(part.strip())]
    return found


def console_session(block: Block) -> list[tuple[str, list[str]]]:
    """(command, the lines shown below it) of every `$ ` line of a `console` block."""
    session: list[tuple[str, list[str]]] = []
    for line in block.text.splitlines():
        if line.startswith("$ "):
            session.append((line[2:].strip(), []))
        elif session:
            session[-1][1].append(line.rstrip())
    return session


def pattern(line: str) -> re.Pattern:
    return re.compile(".*".join(re.escape(piece) for piece in line.split("…")), re.S)


def matches(expected: list[str], actual: list[str]) -> bool:
    """Whether the lines printed are those shown: `…` in a line stands for any text, a line `…` for any lines."""
    expected = [e for e in expected]
    while expected and not expected[-1].strip():
        expected.pop()
    actual = [a.rstrip() for a in actual]
    while actual and not actual[-1]:
        actual.pop()

    def match(i: int, j: int) -> bool:
        if i == len(expected):
            return j == len(actual)
        if expected[i].strip() == "…":
            return any(match(i + 1, k) for k in range(j, len(actual) + 1))
        return j < len(actual) and bool(pattern(expected[i]).fullmatch(actual[j])) and match(i + 1, j + 1)

    return match(0, 0)


def with_test_options(command: str, shows_search: bool = False) -> str:
    """A command that runs majalla, with what keeps it quick and to itself (see the module's docstring)."""
    if not MAJALLA.match(command):
        return command
    words = command.split()
    sub = next((w for w in words if w in COMMANDS), "build")
    if sub == "serve":
        command = re.sub(r"--port[= ]\S+", "--port 0", command)
        command = re.sub(r"--host[= ]\S+", "--host 127.0.0.1", command)
        command += ("" if "--port" in command else " --port 0") + ("" if "--host" in command else " --host 127.0.0.1")
    extra = []
    if sub in ("build", "check", "serve") and not re.search(r"(^|\s)(--jobs|-j)(\s|=|$)", command):
        extra += ["--jobs", "1"]
    if sub in ("build", "serve") and "--no-search" not in command and not shows_search:
        extra.append("--no-search")
    return " ".join([command, *extra])


# ---- the site and the shell ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def home(tmp_path_factory) -> Path:
    """A home folder with the sample magazine built in ~/magazine, and the files the pages name."""
    home = tmp_path_factory.mktemp("docs") / "home"
    site = home / "magazine"
    site.mkdir(parents=True)
    for part in SAMPLE:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, site / part)
        elif source.is_file():
            shutil.copy2(source, site / part)
    run(site, now=None)  # the real clock, as the commands' builds have
    (home / "Downloads").mkdir()
    shutil.copy(DATA / "wordpress-export.xml", home / "Downloads" / "export.xml")
    shutil.copytree(DATA / "wordpress-uploads", home / "backup" / "wp-content" / "uploads")
    return home


@pytest.fixture(scope="module")
def shell_bin(tmp_path_factory) -> Path:
    """`python`, `python3` and `majalla` on the PATH of the commands: this interpreter, this checkout."""
    folder = tmp_path_factory.mktemp("bin")
    for python in ("python", "python3"):
        (folder / python).symlink_to(sys.executable)
    majalla = folder / "majalla"
    majalla.write_text(f"#!/bin/sh\nexec '{sys.executable}' -c 'from generator.cli import run; run()' \"$@\"\n")
    majalla.chmod(0o755)
    return folder


class Shell:
    """Runs a page's commands in ~/magazine, one after the other, as a reader's terminal would."""

    def __init__(self, home: Path, bin_folder: Path, page: Path):
        self.home, self.site, self.page = home, home / "magazine", page
        self.status = 0
        self.env = {k: v for k, v in os.environ.items()
                    if k not in ("SOURCE_DATE_EPOCH", "MAJALLA_PAGEFIND", "VIRTUAL_ENV", "PYTHONHOME")}
        self.env.update(HOST_ENV, HOME=str(home), PATH=f"{bin_folder}:{os.environ.get('PATH', '')}",
                        PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1", GIT_CONFIG_GLOBAL=os.devnull,
                        GIT_AUTHOR_NAME="Salma", GIT_AUTHOR_EMAIL="salma@example.ma",
                        GIT_COMMITTER_NAME="Salma", GIT_COMMITTER_EMAIL="salma@example.ma")
        self.committed = False

    def run(self, command: str, where: str, shows_search: bool = False) -> list[str]:
        """The lines the command prints (its output and errors, as a terminal shows them)."""
        if "git " in command and not self.committed:  # the site as a repository, for `git log`
            for git in (["git", "init", "-q"], ["git", "add", "-A"], ["git", "commit", "-qm", "the sample"]):
                subprocess.run(git, cwd=self.site, env=self.env, check=True, capture_output=True)
            self.committed = True
        command = with_test_options(command, shows_search)
        if re.search(r"(^|\s)serve(\s|$)", command) and MAJALLA.match(command):
            if command not in SERVED:  # `serve --port 8080` is `serve` once given --port 0: served once
                SERVED[command] = self.serve(command, where)
            self.status = 0
            return SERVED[command]
        done = subprocess.run(["bash", "-c", f"(exit {self.status}); {command}"], cwd=self.site, env=self.env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                              timeout=TIMEOUT)
        self.status = done.returncode
        assert "Traceback" not in done.stdout, f"{where}: {command}\n{done.stdout}"
        return done.stdout.splitlines()

    def serve(self, command: str, where: str) -> list[str]:
        """Start the preview, read its home page, stop it with Ctrl-C; what it printed."""
        process = subprocess.Popen(["bash", "-c", f"exec {command}"], cwd=self.site, env=self.env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, encoding="utf-8",
                                   start_new_session=True)
        lines: queue.Queue = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in process.stdout] + [lines.put(None)],
                         daemon=True).start()
        said = []
        try:
            while True:
                line = lines.get(timeout=TIMEOUT)
                assert line is not None, f"{where}: {command} stopped before it served:\n{''.join(said)}"
                said.append(line)
                found = re.search(r"Serving (http://\S+)", line)
                if found:
                    break
            with urllib.request.urlopen(found.group(1), timeout=60) as response:
                assert response.status == 200 and b"<html" in response.read()
            process.send_signal(signal.SIGINT)
            assert process.wait(timeout=TIMEOUT) == 0, f"{where}: {command}\n{''.join(said)}"
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        while (line := lines.get(timeout=TIMEOUT)) is not None:
            said.append(line)
        assert "stopped" in said[-1], f"{where}: {command}\n{''.join(said)}"
        self.status = 0
        return [line.rstrip("\n") for line in said]

    def write(self, block: Block) -> None:
        path = self.site / block.attrs["file"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(block.text, encoding="utf-8")


def runnable(block: Block) -> bool:
    return "file" in block.attrs or (block.lang == "sh" and bool(sh_commands(block))) or \
        (block.lang == "console" and bool(console_session(block)))


PAGES = [page for page in pages() if any(runnable(b) for b in blocks(page))]


# ---- the tests ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("page", PAGES, ids=name)
def test_the_commands_of_the_page_work_and_print_what_it_shows(page, home, shell_bin, tmp_path):
    copy = tmp_path / "home"
    shutil.copytree(home, copy, symlinks=True)
    shell = Shell(copy, shell_bin, page)
    for block in blocks(page):
        if "file" in block.attrs:
            shell.write(block)
        elif block.lang == "sh":
            for command in sh_commands(block):
                shell.run(command, block.where)
                assert shell.status == 0, f"{block.where}: `{command}` failed"
        elif block.lang == "console":
            for command, shown in console_session(block):
                printed = shell.run(command, block.where, shows_search=any("search index" in s for s in shown))
                assert matches(shown, printed), (
                    f"{block.where}: `{command}` printed\n" + "\n".join(printed) + "\nwhere the page shows\n"
                    + "\n".join(shown))


def test_the_pages_show_commands_of_every_kind():
    """The writers' pages and the publishing page run majalla in every language: the test runs something."""
    names = {name(p) for p in PAGES}
    for page in ("docs/writing.md", "docs/preview-and-check.md", "docs/publishing.md", "docs/wordpress.md",
                 "docs/ar/writing.md", "docs/ar/preview-and-check.md", "docs/fr/writing.md",
                 "docs/fr/preview-and-check.md"):
        assert page in names, f"{page} shows no command the tests run"


def test_what_the_examples_take_from_a_block():
    sh = Block(Path("x.md"), 1, "sh", 'majalla serve --port 8080   # a port\npip install . && python build.py check\n'
               'SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) majalla   # the last commit\nrsync -av output/ x:/y/\n'
               'majalla new "عنوان # ليس تعليقا" \\\n    --lang ar\n')
    assert sh_commands(sh) == ["majalla serve --port 8080", "python build.py check",
                               "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) majalla",
                               'majalla new "عنوان # ليس تعليقا" --lang ar']
    assert with_test_options("majalla serve --port 8080 --host 0.0.0.0") == \
        "majalla serve --port 0 --host 127.0.0.1 --jobs 1 --no-search"
    assert with_test_options("majalla serve") == with_test_options("majalla serve --port 8080")
    assert with_test_options("majalla check --strict") == "majalla check --strict --jobs 1"
    assert with_test_options("majalla new x") == "majalla new x"
    console = Block(Path("x.md"), 1, "console", "$ majalla\nbuilt …\n$ echo $?\n1\n")
    assert console_session(console) == [("majalla", ["built …"]), ("echo $?", ["1"])]


def test_what_a_console_block_shows_must_be_what_is_printed():
    assert matches(["built ar …, fr … pages in … s (…)"], ["built ar 82, fr 64 pages in 0.72 s (230 rendered)"])
    assert matches(["imported 4 articles: 4 new", "…"], ["imported 4 articles: 4 new", "  new: a.md", "  new: b.md"])
    assert matches(["a", "…"], ["a"])
    assert not matches(["imported 4 articles: 4 new"], ["imported 4 articles: 4 new", "  new: a.md"])
    assert not matches(["checked … articles: 0 errors, 0 warnings"], ["checked 27 articles: 1 error, 0 warnings"])
    assert not matches(["x.md:3: a", "x.md:5: b"], ["x.md:5: b", "x.md:3: a"])
