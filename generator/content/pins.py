"""Editors' picks and breaking news: `pinned:` puts a story in a named slot of its language's home page,
`breaking:` shows a strip linking it on every page of its language. Both until a time, by the build's clock
(the one of content/expiry.py: SOURCE_DATE_EPOCH, else the real time), so that the hourly rebuild makes them
appear and end; past it the story falls back to the automatic rules.

    pinned: lead                                  # until the line is removed
    pinned: picks
    pinned: { slot: lead, until: 2025-07-01 }     # or the same as two lines under "pinned:"
    breaking: true                                # site.toml breaking_hours after the story's date (6)
    breaking: 2025-07-01T18:00                    # until then

A pin without `until` lasts until it is removed: pinning is an editor's decision and its end one too (a
guessed default of a few days would take a story down from the lead while the editor still wants it there,
with no line in the file saying so). Breaking news is the opposite, a strip that nobody wants forgotten on
every page: its default ends by itself."""
from __future__ import annotations

import datetime as dt
import difflib
from typing import NamedTuple

from ..errors import Problem
from ..text import dates

SLOTS = ("lead", "picks")
PIN_KEYS = ("slot", "until")
PIN_SHAPE = "pinned: lead, pinned: picks, or with an end, pinned: then  slot: lead  and  until: 2025-07-01  on the next two lines"
BREAKING_SHAPE = "breaking: true (for breaking_hours of site.toml) or breaking: 2025-07-01T18:00 (until then)"


class Pin(NamedTuple):
    slot: str  # one of SLOTS
    until: dt.datetime | None  # None: until the line is removed


def active(until: dt.datetime | None, now: dt.datetime) -> bool:
    return until is None or now < until


def read_pin(value, at, published: dt.datetime | None, timezone: str, error) -> Pin | None:
    """`pinned:`'s value as a Pin; `at(key)` the line of a key of it (None: the line of `pinned:`)."""
    if value is None or value is False:
        return None
    if isinstance(value, dict):
        if all(v in (None, "") for v in value.values()):  # the browser editor's pin left empty
            return None
        for key in value:
            if key not in PIN_KEYS:
                error(at(key), f'pinned: unknown key "{key}"; write {PIN_SHAPE}')
        slot, until = value.get("slot"), value.get("until")
        if slot is None:
            error(at(None), f"pinned: say which slot of the home page (slot: lead or slot: picks): {PIN_SHAPE}")
            return None
    else:
        slot, until = value, None
    if value is True:
        error(at(None), f"pinned: say which slot of the home page, not true: {PIN_SHAPE}")
        return None
    if not isinstance(slot, str) or slot.strip() not in SLOTS:
        close = difflib.get_close_matches(str(slot).strip().lower(), SLOTS, n=1, cutoff=0.5)
        hint = f'did you mean "{close[0]}"? ' if close else ""
        error(at("slot" if isinstance(value, dict) else None),
              f'pinned: "{slot}" is not a slot of the home page: {hint}the slots are lead and picks ({PIN_SHAPE})')
        return None
    when = None
    if until is not None:
        when = moment("pinned: until", until, at("until" if isinstance(value, dict) else None), published, timezone,
                      error, "give the day the pin ends, after the story's date, or leave until out (until removed)")
        if when is None:
            return None
    return Pin(slot.strip(), when)


def read_breaking(value, line: int, published: dt.datetime | None, hours: int, timezone: str,
                  error) -> dt.datetime | None:
    """When `breaking:`'s strip ends: true is `hours` after the story's date; a date is that date."""
    if value is None or value is False:
        return None
    if value is True:
        if published is None:
            return None
        try:
            return (published + dt.timedelta(hours=hours)).astimezone(dates.ZoneInfo(timezone))
        except OverflowError:  # a story dated in the last hours of 9999: its strip ends as it begins
            return published.astimezone(dates.ZoneInfo(timezone))
    return moment("breaking", value, line, published, timezone, error,
                  "give the time the strip ends, after the story's date, or write breaking: true")


def moment(what: str, value, line: int, published, timezone: str, error, fix: str) -> dt.datetime | None:
    try:
        when = dates.parse(value, timezone)
    except dates.DateError as exc:
        error(line, f"{what}: {exc} ({BREAKING_SHAPE if what == 'breaking' else PIN_SHAPE})")
        return None
    if published and when <= published:
        error(line, f"{what} ({when:%Y-%m-%d %H:%M}) is not after the story's date ({published:%Y-%m-%d %H:%M}): {fix}")
        return None
    return when.astimezone(dates.ZoneInfo(timezone))


def breaking_now(articles: dict, ids, now: dt.datetime) -> str | None:
    """The story of a language's breaking-news strip: the newest of `ids` (published, newest first) whose
    `breaking:` has not ended. Only one: a strip of several is a second front page."""
    return next((i for i in ids if (end := articles[i].breaking) is not None and now < end), None)


def ended(parsed, now: dt.datetime) -> list[Problem]:
    """For `check`: the pins and strips whose end has passed, still in the front matter, where they do nothing.
    Notes, not warnings: time alone makes them, and the hourly Pages workflow runs `check --strict` first (a
    warning would stop the site's builds a few hours after every breaking story)."""
    found = []
    for a in sorted(parsed, key=lambda a: a.source):
        if a.pinned and a.pinned.until is not None and not active(a.pinned.until, now):
            found.append(Problem(a.source, a.line("pinned"), (
                f"pinned: the pin to {a.pinned.slot} ended on {a.pinned.until:%Y-%m-%d %H:%M}: the story is back in "
                "its place by date; delete pinned: (with its slot and until) from the front matter"),
                warning=True, note=True))
        if a.breaking is not None and not active(a.breaking, now):
            found.append(Problem(a.source, a.line("breaking"), (
                f"breaking: the strip ended on {a.breaking:%Y-%m-%d %H:%M}: delete the line breaking: from the "
                "front matter"), warning=True, note=True))
    return found


def times(parsed, now: dt.datetime) -> list[float]:
    """The times still to come at which a pin or a breaking strip ends: the output goes stale then."""
    ends = [t for a in parsed for t in (a.pinned.until if a.pinned else None, a.breaking) if t is not None]
    return [t.timestamp() for t in ends if t > now]
