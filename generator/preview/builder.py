"""The preview's builds, in a process of their own: the builder.

`serve` starts the builder as a new program in a session of its own, sharing only a pipe with it. The
builder watches the writer's files, builds the preview once per burst of changes (its build workers are
its own children), prints what each build found, and tells the server which problems to show and when the
browsers should reload. So the server never forks: no worker inherits its sockets or its signal handling.
Stopping the preview is one SIGKILL to the builder's process group, whatever it is doing (planning,
rendering in workers, running Pagefind): nothing is left running and nothing holds the port. A build cut
short leaves no harm: the preview is written like output/ (a stage swapped in, a patch under a journal),
and the next build finishes or discards what was left. A builder that dies (killed, out of memory) is
started again by the server; a builder whose server is gone (killed) stops, with its workers."""
from __future__ import annotations

import dataclasses
import datetime as dt
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from pathlib import Path

from ..build.cache import CACHE_FOLDER
from ..build.checking import check
from ..build.options import BuildOptions
from ..build.pipeline import build
from ..config import CONFIG_FILE
from ..content.sources import CONTENT
from ..errors import BuildError, Problem
from ..theme.templates import BUNDLED_THEMES
from . import fast
from .watcher import Watcher

PREVIEW_FOLDER = "preview"  # below .cache/
WATCHED = (CONTENT, "templates", "static", "i18n", "themes", "authors", CONFIG_FILE)
BUILDER = ("import sys; sys.path.insert(0, sys.argv[1]); "
           "from generator.preview.builder import run_builder; run_builder(int(sys.argv[2]))")


@dataclass(frozen=True)
class Settings:
    """What the builder is told when it starts."""
    site: Path
    base_url: str
    jobs: int | None = None
    clean: bool = False  # ignore the build cache for the first build
    search: bool = True
    quiet: bool = False
    verbose: bool = False


@dataclass(frozen=True)
class Outcome:
    problems: tuple[Problem, ...]  # the errors of this build; () when it succeeded
    warnings: tuple[Problem, ...]
    rendered: int
    wrote: bool
    seconds: float
    reading: object = None  # the site as the build read it (build.reading.Reading), when it read it


@dataclass(frozen=True)
class Built:
    """What the builder tells the server after each build."""
    problems: tuple[Problem, ...]  # the panel shown on every page; () after a good build
    reload: bool  # the pages changed (or their panel did): browsers reload
    warnings: tuple[Problem, ...] = ()  # what the build let pass (the editor shows those of what it saved)
    first: bool = False  # a saved article's page written first (fast.py), before any build: only a reload


@dataclass(frozen=True)
class Checked:
    """What `check` says of the site after the build just told, once the editor is in use: its warnings (those
    of the articles the writer saves are shown in the editor)."""
    warnings: tuple[Problem, ...]


EDITOR_IN_USE = "editor"  # the server tells the builder: check the site after each build from now on


class Preview:
    """Builds the preview folder (in the builder) and remembers what the last build found (there, and in
    the server, where the request handlers read it)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.root = settings.site.resolve()
        self.out = self.root / CACHE_FOLDER / PREVIEW_FOLDER
        self.clean = settings.clean
        self.problems: tuple[Problem, ...] = ()
        self.warnings: tuple[Problem, ...] = ()  # in the server: those of the last build
        self.builds = 0  # in the server: the builds heard of
        self.checked: tuple[int, tuple[Problem, ...]] = (0, ())  # in the server: (build, what check said after it)

    def watched(self) -> list[Path]:
        """What the preview depends on: content, templates, static files, UI strings, themes, site.toml.
        Never output/ nor .cache/ (where the preview itself is written)."""
        return [self.root / name for name in WATCHED] + [BUNDLED_THEMES]

    def rebuild(self, search_later: bool = False) -> Outcome:
        """Build the preview; with `search_later`, everything but the search index and pages (what a save
        shows first; a rebuild without it then brings the search up to date)."""
        started = time.perf_counter()
        s = self.settings
        try:
            report = build(BuildOptions(site=self.root, output=self.out, drafts=True, future=True, base_url=s.base_url,
                                   jobs=s.jobs, clean=self.clean, search=s.search, live=True,
                                   search_later=search_later))
            self.clean = False
            self.problems = ()
            return Outcome((), report.warnings, report.rendered, report.wrote, time.perf_counter() - started,
                           report.reading)
        except BuildError as exc:
            problems = tuple(p for p in exc.problems if not p.warning)
            warnings = tuple(p for p in exc.problems if p.warning)
        except Exception as exc:  # a bug must not take the preview down either
            traceback.print_exc()
            problems = (Problem("majalla", 0, f"internal error: {type(exc).__name__}: {exc} "
                                "(please report it; the traceback is in the terminal)"),)
            warnings = ()
        self.problems = problems
        return Outcome(problems, warnings, 0, False, time.perf_counter() - started)

    def check(self) -> tuple[Problem, ...]:
        """The warnings `check` finds in the site as the preview shows it (drafts and future articles too)."""
        s = self.settings
        try:
            problems, _ = check(BuildOptions(site=self.root, drafts=True, future=True, base_url=s.base_url,
                                             jobs=s.jobs, search=s.search, live=True))
        except Exception:  # a bug must not take the preview down
            traceback.print_exc()
            return ()
        return tuple(p for p in problems if p.warning)


# ---- the builder, seen from the server ------------------------------------------------------------------
class Builder:
    """The builder process: started, heard from, stopped with everything it started."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.process: subprocess.Popen | None = None
        self.connection: Connection | None = None
        self.reported = False  # this builder has finished a build (so it can build: worth starting again)
        self.editor = False  # the editor is in use: the builder checks the site after each build

    def start(self) -> int:
        """Start the builder (with the cache as it is, when started again); the fd to wait on for what
        it says (`heard`)."""
        ours, theirs = Pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-c", BUILDER, str(Path(__file__).resolve().parents[2]), str(theirs.fileno()),
             str(self.settings.site.resolve())],  # the site: only for whoever reads the list of processes
            stdin=subprocess.DEVNULL, pass_fds=(theirs.fileno(),), start_new_session=True)
        theirs.close()
        ours.send(self.settings)
        self.settings = dataclasses.replace(self.settings, clean=False)
        self.connection, self.reported = ours, False
        if self.editor:
            ours.send(EDITOR_IN_USE)
        return ours.fileno()

    def editor_in_use(self) -> None:
        """From now on the builder also checks the site after each build (Checked), for the editor."""
        if not self.editor and self.connection is not None:
            self.connection.send(EDITOR_IN_USE)
        self.editor = True

    def heard(self) -> list[Built | Checked]:
        """What the builder has said since last asked; EOFError once it is gone."""
        said = []
        while self.connection.poll():
            said.append(self.connection.recv())
            self.reported = True
        return said

    def ended(self) -> str | None:
        """None while the builder runs, else how it ended."""
        code = self.process.poll() if self.process else None
        if code is None:
            return None
        return f"killed by signal {-code}" if code < 0 else f"exit code {code}"

    def stop(self) -> None:
        """Stop the builder and whatever it started (its workers, Pagefind), at once."""
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)  # its group: it leads a session of its own
        except ProcessLookupError:
            pass  # gone already, with all of its group
        self.process.wait()
        self.connection.close()
        self.process = self.connection = None


# ---- the builder itself ------------------------------------------------------------------------------------
def run_builder(fd: int) -> None:
    """The builder process: its first build, then one build per burst of changes, until the server goes."""
    sys.stdout.reconfigure(line_buffering=True)
    server = Connection(fd)
    os.register_at_fork(after_in_child=lambda: forget_fd(fd))  # so the pipe closes when the builder goes
    preview = Preview(server.recv())
    editor = threading.Event()  # set when the server says the editor is in use
    threading.Thread(target=leave_with, args=(server, editor), name="majalla-server", daemon=True).start()
    say = Say(preview)

    def tell(said: Built | Checked) -> None:
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
    when it can be (fast.py), then the pages, then the search index and pages (each pass tells the server)."""

    def __init__(self, preview: Preview, tell, say: "Say", editor: threading.Event):
        self.preview, self.tell, self.say, self.editor = preview, tell, say, editor
        self.kept: fast.Kept | None = None  # what the last good build read
        self.idle_since = time.time_ns()  # when the last pass ended

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
            self.tell(Checked(self.preview.check()))

    def changed(self, paths: tuple[str, ...]) -> None:
        """The saved article's page first, then the saved pages (the browsers reload at once), then the search
        index and pages."""
        try:
            self.show_first(paths)
            hold()
            self.passes(paths)
        finally:
            self.idle_since = time.time_ns()

    def show_first(self, paths: tuple[str, ...]) -> fast.Shown | None:
        """The page of the one article saved, from the kept site, when its place in the site did not move."""
        if self.preview.problems or self.kept is None:  # the last build failed: its report stays as it is
            return None
        source = fast.saved_article(self.kept, paths, self.idle_since)
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

    def passes(self, paths: tuple[str, ...]) -> None:
        preview = self.preview
        had_problems = bool(preview.problems)
        later = preview.settings.search and not had_problems
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


    def shown(self, shown: fast.Shown) -> None:
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
