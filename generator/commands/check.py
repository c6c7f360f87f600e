"""The `check` command: the whole site validated by the build's own stages (build/checking.py), nothing written
to output/; every problem printed at its path:line, then the notes (old drafts). `--strict` makes warnings fail
(for CI): a valid site passes it with nothing to say."""
from __future__ import annotations

import sys

from ..build.checking import check_site
from ..build.options import BuildOptions

NOTHING_DONE = "nothing was checked"  # after an error it cannot report itself


def arguments(parser) -> None:
    parser.add_argument("--strict", action="store_true", help="warnings fail too (exit code 1): for CI")
    parser.add_argument("--drafts", action="store_true", help="check as a build with --drafts would")
    parser.add_argument("--future", action="store_true", help="check as a build with --future would")
    parser.add_argument("--base-url", metavar="URL", help="override site.toml's base_url")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes; default: every CPU")


def run(args) -> int:
    options = BuildOptions(site=args.site, drafts=args.drafts, future=args.future, base_url=args.base_url, jobs=args.jobs)
    checked = check_site(options)
    problems, articles = checked.problems, checked.articles
    errors = [p for p in problems if not p.warning]
    warnings = [p for p in problems if p.warning and not p.note]
    notes = [p for p in problems if p.note]
    for p in problems:
        if not (args.quiet and p.warning and (p.note or not args.strict)):
            print(p)
    if not args.quiet:
        for note in (*checked.old_drafts, *checked.tag_pairs):
            print(note)
    plural = lambda n, word: f"{n} {word}{'s' if n != 1 else ''}"  # noqa: E731
    failed = bool(errors) or (args.strict and bool(warnings))
    if not args.quiet or failed:
        strict = " (--strict: warnings fail)" if args.strict and warnings else ""
        drafts = f", {plural(len(checked.old_drafts), 'old draft')}" if checked.old_drafts else ""
        drafts += f", {plural(len(checked.tag_pairs), 'tag pair')} to link" if checked.tag_pairs else ""
        drafts += f", {plural(len(notes), 'note')}" if notes else ""
        print(f"checked {plural(articles, 'article')}: {plural(len(errors), 'error')}, "
              f"{plural(len(warnings), 'warning')}{drafts}{strict}", file=sys.stderr if failed else sys.stdout)
    return 1 if failed else 0
