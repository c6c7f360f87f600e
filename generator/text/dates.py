"""Publication dates: parsed strictly, made timezone-aware, formatted with Babel (CLDR), never the OS locale."""
from __future__ import annotations

import datetime as dt
import os
import re
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import format_datetime as babel_format_datetime
from babel.dates import get_month_names

DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
DATE_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$")


DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
YEAR_MONTH_DAY = re.compile(r"^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$")
# Arabic-Indic (٠-٩) and Persian (۰-۹) digits, which Arabic keyboards type, read as 0-9: one date however typed
DIGITS = str.maketrans({**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)}})
FORMS = "write YYYY-MM-DD, as in 2024-06-26, or with a time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00"


class DateError(ValueError):
    pass


def not_a_date(written: str, why: str = "") -> DateError:
    """The error of a date that cannot be read: what is wrong when it can be said, and the accepted forms."""
    return DateError(f"{written} is not a date{': ' + why if why else ''} ({FORMS})")


def why_not(text: str) -> str:
    """What is wrong with a date of the right shape ("2024-02-30"), in the writer's terms."""
    year, month, day = (int(part) for part in text[:10].split("-"))
    if not 1 <= month <= 12:
        return f"there is no month {month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return f"{year}-{month:02d} has no day {day:02d}"
    return "the time or its offset is out of range (hours 00 to 23, minutes 00 to 59, offsets up to ±23:59)"


def parse(value: object, timezone: str) -> dt.datetime:
    """A front-matter date (`YYYY-MM-DD`, or a datetime with or without an offset) as an aware datetime.
    Arabic-Indic and Persian digits are read as ASCII ones.

    A date without a time is midnight in the site's timezone; a datetime without an offset is local
    to the site's timezone."""
    if isinstance(value, dt.datetime):
        text = value.isoformat()
    elif isinstance(value, dt.date):
        text = value.isoformat()
    elif isinstance(value, str):
        text = value.strip()
    else:
        raise not_a_date(repr(value))
    written, text = f'"{text}"', text.translate(DIGITS)
    zone = ZoneInfo(timezone)
    if DATE_ONLY.match(text):
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            raise not_a_date(written, why_not(text)) from None
        return in_range(dt.datetime(day.year, day.month, day.day, tzinfo=zone), written, zone)
    if DATE_TIME.match(text):
        iso = text.replace(" ", "T", 1).replace(" ", "")
        try:
            when = dt.datetime.fromisoformat(iso.replace("Z", "+00:00"))
        except ValueError:
            raise not_a_date(written, why_not(text)) from None
        return in_range(when if when.tzinfo else when.replace(tzinfo=zone), written, zone)
    dmy = DAY_MONTH_YEAR.match(text)
    if dmy:
        day, month, year = dmy.groups()
        raise not_a_date(written, written_again("the year comes first", year, month, day))
    ymd = YEAR_MONTH_DAY.match(text)
    if ymd:
        year, month, day = ymd.groups()
        raise not_a_date(written, written_again("write it with hyphens", year, month, day))
    raise not_a_date(written)


def written_again(how: str, year: str, month: str, day: str) -> str:
    """How to write a date given in another order or with slashes: the date written so, when it exists ("the
    year comes first: 2024-06-26"); else what is wrong with it too (30/02/2025: 2025-02 has no day 30)."""
    text = f"{year}-{int(month):02d}-{int(day):02d}"
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return f"{how}, and {why_not(text)}"
    return f"{how}: {text}"


def in_range(when: dt.datetime, written: str, zone: ZoneInfo) -> dt.datetime:
    """`when`, once checked to exist in the site's timezone and in UTC (year 1 and 9999 may not)."""
    try:
        when.astimezone(zone).astimezone(dt.timezone.utc)
    except (OverflowError, ValueError):
        raise DateError(f"{written} is too far in the past or the future (years 0001 to 9999; {FORMS})") from None
    return when


@lru_cache(maxsize=4096)
def format_day(day: dt.date, locale: str, style: str = "long") -> str:
    """«26 يونيو 2024» for ar_MA, «26 juin 2024» for fr_MA."""
    return babel_format_date(day, style, locale=locale)


def format_when(when: dt.datetime, locale: str, style: str = "long") -> str:
    if style in ("short", "medium", "long", "full"):
        return format_day(when.date(), locale, style)
    return babel_format_datetime(when, style, tzinfo=when.tzinfo, locale=locale)


@lru_cache(maxsize=64)
def month_name(month: int, locale: str) -> str:
    return get_month_names("wide", "stand-alone", locale=locale)[month]


@lru_cache(maxsize=4096)
def month_year(year: int, month: int, locale: str) -> str:
    """«يونيو 2024», «juin 2024»."""
    return babel_format_date(dt.date(year, month, 1), "LLLL y", locale=locale)


def build_time(environ=os.environ) -> dt.datetime:
    """The build's clock: SOURCE_DATE_EPOCH (https://reproducible-builds.org/specs/source-date-epoch/)
    when it is set, so that a rebuild of the same sources gives the same files; else the real time."""
    value = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return dt.datetime.now(dt.timezone.utc)
    if value.lstrip().startswith("-") and value.lstrip("- ").isdigit():
        raise DateError(f'"{value}" is before 1970: SOURCE_DATE_EPOCH is a number of seconds since 1970-01-01 UTC')
    try:
        return dt.datetime.fromtimestamp(int(value), dt.timezone.utc)
    except (ValueError, OverflowError, OSError):
        raise DateError(f'"{value}" is not a time: set it to a number of seconds since 1970-01-01 UTC') from None


def rfc3339(when: dt.datetime) -> str:
    """ISO 8601 as RFC 3339 and the XML schemas allow it: an offset in whole minutes. A date before its zone's
    standard time (Casablanca before 1913: -00:30:20, local mean time) is given in UTC instead."""
    offset = when.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        when = when.astimezone(dt.timezone.utc)
    return when.isoformat()
