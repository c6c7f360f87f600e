"""Expiry: `expires:` takes an article down from a date on, by the build's clock (the one that decides which
scheduled articles are due: SOURCE_DATE_EPOCH, else the real time). An expired article leaves every list,
feed, sitemap and the search; its address keeps a short notice (site.toml `expired = "notice"`, the default)
or is removed (`expired = "remove"`), and then the not-found page answers there."""
from __future__ import annotations

import datetime as dt

MODES = ("notice", "remove")


def expired(article, now: dt.datetime) -> bool:
    return article.expires is not None and article.expires <= now


def next_expiry(parsed, now: dt.datetime) -> list[float]:
    """The times (timestamps) still to come at which an article expires: the output goes stale then."""
    now_ts = now.timestamp()
    return [a.expires.timestamp() for a in parsed if a.expires is not None and a.expires.timestamp() > now_ts]
