"""The builder process (started by builder.Builder as its own program): its first build, then for each burst of
changes the saved article's page first when it can be (fast.py) and a build of the rest with the search index,
else the pages then the search index; what it found said on its terminal and told to the server."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import sys
import threading
import time
import traceback
from multiprocessing.connection import Connection
from pathlib import Path

from . import fast
from ..errors import BuildError
from .watcher import Watcher
from .builder import EDITOR_IN_USE, Built, EditorCheck, Outcome, Preview


def run_builder(fd: int) -> None:
    """The builder process: its first build, then one build per burst of changes, until the server goes."""
    sys.stdout.reconfigure(line_buffering=True)
    server = Connection(fd)
    os.register_at_fork(after_in_child=lambda: forget_fd(fd))  # so the pipe closes when the builder goes
    preview = Preview(server.recv())
    editor = threading.Event()  # set when the server says the editor is in use
    threading.Thread(target=leave_with, args=(server, editor), name="majalla-server", daemon=True).start()
    say = Say(preview)

    def tell(said: Built | EditorCheck) -> None:
        try:
            server.send(said)
        except OSError:  # the server is gone
            leave()

    passes = Passes(preview, tell, say, editor)
    watcher = Watcher(preview.watched, passes.changed)  # its first look is before the first build: no edit is lost
    passes.first()
    watcher.run()


HOLD = "MAJALLA_PREVIEW_HOLD"  # for tests: while the file it names exists, the builder waits before its builds
# of a save (the saved article's page, written first, is served meanwhile)


class Passes:
    """What the builder does: its first build, then for each burst of changes the saved article's page first
    when it can be (fast.py) and a build of the rest with the search index; else the pages, then the search
    index and pages (each pass tells the server)."""

    def __init__(self, preview: Preview, tell, say: "Say", editor: threading.Event):
        self.preview, self.tell, self.say, self.editor = preview, tell, say, editor
        self.kept: fast.Kept | None = None  # what the last good build read

    def first(self) -> None:
        fast.forget_build(self.preview.root, self.preview.out)  # so that the first build reads the site, to keep it
        outcome = self.rebuild()
        self.say.outcome(outcome)
        self.built(outcome, True)

    def rebuild(self, search_later: bool = False) -> Outcome:
        """A build; what it read is kept (fast.Kept) in place of what the last one read, which is let go of
        first: the builder never holds two sites (on the 10,000-article benchmark, holding both took the
        preview's peak memory from 1.2 to 2.1 GB)."""
        self.kept = None
        outcome = self.preview.rebuild(search_later=search_later)
        if outcome.reading is not None:
            self.kept = fast.Kept(outcome.reading, self.preview.out)
        return dataclasses.replace(outcome, reading=None)

    def built(self, outcome: Outcome, reload: bool) -> None:
        self.tell(Built(outcome.problems, reload, outcome.warnings))
        if self.editor.is_set() and not outcome.problems:  # after the reload: the pages are not kept waiting
            self.tell(EditorCheck(self.preview.check()))

    def changed(self, paths: tuple[str, ...]) -> None:
        """The saved article's page first when it can be (the browsers reload at once), then the passes."""
        shown = self.show_first(paths)
        if shown is not None and self.preview.settings.search:
            self.index_first(shown)
        hold()
        self.passes(paths, shown is not None)

    def show_first(self, paths: tuple[str, ...]) -> fast.FirstPage | None:
        """The page of the one article saved, from the kept site, when its place in the site did not move."""
        if self.preview.problems or self.kept is None:  # the last build failed: its report stays as it is
            return None
        source = fast.saved_article(self.kept, paths)
        if source is None:
            return None
        try:
            shown = fast.show_first(self.kept, source)
        except Exception:  # a bug must not take the preview down: the normal passes follow
            traceback.print_exc()
            return None
        if shown is not None:
            self.say.shown(shown)
            self.tell(Built((), True, first=True))
        return shown

    def index_first(self, shown: fast.FirstPage) -> None:
        """The search index's part that holds the page shown first, made again with its new text, before the
        build of the rest; a failure is the build's to report (it indexes the part again)."""
        try:
            indexed = fast.index_first(self.kept, shown)
        except BuildError:  # Pagefind missing or failing: the build that follows says so, with the fix
            return
        except Exception:  # a bug must not take the preview down: the build that follows indexes the part
            traceback.print_exc()
            return
        if indexed is not None:
            self.say.indexed(*indexed)

    def passes(self, paths: tuple[str, ...], shown: bool = False) -> None:
        """The pages, then the search index in a pass of its own so that the pages are not kept waiting on it;
        after a page shown first, one pass for both (the page the writer has open is served already: a pass
        of its own would only delay the index by a whole build)."""
        preview = self.preview
        had_problems = bool(preview.problems)
        later = preview.settings.search and not had_problems and not shown
        outcome = self.rebuild(search_later=later)
        self.say.outcome(outcome, paths)
        reload = outcome.wrote or bool(outcome.problems) or had_problems
        if later and not outcome.problems:
            self.tell(Built(outcome.problems, reload, outcome.warnings))  # the saved page is served: reload now
            outcome = self.rebuild()
            if outcome.problems or outcome.wrote:
                self.say.outcome(outcome, ())
            reload = outcome.rendered > 0 or bool(outcome.problems)  # the index alone: no page to reload
        self.built(outcome, reload)  # and the check, for the editor, after the search pass


def hold() -> None:
    """For tests (HOLD): wait while the file named exists."""
    held = os.environ.get(HOLD)
    while held and os.path.exists(held):
        time.sleep(0.01)


def leave_with(server: Connection, editor: threading.Event) -> None:
    """In the builder: hear whether the editor is in use; when the server is gone (the pipe closes), stop."""
    try:
        while True:
            if server.recv() == EDITOR_IN_USE:
                editor.set()
    except (EOFError, OSError):
        leave()


def forget_fd(fd: int) -> None:
    """In a process forked by the builder (a worker): let go of the builder's end of the pipe, keeping its
    number taken (by /dev/null) so that nothing else gets it while the builder's objects still name it."""
    null = os.open(os.devnull, os.O_RDWR)
    os.dup2(null, fd)
    os.close(null)


def leave() -> None:
    os.killpg(0, signal.SIGKILL)  # the builder's group: itself, its workers, Pagefind


class Say:
    """What the builder prints: each warning once, the problems of every failed build, a line per rebuild."""

    def __init__(self, preview: Preview):
        self.root, self.quiet, self.verbose = preview.root, preview.settings.quiet, preview.settings.verbose
        self.seen_warnings: set = set()

    def outcome(self, outcome: Outcome, changed: tuple[str, ...] = ()) -> None:
        for w in outcome.warnings:
            if w not in self.seen_warnings and not self.quiet:
                print(w, file=sys.stderr)
            self.seen_warnings.add(w)
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        if outcome.problems:
            for p in outcome.problems:
                print(p, file=sys.stderr)
            n = len(outcome.problems)
            print(f"[{stamp}] {n} error{'s' if n != 1 else ''}: the preview keeps the last good version "
                  f"and shows the problems in the browser", file=sys.stderr, flush=True)
        elif (changed or self.verbose) and not self.quiet:
            what = f" ({describe(changed, self.root)})" if changed else ""
            print(f"[{stamp}] rebuilt in {outcome.seconds:.2f} s: {outcome.rendered} page"
                  f"{'s' if outcome.rendered != 1 else ''} rendered{what}", flush=True)


    def indexed(self, folder: str, seconds: float) -> None:
        if not self.quiet:
            stamp = dt.datetime.now().strftime("%H:%M:%S")
            print(f"[{stamp}] search index updated in {seconds:.2f} s ({folder}/)", flush=True)

    def shown(self, shown: fast.FirstPage) -> None:
        if not self.quiet:
            stamp = dt.datetime.now().strftime("%H:%M:%S")
            print(f"[{stamp}] shown first in {shown.seconds:.2f} s: {shown.path} ({shown.source}); "
                  f"the rest of the site follows", flush=True)


def describe(paths: tuple[str, ...], root: Path) -> str:
    shown = []
    for p in paths[:3]:
        try:
            shown.append(Path(p).relative_to(root).as_posix())
        except ValueError:
            shown.append(p)
    more = f" and {len(paths) - 3} more" if len(paths) > 3 else ""
    return ", ".join(shown) + more
