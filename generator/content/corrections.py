"""Corrections and updates: `corrections:` on an article, a list of a date and a text each, read and checked
entry by entry (each mistake at its own line), and what follows from them: the article's last change."""
from __future__ import annotations

import datetime as dt
import unicodedata
from typing import NamedTuple
from zoneinfo import ZoneInfo

from ..text import dates
from . import limits

KEY = "corrections"
ENTRY_KEYS = ("date", "text")
SHAPE = "each entry is a date and a text, like  - date: 2024-06-27  then  text: \"...\"  on the next line"


class Correction(NamedTuple):
    """One correction, as the article's page, its JSON-LD and the corrections page show it."""

    date: dt.datetime  # aware, in the site's timezone; never before the article's date
    text: str


def read_corrections(value, line_of, published: dt.datetime | None, timezone: str, error) -> tuple[Correction, ...]:
    """The corrections of `value` (the front matter's `corrections:`), latest first (two of one time in the
    order written). `line_of(n, key)` is the line of entry n (0-based; key None: the entry's first line),
    `published` the article's date, `error(line, message)` reports a mistake."""
    if value is None:
        return ()
    if not isinstance(value, list):
        error(line_of(None, None), f'"{KEY}" must be a list of entries ({SHAPE})')
        return ()
    found = []
    for n, entry in enumerate(value):
        where = f"{KEY}: entry {n + 1}"
        at = lambda key=None: line_of(n, key)  # noqa: E731
        if not isinstance(entry, dict):
            error(at(), f"{where} is not a date and a text ({SHAPE})")
            continue
        for key in entry:
            if key not in ENTRY_KEYS:
                error(at(key), f'{where}: unknown key "{key}"; {SHAPE}')
        when = entry_date(entry, where, at, published, timezone, error)
        text = entry.get("text")
        if text is None or (isinstance(text, str) and not text.strip()):
            error(at("text" if "text" in entry else None),
                  f'{where} has no text: say what was corrected, like  text: "..."  under its date')
            continue
        if not isinstance(text, (str, int, float)) or isinstance(text, bool):
            error(at("text"), f"{where}: text must be a sentence, not {type(text).__name__}; put it in quotes")
            continue
        text = unicodedata.normalize("NFC", str(text)).strip()
        if limits.not_text(text):
            error(at("text"), f"{where}: text holds an escape that is not a character (a lone surrogate like \\ud800)")
            continue
        if when is not None:
            found.append(Correction(when, text))
    order = sorted(range(len(found)), key=lambda k: (-found[k].date.timestamp(), k))
    return tuple(found[k] for k in order)


def entry_date(entry: dict, where: str, at, published, timezone: str, error) -> dt.datetime | None:
    if entry.get("date") is None:
        error(at("date" if "date" in entry else None), f"{where} has no date: give the day of the correction, "
                                                       f"like  - date: 2024-06-27  (then its text)")
        return None
    try:
        when = dates.parse(entry["date"], timezone).astimezone(ZoneInfo(timezone))
    except dates.DateError as exc:
        error(at("date"), f"{where}: date: {exc}")
        return None
    if published is None:
        return when
    day_only = isinstance(entry["date"], str) and dates.DATE_ONLY.match(entry["date"].strip().translate(dates.DIGITS))
    published = published.astimezone(ZoneInfo(timezone))
    if day_only and when.date() == published.date():
        return max(when, published)  # corrected the day it was published: after it
    if when < published:
        error(at("date"), f"{where} is dated {when:%Y-%m-%d}, before the article was published "
                          f"({published:%Y-%m-%d}): a correction comes after publication; give its own date")
        return None
    return when


def last_change(updated: dt.datetime | None, corrections: tuple[Correction, ...]) -> dt.datetime | None:
    """When the article last changed: its `updated:` or its latest correction, whichever is later."""
    times = [t for t in (updated, corrections[0].date if corrections else None) if t is not None]
    return max(times) if times else None
