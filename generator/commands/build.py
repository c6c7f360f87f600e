"""The `build` command (the default): the site built into output/, one line of summary, a progress bar on long
builds."""
from __future__ import annotations

import sys
from pathlib import Path

from ..build.options import BuildOptions
from ..build.pipeline import build

NOTHING_DONE = "nothing was written (output/ is as it was)"  # after an error
PROGRESS_FROM = 300  # pages: smaller builds finish before a bar is worth drawing


def arguments(parser) -> None:
    parser.add_argument("--output", type=Path, metavar="DIR", help="where to write the site; default: SITE/output")
    parser.add_argument("--drafts", action="store_true", help="include articles marked draft: true")
    parser.add_argument("--future", action="store_true", help="include articles dated in the future")
    parser.add_argument("--base-url", metavar="URL", help="override site.toml's base_url (preview deployments)")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="worker processes; default: every CPU")
    parser.add_argument("--clean", action="store_true", help="ignore the build cache and rebuild everything")
    parser.add_argument("--no-search", dest="search", action="store_false",
                        help="skip the search index (a quicker preview; the search page then says so)")
    parser.add_argument("--no-wait", dest="wait", action="store_false",
                        help="stop at once when another build is writing the output folder (default: wait for it)")


def run(args) -> int:
    with Progress(enabled=not args.quiet and sys.stderr.isatty()) as progress:
        report = build(BuildOptions(site=args.site, output=args.output, drafts=args.drafts, future=args.future,
                               base_url=args.base_url, jobs=args.jobs, clean=args.clean, search=args.search,
                               progress=progress, wait=args.wait))
    for w in report.warnings:
        if not args.quiet:
            print(w, file=sys.stderr)
    if args.verbose:
        for path in report.rendered_paths:
            print(f"  wrote {path}")
    if not args.quiet:
        print(summary(report))
    return 0


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def summary(report) -> str:
    """«built 8 pages (ar 5, fr 3) in 0.52 s; files: 12 rendered, 3 copied, 40 unchanged; 1 warning»: the
    HTML pages of the site per language, then what this build did to output/'s files (feeds, sitemaps and
    pictures are files too)."""
    per_language = ", ".join(f"{lang} {n}" for lang, n in report.pages.items())
    pages = f"{plural(sum(report.pages.values()), 'page')} ({per_language})"
    if not report.wrote:
        done = "up to date, nothing written"
    else:
        done = f"files: {report.rendered} rendered, {report.copied} copied, {report.reused} unchanged"
        if report.removed:
            done += f", {report.removed} removed"
    if report.images:
        done += f", {plural(report.images, 'picture file')} made"
    if report.search == "indexed":
        done += f", search index built in {report.search_seconds:.2f} s"
    notes = sum(1 for w in report.warnings if getattr(w, "note", False))
    warnings = f"; {plural(len(report.warnings) - notes, 'warning')}" if len(report.warnings) > notes else ""
    warnings += f"; {plural(notes, 'note')}" if notes else ""
    return f"built {pages} in {report.seconds:.2f} s; {done}{warnings}"


class Progress:
    """A rich progress bar, shown only on a terminal and only for long phases."""

    def __init__(self, enabled: bool):
        self.enabled, self.bar, self.tasks = enabled, None, {}

    def __enter__(self):
        return self

    def __call__(self, phase: str, done: int, total: int) -> None:
        if not self.enabled or total < PROGRESS_FROM:
            return
        if self.bar is None:
            from rich.progress import Progress as Bar

            self.bar = Bar(transient=True, auto_refresh=False)
            self.bar.start()
        if phase not in self.tasks:
            self.tasks[phase] = self.bar.add_task({"parse": "parsing", "render": "rendering"}.get(phase, phase),
                                                  total=total)
        self.bar.update(self.tasks[phase], completed=done)
        self.bar.refresh()

    def __exit__(self, *exc):
        if self.bar is not None:
            self.bar.stop()
        return False

