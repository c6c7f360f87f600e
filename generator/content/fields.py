"""The front matter's keys checked one by one: each value of the type it must be (text, a list of names, true or
false, a date, a slug), normalized (NFC, trimmed), or its mistake reported at its line with the fix."""
from __future__ import annotations

import datetime as dt
import difflib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath

from ..errors import Problem
from ..text import dates
from ..text.arabic import SLUG_MAX_BYTES, shorten, whole_slug
from . import aliases as old_urls, front_matter_hints as hints, limits, names
from .corrections import Correction, read_corrections
from .pins import Pin, read_breaking, read_pin
from .series import read_part

KNOWN_KEYS = (
    "title", "date", "updated", "author", "dateline", "section", "tags", "translation_key", "slug",
    "summary", "image", "image_alt", "image_caption", "image_credit", "featured", "draft", "lang", "aliases",
    "translator", "corrections", "series", "part", "expires",  # issue 21: content/corrections.py, series.py, expiry.py
    "pinned", "breaking",  # content/pins.py
)


@dataclass(frozen=True)
class FrontMatter:
    """An article's front matter as read (its values, the line of each key); the mistakes found in it are
    added to `problems`, in the order they are found."""

    source: str
    values: Mapping[str, object]
    lines: Mapping[str, int]
    problems: list[Problem]

    def at(self, key: str) -> int:
        return self.lines.get(key, 1)

    def error(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message))

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.source, line, message, warning=True))


@dataclass(frozen=True)
class Fields:
    """The front matter's values, checked; None where a value is missing or wrong (its problem reported)."""

    title: str | None
    date: dt.datetime | None
    updated: dt.datetime | None
    authors: tuple[str, ...]
    translators: tuple[str, ...]
    dateline: str | None
    section: str | None
    tags: tuple[str, ...]
    aliases: tuple[str, ...]
    summary: str | None
    image: str | None
    image_alt: str | None
    image_caption: str | None
    image_credit: str | None
    featured: bool
    draft: bool
    corrections: tuple[Correction, ...]
    series: str | None
    part: int | None
    expires: dt.datetime | None
    pinned: Pin | None
    breaking: dt.datetime | None
    lang: str  # `lang:` when it is one of the site's, else the folder's
    rel: str  # "2024/06/x": the path below content/<lang>/, without ".md"
    translation_key: str
    slug: str | None

    @property
    def complete(self) -> bool:
        """Whether the article has what it cannot do without (a title, a date, a slug)."""
        return self.title is not None and self.date is not None and self.slug is not None


def read_fields(fm: FrontMatter, lang: str, timezone: str, codes: Mapping[str, str], breaking_hours: int) -> Fields:
    """Every key of the front matter checked, in the order writers read them. `lang`: the folder's language;
    `codes`: {code: direction} of the site's languages; `breaking_hours`: how long `breaking: true` lasts."""
    warn_unknown_keys(fm)
    title = text_value(fm, "title", required=True)
    date = when(fm, "date", timezone, required=True)
    updated = when(fm, "updated", timezone)
    authors, translators = text_list(fm, "author"), text_list(fm, "translator")
    dateline, section = text_value(fm, "dateline"), text_value(fm, "section")
    tags = text_list(fm, "tags")
    aliases = old_addresses(fm)
    summary = text_value(fm, "summary")
    image, image_alt, image_caption = text_value(fm, "image"), text_value(fm, "image_alt"), text_value(fm, "image_caption")
    image_credit = text_value(fm, "image_credit")
    featured, draft = flag(fm, "featured"), flag(fm, "draft")
    corrections = read_corrections(
        fm.values.get("corrections"), lambda n, sub: fm.lines.get(".".join(str(p) for p in ("corrections", n, sub)
                                                                          if p is not None), fm.at("corrections")),
        date, timezone, fm.error)
    series = text_value(fm, "series")
    part = read_part(fm.values.get("part"), series, fm.at("part"), fm.error, describe) if "part" in fm.values else None
    expires = when(fm, "expires", timezone)
    if expires and date and expires <= date:
        fm.error(fm.at("expires"), f"expires ({expires:%Y-%m-%d %H:%M}) is not after the article's date "
                                   f"({date:%Y-%m-%d %H:%M}): give the day it is to be taken down, after publication")
    pinned = read_pin(fm.values.get("pinned"),
                      lambda sub: fm.lines.get(f"pinned.{sub}", fm.at("pinned")) if sub else fm.at("pinned"),
                      date, timezone, fm.error)
    breaking = read_breaking(fm.values.get("breaking"), fm.at("breaking"), date, breaking_hours, timezone, fm.error)
    lang = language(fm, lang, codes)
    rel = unicodedata.normalize("NFC", str(PurePosixPath(*PurePosixPath(fm.source).parts[2:]).with_suffix("")))
    key = text_value(fm, "translation_key") or rel
    slug = check_slug(fm.values.get("slug"), fm.at("slug"), PurePosixPath(rel).name, fm.error, fm.warn)
    if updated and date and updated < date:
        fm.warn(fm.at("updated"), "updated is earlier than date")
    return Fields(title, date, updated, authors, translators, dateline, section, tags, aliases, summary, image,
                  image_alt, image_caption, image_credit, featured, draft, corrections, series, part, expires, pinned,
                  breaking, lang, rel, key, slug)


def warn_unknown_keys(fm: FrontMatter) -> None:
    """A key majalla does not know that is close to one it knows: a warning naming the one meant."""
    for key in fm.values:
        if key not in KNOWN_KEYS:
            close = difflib.get_close_matches(key, KNOWN_KEYS, n=1, cutoff=0.75)
            if close:
                fm.warn(fm.at(key), f'unknown key "{key}": did you mean "{close[0]}"?')


def text_value(fm: FrontMatter, key: str, required: bool = False) -> str | None:
    """A key's text (a number is read as text), in NFC, trimmed; None when it is missing or empty."""
    value = fm.values.get(key)
    if value is None:
        if required:
            fm.error(fm.at(key), f'"{key}" is empty' if key in fm.values else f'"{key}" is missing')
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        fm.error(fm.at(key), f'"{key}" must be text, not {describe(value)}')
        return None
    value = unicodedata.normalize("NFC", str(value)).strip()
    if limits.not_text(value):
        fm.error(fm.at(key), f'"{key}" holds an escape that is not a character (a lone surrogate like \\ud800)')
        return None
    if required and not value:
        fm.error(fm.at(key), f'"{key}" is empty')
        return None
    return value or None


def text_list(fm: FrontMatter, key: str) -> tuple[str, ...]:
    """A key's list of names (one name alone for `author`, `translator` and `aliases`), each in NFC, trimmed."""
    value = fm.values.get(key)
    if value is None:
        return ()
    if isinstance(value, str) and key in ("author", "translator", "aliases"):
        value = [value]
    if not isinstance(value, list):
        hint = hints.string_for_list(key, value) if isinstance(value, str) else ""
        fm.error(fm.at(key), f'"{key}" must be a list of text, not {describe(value)}{hint}')
        return ()
    if too_many := limits.names(key, len(value)):
        fm.error(fm.at(key), too_many)
        return ()
    items = []
    for item in value:
        if not isinstance(item, str):
            fm.error(fm.at(key), f'"{key}" must hold only text; {item!r} is {describe(item)} (put it in quotes)')
            continue
        item = unicodedata.normalize("NFC", item).strip()
        if limits.not_text(item):
            fm.error(fm.at(key), f'"{key}" holds an escape that is not a character (a lone surrogate like \\ud800)')
            continue
        if not item:
            fm.error(fm.at(key), f'"{key}" holds an empty name')
            continue
        items.append(item)
    mistake = hints.separator_in_list(key, tuple(items)) if key in hints.NAME_OF else None
    if mistake:
        fm.error(fm.at(key), mistake)
        return ()
    return tuple(items)


def flag(fm: FrontMatter, key: str) -> bool:
    value = fm.values.get(key, False)
    if value is None:
        return False
    if not isinstance(value, bool):
        fm.error(fm.at(key), f'"{key}" must be true or false, not {describe(value)}')
        return False
    return value


def when(fm: FrontMatter, key: str, timezone: str, required: bool = False) -> dt.datetime | None:
    """A key's date (and time), in the site's timezone when it gives none (text.dates)."""
    if fm.values.get(key) is None:
        if required:
            fm.error(fm.at(key), f'"{key}" is empty' if key in fm.values else f'"{key}" is missing')
        return None
    try:
        return dates.parse(fm.values[key], timezone)
    except dates.DateError as exc:
        fm.error(fm.at(key), f"{key}: {exc}")
        return None


def old_addresses(fm: FrontMatter) -> tuple[str, ...]:
    """`aliases:`, the article's old addresses, each normalized (content.aliases), each once."""
    found = []
    for alias in text_list(fm, "aliases"):
        path, why = old_urls.normalize(alias)
        if path is None:
            fm.error(fm.at("aliases"), why)
        elif path not in found:
            found.append(path)
    return tuple(found)


def language(fm: FrontMatter, folder: str, codes: Mapping[str, str]) -> str:
    """`lang:` when it is one of the site's languages (else its mistake), or the folder's language."""
    value = text_value(fm, "lang")
    if value is None:
        return folder
    if value not in codes:
        fm.error(fm.at("lang"), f'lang "{value}" is not one of the languages in site.toml ({", ".join(codes)})')
        return folder
    return value


def check_slug(value, line: int, file_stem: str, error, warn) -> str | None:
    """The article's URL segment: `slug:` when given (checked), else its file name, both slugified and,
    when longer than the one rule of text.arabic allows, cut (with a warning)."""
    if value is None:
        slug = whole_slug(file_stem)
        if not slug:
            error(1, f'the file name "{file_stem}" gives an empty slug; rename the file or add "slug:"')
            return None
        return cut_slug(slug, 1, "its file name", "rename the file or give it a shorter slug:", warn)
    if not isinstance(value, (str, int)) or isinstance(value, bool):
        error(line, f'"slug" must be text, not {describe(value)}')
        return None
    value = str(value)
    if any(ch in value for ch in "/\\") or ".." in value:
        error(line, f'slug "{value}" may not contain "/", "\\" or ".."; it is one URL segment')
        return None
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\u200c\u200d" for ch in value):
        error(line, f"slug {value!r} contains control characters")
        return None
    slug = whole_slug(value)
    if not slug:
        error(line, f'slug "{value}" has no letters or digits')
        return None
    if names.reserved(slug):
        error(line, f'slug "{value}" is {names.RESERVED_WHY}; give another slug')
        return None
    return cut_slug(slug, line, "slug:", "give a shorter slug:", warn)


def cut_slug(slug: str, line: int, origin: str, fix: str, warn) -> str:
    cut = shorten(slug)
    if cut != slug:
        warn(line, f"the slug (from {origin}) is {len(slug.encode())} bytes, over {SLUG_MAX_BYTES} (100 Arabic "
                   f'letters): the article\'s URL ends in "{cut}"; {fix}')
    return cut


def describe(value) -> str:
    """A value as a writer would name it, for a message: a number, a list, text ("...")."""
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if isinstance(value, str):
        return f'text ("{value}")'
    return type(value).__name__
