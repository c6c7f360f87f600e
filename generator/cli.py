"""The command line: `majalla` / `python build.py` [build|serve|new|check|import-wordpress|init] [options].

It lists its commands; each is a module of generator/commands/ that exposes `arguments(parser)` (its options)
and `run(args)` (its exit code), imported only when that command runs. A command never imports the CLI."""
from __future__ import annotations

import argparse
import errno
import importlib
import os
import sqlite3
import sys
from pathlib import Path

from . import __version__
from .errors import BuildError

# name -> (module of generator.commands, one line of help); `--help` lists them by name
COMMANDS = {
    "build": ("build", "build the site into output/ (the default command)"),
    "check": ("check", "check the whole site without writing output/: every error and warning, with path:line"),
    "import-wordpress": ("import_wordpress",
                         "import a WordPress export (WXR file) into content/<lang>/<yyyy>/<mm>/<slug>.md"),
    "init": ("init", "make a new, empty magazine here (or in --site DIR): site.toml, content/<lang>/, .gitignore"),
    "new": ("new", "start a new article: content/<lang>/<yyyy>/<mm>/<slug>.md with its front matter filled in"),
    "serve": ("serve", "preview the site while you write: build, serve on 127.0.0.1:8000, rebuild and reload on "
                       "every change (drafts and future articles shown)"),
}
DEFAULT = "build"
NOTHING_DONE = "nothing was done"  # what an error leaves as it was, for a command that says nothing of its own


def common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="the site folder (with site.toml and content/); default: here")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every page written")


def command(name: str):
    """The module of a command: generator.commands.<its module>."""
    return importlib.import_module(f"{__package__}.commands.{COMMANDS[name][0]}")


def parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The whole command line; the options of the `chosen` command only (the others are not imported)."""
    p = argparse.ArgumentParser(prog="majalla", description="Build an Arabic-first, bilingual news magazine.")
    p.add_argument("--version", action="version", version=f"majalla {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name, (_, help_text) in sorted(COMMANDS.items()):
        sp = sub.add_parser(name, help=help_text, description=help_text)
        common(sp)
        if name == chosen:
            module = command(name)
            module.arguments(sp)
            sp.set_defaults(run=module.run, nothing_done=getattr(module, "NOTHING_DONE", NOTHING_DONE))
    return p


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, DEFAULT)
    args = parser(argv[0] if argv[0] in COMMANDS else None).parse_args(argv)
    code = PIPE_CLOSED  # until the command says otherwise
    try:
        try:
            code = args.run(args) or 0
            sys.stdout.flush()  # here, not at exit: a reader gone is said as below
            return code
        except BuildError as exc:
            code = 1
            print_problems(exc.problems, args.nothing_done)
            return code
        except KeyboardInterrupt:
            code = 130
            print("interrupted; output/ is as it was before this build", file=sys.stderr)
            return code
        except BrokenPipeError:
            raise
        except (OSError, sqlite3.Error) as exc:  # the system said no (a full disk, a folder not writable...)
            print(system_error(exc), file=sys.stderr)
            return 1
    except BrokenPipeError as exc:
        if not reader_gone():  # not our output's pipe (a worker's): what the system refused
            print(system_error(exc), file=sys.stderr)
            return 1
        return silenced(code)


def run() -> None:
    """The command line's entry point: main(), then exit at once, without freeing the site's objects one by
    one as the interpreter otherwise would (about a second after a build of 20,000 articles)."""
    code = main()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = silenced(code)
    os._exit(code)


PIPE_CLOSED = 128 + 13  # what a shell reports for a command whose reader went away (killed by SIGPIPE)


def reader_gone() -> bool:
    """Whether the reader of stdout or stderr has gone (`majalla check | head`): a pipe with no reader left."""
    import select

    for stream in (sys.stdout, sys.stderr):
        try:
            poll = select.poll()
            poll.register(stream.fileno(), 0)  # POLLERR is always reported: a pipe whose reading end is closed
            if any(event & select.POLLERR for _, event in poll.poll(0)):
                return True
        except (OSError, ValueError, AttributeError):
            continue
    return False


def silenced(code: int) -> int:
    """The reader of our output went away: the work is done (or failed) as it would have; what is left to
    print goes nowhere, without a traceback; the exit code is a shell's for SIGPIPE (141), or the command's own
    when it failed."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for stream in (sys.stdout, sys.stderr):
        try:
            os.dup2(devnull, stream.fileno())
        except (OSError, ValueError):
            pass
    os.close(devnull)
    return code if code not in (0, PIPE_CLOSED) else PIPE_CLOSED


def system_error(exc: Exception) -> str:
    """What the system refused, as path: reason (no traceback): the build stopped before its commit point."""
    if isinstance(exc, sqlite3.Error):
        return f".cache/majalla.sqlite: the build cache cannot be used ({exc}); output/ is as it was"
    if getattr(exc, "errno", None) in (errno.ENOSPC, errno.EDQUOT):
        return "the disk is full: the site could not be written; free some space and build again (output/ is as it was)"
    where = exc.filename if getattr(exc, "filename", None) else "majalla"
    return f"{where}: {exc.strerror or exc}; output/ is as it was"


def print_problems(problems, nothing_done: str = NOTHING_DONE) -> None:
    """Every problem, then the count of errors and what the command left as it was (its NOTHING_DONE)."""
    errors = [p for p in problems if not p.warning]
    for p in problems:
        print(p, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}; {nothing_done}", file=sys.stderr)
