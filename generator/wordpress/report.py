"""The import report, as the `import-wordpress` command prints it: what was imported, what was skipped and why,
the shortcodes, pictures and old addresses left."""
from __future__ import annotations

from collections import Counter

from .importer import Report


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render(report: Report, verbose: bool = False) -> str:
    """The import report: imported, skipped (with why), shortcodes left, images missing, aliases skipped."""
    new_articles = [p for p in report.new if p.endswith(".md")]
    lines = list(report.said) + [f"imported {plural(len(report.articles), 'article')}: {len(new_articles)} new"
             + (f", {plural(len(report.unchanged), 'file')} unchanged" if report.unchanged else "")
             + (f", {len(report.overwritten)} overwritten" if report.overwritten else "")
             + (f", {len(report.kept)} kept as they are (they differ: --overwrite replaces them)" if report.kept else "")]
    lines += [f"  new: {p}" for p in report.new if verbose or p.endswith(".md")]
    lines += [f"  kept: {p}" for p in report.kept]
    posts = [s for s in report.skipped if s.what.startswith("post ")]
    others = Counter(s.why for s in report.skipped if not s.what.startswith("post "))
    if report.skipped:
        lines.append(f"skipped {len(report.skipped)}:")
        lines += [f"  {s.where}: {s.what}: {s.why}" for s in posts]
        if verbose:
            lines += [f"  {s.where}: {s.what}: {s.why}" for s in report.skipped if s not in posts]
        else:
            lines += [f"  {n} × {why}" for why, n in sorted(others.items())]
    if report.pages:
        lines.append(f"pages, not imported: {len(report.pages)}")
        lines += [f"  {s.where}: {s.what}" for s in report.pages]
    if report.shortcodes:
        lines.append(f"shortcodes left as text: {len(report.shortcodes)} (edit them by hand)")
        lines += [f"  {path}: {code}" for path, code in report.shortcodes]
    kept, left = report.comments
    if kept or left:
        lines.append(f"comments: {kept} approved kept under their articles (as text, without e-mails or IP addresses), "
                     f"{left} left out (pending, spam, trashed, pingbacks and trackbacks"
                     + (", and all of them with comments=False)" if not kept and left else ")"))
    if report.notes:
        lines.append(f"carried differently or left out: {len(report.notes)} (see each article)")
        lines += [f"  {path}: {note}" for path, note in report.notes]
    if report.images_missing:
        lines.append(f"images missing from the uploads folder: {len(report.images_missing)} (kept as links)")
        lines += [f"  {path}: {url}" for path, url in report.images_missing]
    if report.images_linked:
        lines.append(f"images still on the old site: {len(report.images_linked)} (--uploads DIR copies them)")
        if verbose:
            lines += [f"  {path}: {url}" for path, url in report.images_linked]
    if report.skipped_aliases:
        lines.append(f"skipped aliases: {len(report.skipped_aliases)} (no redirect page for these old addresses)")
        lines += [f"  {s.where}: {s.what}: {s.why}" for s in report.skipped_aliases]
    return "\n".join(lines)

