"""What every page of one language shares (its `Chrome`): the header, the navigation, the footer, the assets,
the breaking-news strip."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from .. import __version__
from ..content.model import Edition, Site, Term
from ..content.pins import breaking_now
from ..text import hijri
from ..text.typography import typeset
from .contract import Chrome, Link


def language_chrome(site: Site, assets: dict, edition: Edition, sections: tuple[Term, ...], nav) -> Chrome:
    """The Chrome of a language: `sections` in the navigation's order, each shown as `nav(term)` shows it."""
    config, urls, lang = site.config, site.urls, edition.language
    return Chrome(
        lang=lang.code, dir=lang.dir, locale=lang.locale, title=lang.title, base_url=config.base_url,
        home=urls.link(urls.path(lang.code)), default_language=config.default_language,
        languages=tuple(Link(l.name, urls.link(urls.path(l.code)), 0, l.code) for l in config.languages),
        sections=tuple(nav(t) for t in sections), feed=urls.link(urls.path(lang.code, file="feed.xml")),
        assets=assets, generator=f"majalla {__version__}",
        hijri_today=hijri.shown(config, lang.code, site.now.astimezone(ZoneInfo(config.timezone))),
        breaking=breaking(site, edition),
    )


def breaking(site: Site, edition: Edition) -> Link | None:
    """The breaking-news strip of a language's pages (every page depends on it: one Link in the Chrome)."""
    i = breaking_now(site.articles, edition.articles, site.now)
    if i is None:
        return None
    a = site.articles[i]
    return Link(typeset(a.title, a.lang), site.urls.link(site.paths[i]), 0, a.date.isoformat())
