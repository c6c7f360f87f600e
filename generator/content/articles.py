"""One Markdown file to one Article: the file read and split (front_matter), its keys checked (fields), its
body made HTML (body), and the Article assembled from them, with every problem at its line."""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from .. import __version__
from ..errors import Problem
from ..text import dates
from ..text.arabic import cut_at_word
from . import front_matter_hints as hints, markup
from .body import render_body
from .corrections import Correction
from .fields import KNOWN_KEYS, Fields, FrontMatter, read_fields
from .front_matter import load_mapping, split
from .pins import Pin
from .sources import read_text


@dataclass(frozen=True)
class Article:
    """An article as the site model sees it. Its HTML body lives in the build cache, keyed by `body_digest`."""

    source: str  # "content/ar/2024/06/x.md"
    lang: str
    rel: str  # "2024/06/x": the path below content/<lang>/, without ".md"
    title: str
    date: dt.datetime  # aware, in the site's timezone
    updated: dt.datetime | None
    authors: tuple[str, ...]
    dateline: str | None
    section: str | None
    tags: tuple[str, ...]
    translation_key: str
    slug: str
    summary: str
    image: str | None
    image_alt: str | None
    image_caption: str | None
    featured: bool
    draft: bool
    aliases: tuple[str, ...]
    extra: tuple[tuple[str, object], ...]  # unknown keys, kept for the templates
    toc: str
    words: int
    links: tuple[str, ...]
    images: tuple[tuple[str, str], ...]  # (src, alt) of the body's pictures
    body_digest: str
    lines: tuple[tuple[str, int], ...]  # front-matter key -> line, for later errors
    image_credit: str | None = None  # who made the lead picture (image_credit:), printed under its caption
    translators: tuple[str, ...] = ()  # `translator:`: who translated this version (a name or a list)
    corrections: tuple[Correction, ...] = ()  # latest first (content/corrections.py)
    series: str | None = None  # the series (dossier) it is a part of (content/series.py)
    part: int | None = None  # its place in the series, when given; else its date orders it
    expires: dt.datetime | None = None  # taken down from then on (content/expiry.py)
    pinned: Pin | None = None  # a slot of the home page, until a time (content/pins.py)
    breaking: dt.datetime | None = None  # the breaking-news strip shows it until then (content/pins.py)

    def line(self, key: str) -> int:
        return dict(self.lines).get(key, 1)


@dataclass(frozen=True)
class Parsed:
    article: Article | None
    html: str
    problems: tuple[Problem, ...]


def parse_key(data: bytes, source: str, lang: str, settings: "ParseSettings") -> str:
    """The cache key of a parsed article: its bytes, its place, the converter and the settings it depends on."""
    h = hashlib.sha256(data)
    h.update(f"\0{source}\0{lang}\0{settings.key}\0{markup.SETTINGS_VERSION}\0{__version__}".encode())
    return h.hexdigest()


@dataclass(frozen=True)
class ParseSettings:
    timezone: str
    directions: tuple[tuple[str, str], ...]  # (code, "rtl"|"ltr") of every language of the site
    refuse_scripts: bool = False  # site.toml's: a script in the body is an error, else a note
    breaking_hours: int = 6  # how long `breaking: true` shows its strip (site.toml breaking_hours)

    @classmethod
    def of(cls, config) -> "ParseSettings":
        """The settings of site.toml's Config that an article's reading depends on."""
        return cls(config.timezone, tuple((lang.code, lang.dir) for lang in config.languages), config.refuse_scripts,
                   config.breaking_hours)

    @property
    def key(self) -> str:
        return (f"{self.timezone}|{self.directions}|{self.breaking_hours}"
                + ("|refuse_scripts" if self.refuse_scripts else ""))


def parse(data: bytes, source: str, lang: str, settings: ParseSettings) -> Parsed:
    """Parse one article file. `source` is its path from the site root (content/<lang>/...)."""
    problems: list[Problem] = []
    failed = lambda: Parsed(None, "", tuple(problems))  # noqa: E731
    text, bad_line, message = read_text(data)
    if text is None:
        problems.append(Problem(source, bad_line, message))
        return failed()
    fm_text, body, first_line, message = split(text)
    if fm_text is None:
        problems.append(Problem(source, 1, message))
        return failed()
    values, lines, yaml_problems = load_mapping(fm_text, first_line)
    problems.extend(Problem(source, line, message) for line, message in yaml_problems)
    if yaml_problems and not values:
        return failed()
    fm = FrontMatter(source, values, lines, problems)
    codes = dict(settings.directions)
    fields = read_fields(fm, lang, settings.timezone, codes, settings.breaking_hours)
    if not body.strip() and not fields.draft and values.get("draft") in (False, None):  # a wrong draft: has its error
        fm.error(hints.closing_line(text), hints.NO_TEXT)
    if any(p.line and not p.warning for p in problems) or not fields.complete:
        return failed()
    rendered = render_body(source, text, body, fields.lang, codes.get(fields.lang) == "rtl", settings.refuse_scripts,
                           problems)
    if rendered is None:
        return failed()
    return Parsed(assemble(source, fields, values, lines, rendered, settings.timezone), rendered.html,
                  tuple(problems))


def assemble(source: str, f: Fields, values: dict, lines: dict, rendered: markup.Rendered, timezone: str) -> Article:
    """The Article of checked fields and a rendered body: its dates in the site's timezone, its summary the
    one given (cut at a word) or the body's first paragraph, the keys majalla does not know kept for templates."""
    zone = dates.ZoneInfo(timezone)
    return Article(
        source=source, lang=f.lang, rel=f.rel, title=f.title, date=f.date.astimezone(zone),
        updated=f.updated.astimezone(zone) if f.updated else None,
        authors=f.authors, dateline=f.dateline, section=f.section, tags=f.tags, translation_key=f.translation_key,
        slug=f.slug, summary=cut_at_word(f.summary, 400) if f.summary else rendered.first_paragraph,
        image=f.image, image_alt=f.image_alt, image_caption=f.image_caption, image_credit=f.image_credit,
        featured=f.featured, draft=f.draft, aliases=f.aliases,
        extra=tuple((k, v) for k, v in values.items() if k not in KNOWN_KEYS),
        toc=rendered.toc, words=rendered.words, links=rendered.links, images=rendered.images,
        body_digest=hashlib.sha256(rendered.html.encode()).hexdigest()[:20],
        lines=tuple(sorted(lines.items())), translators=f.translators, corrections=f.corrections, series=f.series,
        part=f.part, expires=f.expires.astimezone(zone) if f.expires else None, pinned=f.pinned, breaking=f.breaking,
    )
