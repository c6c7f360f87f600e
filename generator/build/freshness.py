"""Is output/ already up to date? One digest of every input of a build, checked before any work.

The inputs: majalla's version, the settings, every template, UI string and theme asset, the theme's
numbers, the bytes of every article (through their parse keys), the size and time of every other file that
is published, and the clock, through `valid_until`: the time the next scheduled article becomes due."""
from __future__ import annotations

import hashlib
import datetime as dt
import math
from zoneinfo import ZoneInfo
from pathlib import Path

from .. import __version__
from ..content.expiry import next_expiry
from ..content import pins
from ..pages.sitemaps import NEWS_WINDOW


def file_stats(paths) -> list[str]:
    stats = []
    for path in paths:
        try:
            st = path.stat()
        except OSError:
            stats.append(f"{path}:missing")
            continue
        stats.append(f"{path}:{st.st_size}:{st.st_mtime_ns}")
    return stats


def inputs_digest(config, out: Path, parse_keys, attachments, templates: dict, strings: dict, assets: dict,
                  theme_settings: str, search: bool, made: list[str] = ()) -> str:
    """`made`: the digests of files made from the settings alone (the published editor's)."""
    h = hashlib.sha256()
    for part in (__version__, config.digest, str(out), f"search={search}", f"theme={theme_settings}"):
        h.update(part.encode() + b"\0")
    for name, digest in sorted(templates.items()):
        h.update(f"{name}={digest}\0".encode())
    for lang, s in sorted(strings.items()):
        h.update(f"{lang}={s.digest}\0".encode())
    for name, url in sorted(assets.items()):
        h.update(f"{name}={url}\0".encode())
    for key in sorted(parse_keys):
        h.update(key.encode())
    for line in made:
        h.update(line.encode() + b"\0")
    static = config.root / "static"
    published = list(attachments) + (sorted(p for p in static.rglob("*") if p.is_file()) if static.is_dir() else [])
    for line in file_stats(published):
        h.update(line.encode() + b"\0")
    return h.hexdigest()


def valid_until(parsed, now, config=None) -> float:
    """When the output of this build goes stale by itself: the next article comes due, a published one
    leaves the news sitemap's window, one expires, or a pin or a breaking strip ends (content/pins.py); and, when a language shows the Hijri date of the day
    (a masthead's), the next midnight in the site's timezone."""
    moment = now
    window, now = NEWS_WINDOW.total_seconds(), now.timestamp()  # timestamps: 9999-12-31 + 2 days is one too
    times = [t for a in parsed for t in (a.date.timestamp(),) for t in (t, t + window) if t > now]
    times += next_expiry(parsed, moment)
    times += pins.times(parsed, moment)
    if config is not None and any(language.hijri for language in config.languages):
        local = moment.astimezone(ZoneInfo(config.timezone))
        times.append((local.replace(hour=0, minute=0, second=0, microsecond=0) + dt.timedelta(days=1)).timestamp())
    return min(times) if times else math.inf
