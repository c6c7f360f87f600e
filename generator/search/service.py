"""A client for `pagefind --service`: the protocol of Pagefind's own Python and Node APIs (each message is
base64(JSON) and a comma, answers likewise), spoken synchronously. Pagefind's Python client sleeps 0.1 s
before reading each answer (10,000 records: about 1,000 s); this one sends the records from a thread
while it reads the answers, so neither pipe fills up.

The bundle is taken with GetFiles, in memory, never with WriteFiles: WriteFiles answers before its files
are written, and a few runs in a hundred left an empty pagefind-entry.json, pagefind.js or wasm file."""
from __future__ import annotations

import base64
import json
import subprocess
import tempfile
import threading
from pathlib import Path


class ServiceError(Exception):
    """Pagefind refused a request or died; the message says what it said."""


class Service:
    """One `pagefind --service` process. Use as a context manager; indexes are made one after the other."""

    def __init__(self, binary: Path):
        self.said = tempfile.TemporaryFile()  # what it says on stderr (a pipe nobody reads could fill up)
        try:
            self.process = subprocess.Popen([str(binary), "--service"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                            stderr=self.said, bufsize=1 << 20)
        except OSError as exc:
            raise ServiceError(f"could not start ({binary}: {exc.strerror or exc})") from None
        self.last_id = 0
        self.buffer = b""

    def __enter__(self) -> "Service":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def message(self, payload: dict) -> bytes:
        self.last_id += 1
        raw = json.dumps({"message_id": self.last_id, "payload": payload}, ensure_ascii=False).encode()
        return base64.b64encode(raw) + b","

    def answer(self) -> dict:
        while b"," not in self.buffer:
            chunk = self.process.stdout.read1(1 << 20)
            if not chunk:
                code = self.process.wait()
                self.said.seek(0)
                said = self.said.read().decode("utf-8", "replace").strip().splitlines()[-8:]
                raise ServiceError(f"stopped (exit code {code})" + (": " + " ".join(said) if said else ""))
            self.buffer += chunk
        raw, _, self.buffer = self.buffer.partition(b",")
        return json.loads(base64.b64decode(raw))

    def many(self, payloads: list[dict]) -> list[dict]:
        """Send every request (from a thread), read the answers; in the order of the requests."""
        messages = [self.message(p) for p in payloads]
        first = self.last_id - len(messages) + 1

        def send():
            try:
                for m in messages:
                    self.process.stdin.write(m)
                self.process.stdin.flush()
            except (BrokenPipeError, ValueError):
                pass  # the reader sees the service stop

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        answers = {}
        try:
            while len(answers) < len(messages):
                got = self.answer()
                answers[got["message_id"]] = got["payload"]
        finally:
            sender.join()
        ordered = [answers[i] for i in range(first, first + len(messages))]
        errors = [a for a in ordered if a.get("type") == "Error"]
        if errors:
            raise ServiceError("; ".join(str(e.get("message", e)) for e in errors[:3]))
        return ordered

    def call(self, payload: dict) -> dict:
        return self.many([payload])[0]

    def index(self, records: list[dict]) -> list[tuple[str, bytes]]:
        """A bundle of `records` (each: url, content, language, meta, filters): its files, (path, bytes)."""
        index_id = self.call({"type": "NewIndex", "config": None})["index_id"]
        self.many([{"type": "AddRecord", "index_id": index_id, "sort": None, **r} for r in records])
        files = self.call({"type": "GetFiles", "index_id": index_id})["files"]
        self.call({"type": "DeleteIndex", "index_id": index_id})  # the service's memory back
        return [(f["path"], base64.b64decode(f["content"])) for f in files]

    def close(self) -> None:
        try:
            self.process.stdin.close()
        except OSError:
            pass
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()
        self.said.close()
