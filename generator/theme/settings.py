"""A theme's numbers, in its theme.toml: the widths of the picture variants (lead and body pictures, cards,
authors' photos), the card ratio, the home page's blocks. The majalla theme's file holds every key; another theme's file changes the keys it names (a theme
without one has majalla's numbers). Mistakes are reported at their line, all at once."""
from __future__ import annotations

import functools
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..config import key_line, toml_error
from ..content.sources import read_text
from ..errors import BuildError, Problem
from .templates import BUNDLED_THEMES

FILE = "theme.toml"
SHIPPED = BUNDLED_THEMES / "majalla" / FILE


@dataclass(frozen=True)
class PictureSizes:
    widths: tuple[int, ...]  # the responsive variants of lead and body pictures
    card_widths: tuple[int, ...]  # the card thumbnails
    card_ratio: tuple[int, int]  # a card thumbnail's width and height
    body_sizes: str  # the `sizes` attribute of lead and body pictures
    card_sizes: str  # the `sizes` attribute of card thumbnails
    portrait_widths: tuple[int, ...]  # an author's photo (authors/), square
    portrait_sizes: str  # the `sizes` attribute of an author's photo


@dataclass(frozen=True)
class ThemeSettings:
    pictures: PictureSizes
    section_blocks: int  # stories in each section's block on the home page
    digest: str  # of the files read
    lead_days: int = 3  # the home page's lead: the newest featured story of the edition's last lead_days days
    picks: int = 4  # the most stories of the home page's editors' picks (pinned: picks)


def widths(value) -> str | None:
    ok = isinstance(value, list) and value and all(type(v) is int and 0 < v <= 10_000 for v in value) \
        and value == sorted(set(value))
    return None if ok else "a list of widths in pixels, smallest first (1 to 10000), such as [480, 960]"


def ratio(value) -> str | None:
    ok = isinstance(value, list) and len(value) == 2 and all(type(v) is int and 0 < v <= 100 for v in value)
    return None if ok else "a width and a height (1 to 100), such as [16, 9]"


def text(value) -> str | None:
    return None if isinstance(value, str) and value.strip() else "a text, such as \"100vw\""


def count(value) -> str | None:
    return None if type(value) is int and 0 <= value <= 100 else "a whole number from 0 to 100"


KEYS = {  # table -> key -> the check of its value (None, or what it should be)
    "pictures": {"widths": widths, "card_widths": widths, "card_ratio": ratio, "body_sizes": text,
                 "card_sizes": text, "portrait_widths": widths, "portrait_sizes": text},
    "home": {"section_blocks": count, "lead_days": count, "picks": count},
}


def load_settings(root: Path, theme_dir: Path) -> ThemeSettings:
    """majalla's numbers, with those of the theme's own theme.toml over them (`root`: the site's folder, which
    the messages name the files from)."""
    own = theme_dir / FILE
    paths = [SHIPPED] + ([own] if own.is_file() and own.resolve() != SHIPPED.resolve() else [])
    values: dict = {table: {} for table in KEYS}
    problems, h = [], hashlib.sha256()
    for path in paths:
        where = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()
        data = path.read_bytes()
        h.update(data)
        source, line, message = read_text(data)
        if source is None:
            problems.append(Problem(where, line, message))
            continue
        try:
            found = tomllib.loads(source)
        except tomllib.TOMLDecodeError as exc:
            problems.append(Problem(where, *toml_error(exc)))
            continue
        for table, keys in found.items():
            if table not in KEYS or not isinstance(keys, dict):
                tables = ", ".join(f"[{t}]" for t in KEYS)
                problems.append(Problem(where, key_line(source, table, None) or key_line(source, None, table),
                                        f"unknown table [{table}]: a theme.toml has {tables}"))
                continue
            for key, value in keys.items():
                check = KEYS[table].get(key)
                wrong = f'unknown key "{key}" in [{table}]: it has {", ".join(KEYS[table])}' if check is None \
                    else (f"{key} must be {check(value)}" if check(value) else None)
                if wrong:
                    problems.append(Problem(where, key_line(source, table, key), wrong))
                else:
                    values[table][key] = value
    if problems:
        raise BuildError(problems)
    p = values["pictures"]
    return ThemeSettings(PictureSizes(tuple(p["widths"]), tuple(p["card_widths"]), tuple(p["card_ratio"]),
                                      p["body_sizes"], p["card_sizes"], tuple(p["portrait_widths"]),
                                      p["portrait_sizes"]),
                         values["home"]["section_blocks"], h.hexdigest()[:16], values["home"]["lead_days"],
                         values["home"]["picks"])


@functools.cache
def shipped() -> ThemeSettings:
    """The majalla theme's numbers."""
    return load_settings(BUNDLED_THEMES, SHIPPED.parent)
