"""The command line: `majalla` / `python build.py` [build|serve|new|check|...] [options]."""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from . import __version__
from .errors import BuildError

COMMANDS: dict = {}  # name -> (help, add_arguments, run): filled by the modules of each command


def command(name: str, help: str):
    def register(fn):
        COMMANDS[name] = (help, fn)
        return fn
    return register


def common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--site", type=Path, default=Path("."), metavar="DIR",
                        help="the site folder (with site.toml and content/); default: here")
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every page written")


def build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--output", type=Path, metavar="DIR", help="where to write the site; default: SITE/output")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--future", action="store_true", help="include articles dated in the future")
    parser.add_argument("--base-url", metavar="URL", help="override site.toml's base_url (preview deployments)")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes; default: every CPU")
    parser.add_argument("--clean", action="store_true", help="ignore the build cache and rebuild everything")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="skip the search index (a quicker preview; the search page then says so)")


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="majalla", description="Build an Arabic-first, bilingual news magazine.")
    p.add_argument("--version", action="version", version=f"majalla {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name, (help_text, fn) in sorted(COMMANDS.items()):
        sp = sub.add_parser(name, help=help_text, description=help_text)
        common(sp)
        fn(sp)
    return p


def main(argv: list[str] | None = None) -> int:
    from .commands import build as commands  # noqa: F401  (registers the commands)

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS and argv[0] not in ("-h", "--help", "--version"):
        argv.insert(0, "build")
    args = parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except BuildError as exc:
        print_problems(exc.problems)
        return 1
    except KeyboardInterrupt:
        print("interrupted; output/ is as it was before this build", file=sys.stderr)
        return 130


def run() -> None:
    """The command line's entry point: main(), then exit at once, without freeing the site's objects one by
    one as the interpreter otherwise would (about a second after a build of 20,000 articles)."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def print_problems(problems) -> None:
    errors = [p for p in problems if not p.warning]
    for p in problems:
        print(p, file=sys.stderr)
    if errors:
        print(f"{len(errors)} error{'s' if len(errors) != 1 else ''}; nothing was written (output/ is as it was)",
              file=sys.stderr)
