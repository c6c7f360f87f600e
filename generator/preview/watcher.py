"""Watching the writer's files for the preview: one callback per burst of changes, never one per file.

A snapshot of (mtime, size) per file is compared with the previous one, so edits, new files, deletions and
renames are all seen. Told by the kernel (watchfiles: inotify on Linux, FSEvents, ReadDirectoryChangesW), the
watcher sleeps until a file changes, then looks again only at the paths it was told of: on a 20,000-article
site a look at every file costs 0.05 s idle and 0.4 s on a loaded machine, more than the saved page itself.
Where the kernel cannot tell (the limit of watches reached, no such service) it polls with os.scandir. After
the first change the watcher waits until nothing has changed for `quiet` seconds (an editor saving several
files, a git checkout), at most `longest`, then calls back once with every path that changed."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable, Iterable

import watchfiles

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
                 interval: float = 0.1, quiet: float = 0.2, longest: float = 3.0, notify: bool = True):
        self.paths, self.on_change = paths, on_change
        self.interval, self.quiet, self.longest = interval, quiet, longest
        self.notify = notify  # told by the kernel; False: polling (and from the first time the kernel cannot)
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
        while not self.stopping.is_set():
            if self.notify:
                self.told()
            elif self.stopping.wait(self.interval):
                break
            elif changed := self.burst():
                self.on_change(tuple(sorted(changed)))

    def told(self) -> None:
        """Calls back for each burst the kernel tells of, until what is watched changes (a folder made or
        removed at the top, another theme): then returns, to be started again on the new folders. The folders
        are watched with all that is under them; the tops that are files or missing (site.toml, a templates/
        to come) are looked at whenever the kernel is waited on, every `interval` × 5 at most. The first
        time, everything is looked at: what changed before the kernel's watch was in place is not lost."""
        tops = [str(p) for p in self.paths()]
        folders = [t for t in tops if os.path.isdir(t)]
        others = {t: stat(t) for t in tops if t not in folders}
        if not folders:
            return self.fall_back()
        first = True
        try:
            for changes in watchfiles.watch(
                    *folders, watch_filter=None, debounce=int(self.longest * 1000), step=int(self.quiet * 1000),
                    stop_event=self.stopping, rust_timeout=int(self.interval * 5000), yield_on_timeout=True,
                    raise_interrupt=False, ignore_permission_denied=True):
                named = {path for _, path in changes}
                now = [str(p) for p in self.paths()]
                moved = now != tops or any(os.path.isdir(t) != (t in folders) for t in now)
                seen = {t: stat(t) for t in others}
                named |= {t for t in others if seen[t] != others[t]}
                others = seen
                changed = self.look_again(None if moved or first else named)
                first = False
                if changed:
                    self.on_change(tuple(sorted(changed)))
                if moved:
                    return
        except OSError:  # the limit of watches reached, a folder gone as it was watched: look at all, poll
            self.fall_back()

    def fall_back(self) -> None:
        self.notify = False
        if changed := self.look_again(None):
            self.on_change(tuple(sorted(changed)))

    def look_again(self, named: set[str] | None) -> set[str]:
        """The files changed among the paths named (everything when None), each looked at with what is under
        it; what is not under a watched path, or is an editor's dropping (or inside a skipped folder), is not."""
        if named is None:
            current = snapshot(self.paths())
            changed = differences(self.state, current)
            self.state = current
            return changed
        tops = [str(p) for p in self.paths()]
        wanted = sorted(p for p in named if watched(p, tops))
        changed: set[str] = set()
        done: list[str] = []
        for path in wanted:  # a folder before what is in it: looked at once, with it
            if any(path.startswith(d + os.sep) for d in done):
                continue
            done.append(path)
            inside = path + os.sep
            before = {p: v for p, v in self.state.items() if p == path or p.startswith(inside)}
            now = snapshot([Path(path)]) if os.path.lexists(path) else {}
            changed |= differences(before, now)
            for p in before:
                del self.state[p]
            self.state.update(now)
        return changed

    def left(self, started: float, last_change: float) -> float:
        """Seconds to wait for more changes of a burst: 0 once none came for `quiet` s, or after `longest`."""
        now = time.monotonic()
        return max(0.0, min(self.quiet - (now - last_change), self.longest - (now - started)))

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


def stat(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def watched(path: str, tops: list[str]) -> bool:
    """Whether `path` is one of `tops` or under one, with no skipped name on the way (.git/, a swap file)."""
    for top in tops:
        if path == top:
            return True
        if path.startswith(top + os.sep):
            return not any(skipped(part) for part in path[len(top) + 1:].split(os.sep))
    return False
