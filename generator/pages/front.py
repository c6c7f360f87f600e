"""The news front page's choices: the edition's day, the lead story, and each story once on the page.

The edition's day is the day of the newest published story (in the site's time zone), not the clock's: the
same sources give the same front page whenever they are built (a rebuild a day later, or with another
SOURCE_DATE_EPOCH, changes nothing), and a front page dated today with yesterday's news would be wrong too.
It dates the masthead, and a story of that day shows its time of day on its card («10:30»)."""
from __future__ import annotations

import datetime as dt

from ..content.model import Site
from ..content.pins import active


def edition_time(site: Site) -> dt.datetime | None:
    """The date and time of the newest story of the site, every language together; None without one."""
    newest = [site.articles[e.articles[0]].date for e in site.editions if e.articles]
    return max(newest) if newest else None


def lead_story(site: Site, ids: tuple[str, ...], days: int) -> str | None:
    """The lead of a language's front page: its newest story pinned to the lead (`pinned: lead`), else its
    newest `featured` story of the edition's last `days` days,
    else its newest story with a picture, else its newest story. Never a featured story of years ago above
    this week's news. `ids`: the language's stories, newest first."""
    if not ids:
        return None
    pinned = pinned_to(site, ids, "lead")
    if pinned:
        return pinned[0]
    since = edition_time(site) - dt.timedelta(days=days)
    articles = site.articles
    featured = next((i for i in ids if articles[i].featured and articles[i].date >= since), None)
    return featured or next((i for i in ids if articles[i].image), ids[0])


def pinned_to(site: Site, ids: tuple[str, ...], slot: str) -> tuple[str, ...]:
    """The stories of `ids` pinned to a slot of the home page (content/pins.py) now, newest first: the
    newest pinned lead is the lead (above the automatic rule); the picks are the editors' picks block."""
    articles = site.articles
    return tuple(i for i in ids if (p := articles[i].pinned) and p.slot == slot and active(p.until, site.now))


def picks(site: Site, ids: tuple[str, ...], lead: str | None, size: int) -> tuple[str, ...]:
    """The editors' picks of a front page: at most `size` stories pinned to `picks`, newest first, not the lead."""
    return tuple(i for i in pinned_to(site, ids, "picks") if i != lead)[:size]


def shown_once(blocks, shown: set[str], size: int):
    """Each section's block of `size` stories, none of `shown` (the lead and the latest of the page), nor one
    an earlier block has: (term, ids) pairs, a section left with no story left out."""
    taken, out = set(shown), []
    for term, ids in blocks:
        fresh = [i for i in ids if i not in taken][:size]
        taken.update(fresh)
        if fresh:
            out.append((term, tuple(fresh)))
    return out
