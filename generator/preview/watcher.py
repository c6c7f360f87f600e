"""Watching the writer's files for the preview: one callback per burst of changes, never one per file.

Polling with os.scandir (no inotify needed, works on every file system and in containers): a snapshot of
(mtime, size) per file is compared with the previous one, so edits, new files, deletions and renames are
all seen. After the first change the watcher waits until nothing has changed for `quiet` seconds (an
editor saving several files, a git checkout), then calls back once with every path that changed."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

# Editor droppings that never change the site: swap, backup and lock files, vim's write test.
SKIPPED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part")
SKIPPED_NAMES = {"4913", "__pycache__", "node_modules"}


def skipped(name: str) -> bool:
    return (name.startswith((".", "#")) or name.endswith(SKIPPED_SUFFIXES) or name in SKIPPED_NAMES)


def snapshot(paths: Iterable[Path]) -> dict[str, tuple[int, int]]:
    """{file: (mtime_ns, size)} of every file under `paths` (folders walked, files taken as they are)."""
    found: dict[str, tuple[int, int]] = {}
    seen_folders: set[str] = set()

    def walk(folder: str) -> None:
        real = os.path.realpath(folder)
        if real in seen_folders:  # a link back up the tree
            return
        seen_folders.add(real)
        try:
            entries = list(os.scandir(folder))
        except OSError:  # removed while we looked, or unreadable
            return
        for entry in entries:
            if skipped(entry.name):
                continue
            try:
                if entry.is_dir():
                    walk(entry.path)
                elif entry.is_file():
                    st = entry.stat()
                    found[entry.path] = (st.st_mtime_ns, st.st_size)
            except OSError:
                continue

    for path in paths:
        if path.is_dir():
            walk(str(path))
        elif path.is_file():
            st = path.stat()
            found[str(path)] = (st.st_mtime_ns, st.st_size)
    return found


def differences(before: dict, after: dict) -> set[str]:
    """Files added, removed or modified between two snapshots."""
    return {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}


class Watcher:
    """Calls `on_change(paths)` in its own thread, once per burst of changes to the files under `paths()`.

    `paths` is a callable so that what is watched can follow the site (another theme in site.toml)."""

    def __init__(self, paths: Callable[[], Iterable[Path]], on_change: Callable[[tuple[str, ...]], None],
                 interval: float = 0.1, quiet: float = 0.2, longest: float = 3.0):
        self.paths, self.on_change = paths, on_change
        self.interval, self.quiet, self.longest = interval, quiet, longest
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.state = snapshot(self.paths())

    def start(self) -> "Watcher":
        self.thread = threading.Thread(target=self.run, name="majalla-watcher", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=10)

    def run(self) -> None:
        while not self.stopping.wait(self.interval):
            changed = self.burst()
            if changed:
                self.on_change(tuple(sorted(changed)))

    def burst(self) -> set[str]:
        """The files changed since the last look, once the changes have stopped for `quiet` seconds
        (or have gone on for `longest` seconds: a writer saving in a loop still sees the preview move)."""
        current = snapshot(self.paths())
        changed = differences(self.state, current)
        if not changed:
            return set()
        started = last_change = time.monotonic()
        while not self.stopping.is_set():
            now = time.monotonic()
            if now - last_change >= self.quiet or now - started >= self.longest:
                break
            self.stopping.wait(min(self.interval, self.quiet))
            newer = snapshot(self.paths())
            more = differences(current, newer)
            if more:
                changed |= more
                last_change = time.monotonic()
            current = newer
        self.state = current
        return changed
