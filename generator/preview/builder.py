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
import os
import signal
import subprocess
import sys
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

PREVIEW_FOLDER = "preview"  # below .cache/
WATCHED = (CONTENT, "templates", "static", "i18n", "themes", "authors", CONFIG_FILE)
BUILDER = ("import sys; sys.path.insert(0, sys.argv[1]); "
           "from generator.preview.passes import run_builder; run_builder(int(sys.argv[2]))")


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
class EditorCheck:
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
        """From now on the builder also checks the site after each build (EditorCheck), for the editor."""
        if not self.editor and self.connection is not None:
            self.connection.send(EDITOR_IN_USE)
        self.editor = True

    def heard(self) -> list[Built | EditorCheck]:
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
