"""Watching the writer's files for the preview: one callback per burst of changes, never one per file.

A snapshot of (mtime, size) per file is compared with the previous one, so edits, new files, deletions and
renames are all seen. With `notify`, where the kernel tells of changes (Linux inotify: notify.py), the watcher
sleeps until it does, then looks again only at the files and folders it named; else it polls with os.scandir
(every file system, containers). `notify` is off by default: with it, the editor's browser test (a picture
uploaded beside a new article) fails, and why is not found yet. After the first change the watcher waits until nothing has changed for `quiet`
seconds (an editor saving several files, a git checkout), then calls back once with every path that changed."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

from .notify import Notifier, Unwatchable

# Editor droppings that never change the site: swap, backup and lock files, vim's write test.
SKIPPED_SUFFIXES = ("~", ".swp", ".swx", ".swo", ".tmp", ".part")
SKIPPED_NAMES = {"4913", "__pycache__", "node_modules"}


def skipped(name: str) -> bool:
    return (name.startswith((".", "#")) or name.endswith(SKIPPED_SUFFIXES) or name in SKIPPED_NAMES)


def snapshot(paths: Iterable[Path], watch: Callable[[str], None] | None = None) -> dict[str, tuple[int, int]]:
    """{file: (mtime_ns, size)} of every file under `paths` (folders walked, files taken as they are);
    `watch(folder)` is called for each folder walked, before its files are looked at."""
    found: dict[str, tuple[int, int]] = {}
    seen_folders: set[str] = set()

    def walk(folder: str) -> None:
        real = os.path.realpath(folder)
        if real in seen_folders:  # a link back up the tree
            return
        seen_folders.add(real)
        if watch is not None:
            watch(folder)
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
                 interval: float = 0.1, quiet: float = 0.2, longest: float = 3.0, notify: bool = False):
        self.paths, self.on_change = paths, on_change
        self.interval, self.quiet, self.longest = interval, quiet, longest
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.notifier = Notifier.open() if notify else None
        self.state = self.look()

    def look(self) -> dict[str, tuple[int, int]]:
        """A snapshot of everything watched (and, with the kernel's notifications, every folder of it watched,
        with the folders that hold what is watched: a folder or site.toml made later is seen)."""
        if self.notifier is None:
            return snapshot(self.paths())
        try:
            tops = list(self.paths())
            for parent in {str(p.parent) for p in tops}:
                self.notifier.watch(parent)
            return snapshot(tops, self.notifier.watch)
        except Unwatchable:
            self.notifier.close()
            self.notifier = None  # polling from now on
            return snapshot(self.paths())

    def start(self) -> "Watcher":
        self.thread = threading.Thread(target=self.run, name="majalla-watcher", daemon=True)
        self.thread.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self.thread is not None:
            self.thread.join(timeout=10)

    def run(self) -> None:
        while not self.stopping.is_set():
            if self.notifier is not None:
                changed = self.notified()
            elif self.stopping.wait(self.interval):
                break
            else:
                changed = self.burst()
            if changed:
                self.on_change(tuple(sorted(changed)))
        if self.notifier is not None:
            self.notifier.close()

    def notified(self) -> set[str]:
        """burst(), told by the kernel: it waits (without looking) for a change, then for `quiet` seconds
        without one (at most `longest` in all), then looks at the paths named only (at everything if the
        kernel lost count)."""
        named = self.notifier.wait(0.5)  # the stop is heard within half a second
        if named == set():
            return set()
        started = last_change = time.monotonic()
        while not self.stopping.is_set() and (left := self.left(started, last_change)) > 0:
            more = self.notifier.wait(left)
            if more != set():
                named = None if named is None or more is None else named | more
                last_change = time.monotonic()
        try:
            return self.look_again(named)
        except Unwatchable:
            self.notifier.close()
            self.notifier = None
            current = snapshot(self.paths())
            changed = differences(self.state, current)
            self.state = current
            return changed

    def left(self, started: float, last_change: float) -> float:
        """Seconds to wait for more changes of a burst: 0 once none came for `quiet` s, or after `longest`."""
        now = time.monotonic()
        return max(0.0, min(self.quiet - (now - last_change), self.longest - (now - started)))

    def look_again(self, named: set[str] | None) -> set[str]:
        """The files changed among the paths the kernel named (all of them when None), each looked at with what
        is under it; what is outside the watched paths (the build's .cache/, the theme's __pycache__) is not."""
        if named is None:
            current = self.look()
            changed = differences(self.state, current)
            self.state = current
            return changed
        tops = [str(p) for p in self.paths()]
        wanted = sorted(p for p in named if not skipped(os.path.basename(p))
                        and any(p == t or p.startswith(t + os.sep) for t in tops))
        changed: set[str] = set()
        done: list[str] = []
        for path in wanted:  # a folder before what is in it: looked at once, with it
            if any(path.startswith(d + os.sep) for d in done):
                continue
            done.append(path)
            inside = path + os.sep
            before = {p: v for p, v in self.state.items() if p == path or p.startswith(inside)}
            now = snapshot([Path(path)], self.notifier.watch) if os.path.lexists(path) else {}
            changed |= differences(before, now)
            for p in before:
                del self.state[p]
            self.state.update(now)
        return changed

    def burst(self) -> set[str]:
        """The files changed since the last look, once the changes have stopped for `quiet` seconds
        (or have gone on for `longest` seconds: a writer saving in a loop still sees the preview move)."""
        current = snapshot(self.paths())
        changed = differences(self.state, current)
        if not changed:
            return set()
        started = last_change = time.monotonic()
        while not self.stopping.is_set() and (left := self.left(started, last_change)) > 0:
            self.stopping.wait(min(self.interval, left))
            newer = snapshot(self.paths())
            more = differences(current, newer)
            if more:
                changed |= more
                last_change = time.monotonic()
            current = newer
        self.state = current
        return changed
