"""Series and dossiers: `series:` groups articles of one language (a taxonomy of content/taxonomies.py, with a
page and a feed of its own), `part:` places one of them; the parts in order, and each series' optional intro,
a Markdown file `content/<lang>/series/<key or slug>.md`."""
from __future__ import annotations

from pathlib import PurePosixPath

SERIES_FOLDER = "series"  # content/<lang>/series/: the intros; a Markdown file there is not an article
MAX_PART = 10_000


def is_intro(source: str) -> bool:
    """Is `source` ("content/ar/series/care.md") a series intro rather than an article?"""
    parts = source.split("/")  # a source is a normalised POSIX path (content.sources): no "//" nor "."
    return len(parts) == 4 and parts[2] == SERIES_FOLDER and parts[3].endswith(".md")


def intro_name(source: str) -> str:
    """"care" of "content/ar/series/care.md": the [series] key or the series' slug the intro is for."""
    return PurePosixPath(source).stem


def read_part(value, series: str | None, line: int, error, describe) -> int | None:
    """`part:`, the article's place in its series: a whole number from 1, with a `series:`."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        error(line, f'"part" must be a whole number (1 for the first part), not {describe(value)}')
        return None
    if not 1 <= value <= MAX_PART:
        error(line, f'"part" must be from 1 (the first part) to {MAX_PART}, not {value}')
        return None
    if series is None:
        error(line, '"part" places the article in a series: give the series too (series: ...)')
        return None
    return value


def in_order(ids, articles: dict) -> tuple[str, ...]:
    """The parts of a series, first to last: those with a `part:` by it, then by date (a part without
    `part:` comes after the numbered ones of the same time), then by file."""
    return tuple(sorted(ids, key=lambda i: (articles[i].part is None, articles[i].part or 0,
                                            articles[i].date.timestamp(), i)))


def read_intros(intros, config, problems) -> dict:
    """{(lang, name): HTML} of the intro files (`name`: the file's stem, a [series] key or a series' slug)."""
    from . import markup
    from .sources import read_text

    directions = {lang.code: lang.dir for lang in config.languages}
    found = {}
    for s in intros:
        text, line, message = read_text(s.path.read_bytes())
        if text is None:
            problems.error(s.source, line, message)
            continue
        found[(s.lang, intro_name(s.source))] = markup.render(text, directions.get(s.lang) == "rtl").html
    return found


def orphan_intros(site, intros) -> list:
    """A warning for each intro file that no series of its language is named by (its [series] key or slug)."""
    from ..errors import Problem

    found = []
    for s in intros:
        name = intro_name(s.source)
        edition = next((e for e in site.editions if e.code == s.lang), None)
        terms = edition.terms.get("series", ()) if edition else ()
        if not any(name in (t.group, t.slug) for t in terms):
            known = ", ".join(sorted({t.group or t.slug for t in terms})) or "none yet"
            found.append(Problem(s.source, 0, f'no series of this language is named "{name}": name the file after '
                                              f"a [series] key of site.toml or a series' address ({known})",
                                 warning=True))
    return found
