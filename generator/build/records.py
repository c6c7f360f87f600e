"""What the build cache stores, as data (JSON), never as code: a cache restored from elsewhere (a CI cache
restored by a prefix key, a zipped site passed between colleagues) can hold anything, and reading it must not
run any of it. Pickle would: unpickling calls whatever the bytes name.

An article is a JSON list of its fields in the dataclass's order (dates as ISO 8601 text and their zone's
name); a value that JSON cannot give back exactly (a front-matter key holding a YAML set or binary, say)
is not stored (ValueError): that article is parsed again by the next build, never read back changed."""
from __future__ import annotations

import dataclasses
import datetime as dt
import json
from zoneinfo import ZoneInfo

from ..content.articles import Article
from ..content.corrections import Correction
from ..content.pins import Pin

FIELDS = tuple(f.name for f in dataclasses.fields(Article))
DATES = frozenset({"date", "updated", "expires", "breaking"})
CORRECTIONS_AT = tuple(n for n, name in enumerate(FIELDS) if name == "corrections")  # (date, text) pairs
PINNED_AT = tuple(n for n, name in enumerate(FIELDS) if name == "pinned")  # (slot, date or None), or None
TEXTS = frozenset({"authors", "tags", "aliases", "links", "translators"})  # tuples of text
PAIRS = frozenset({"images", "lines", "extra"})  # tuples of pairs
DATE_AT = tuple(n for n, name in enumerate(FIELDS) if name in DATES)
TEXTS_AT = tuple(n for n, name in enumerate(FIELDS) if name in TEXTS)
PAIRS_AT = tuple(n for n, name in enumerate(FIELDS) if name in PAIRS)  # and extra: (key, value) pairs too
_zones: dict[str, ZoneInfo] = {}


def exact(value) -> bool:
    """Does JSON give `value` back as it is (type for type)?"""
    kind = type(value)
    if kind in (str, int, bool, float) or value is None:
        return True
    if kind is list:
        return all(exact(v) for v in value)
    if kind is dict:
        return all(type(k) is str and exact(v) for k, v in value.items())
    return False


def encode_date(value: dt.datetime | None):
    if value is None:
        return None
    if not isinstance(value.tzinfo, ZoneInfo):
        raise ValueError("a date without a named zone")
    return [value.isoformat(), value.tzinfo.key]


def decode_date(value) -> dt.datetime | None:
    if value is None:
        return None
    text, zone = value
    if zone not in _zones:
        _zones[zone] = ZoneInfo(zone)
    return dt.datetime.fromisoformat(text).astimezone(_zones[zone])


def article_to_bytes(article: Article) -> bytes:
    if not all(type(k) is str and exact(v) for k, v in article.extra):
        raise ValueError("front matter that JSON cannot hold exactly")
    row = []
    for name in FIELDS:
        value = getattr(article, name)
        if name == "corrections":
            value = [[encode_date(c.date), c.text] for c in value]
        elif name == "pinned" and value is not None:
            value = [value.slot, encode_date(value.until)]
        row.append(encode_date(value) if name in DATES else value)
    return json.dumps(row, ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode()


def article_from_bytes(data: bytes) -> Article:
    """An article as stored; ValueError (or TypeError, KeyError) when it is not one this code makes: it is then
    parsed again."""
    row = json.loads(data)
    if type(row) is not list or len(row) != len(FIELDS):
        raise ValueError("not an article of this version")
    for n in DATE_AT:
        row[n] = decode_date(row[n])
    for n in TEXTS_AT:
        row[n] = tuple(row[n])
    for n in PAIRS_AT:
        row[n] = tuple(map(tuple, row[n]))
    for n in CORRECTIONS_AT:
        row[n] = tuple(Correction(decode_date(when), text) for when, text in row[n])
    for n in PINNED_AT:
        if row[n] is not None:
            slot, until = row[n]
            row[n] = Pin(slot, decode_date(until))
    return Article(*row)


def memo_to_text(value) -> str:
    """A whole-site result (related articles: {id: (id, ...)}) as JSON; ValueError when it is not such a
    mapping of text to tuples of text."""
    if type(value) is not dict or not all(type(k) is str and type(v) is tuple and all(type(i) is str for i in v)
                                          for k, v in value.items()):
        raise ValueError("not a mapping of text to tuples of text")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def memo_from_text(text: str) -> dict:
    value = json.loads(text)
    if type(value) is not dict:
        raise ValueError("not a mapping")
    return {k: tuple(v) for k, v in value.items()}
