"""Sitemaps for search engines: every page with its hreflang alternates (split into an index past
50,000 URLs), a Google News sitemap of the last two days, and robots.txt naming them."""
from __future__ import annotations

import datetime as dt

from ..content.sources import ROBOTS_ADDITIONS
from ..content.taxonomies import TAXONOMIES
from .contract import ArticleView, Chrome
from .page import Page, PageInputs, Planned

SITEMAP_LIMIT = 50_000  # URLs per sitemap file (sitemaps.org)
NEWS_WINDOW = dt.timedelta(days=2)  # Google News: articles of the last two days
NEWS_LIMIT = 1_000  # Google News: URLs per news sitemap
# not for search engines: redirects, errors, search (and the pages of a taxonomy kept out of the sitemap)
UNLISTED = ("root", "404", "redirect", "search", "expired", "removed", *(t.single for t in TAXONOMIES if not t.sitemap))


def lastmod(page: Page) -> dt.datetime | None:
    """An article's last update; for a list, its newest article's; None for a page without articles."""
    context = page.context
    shown = [context["article"]] if isinstance(context.get("article"), ArticleView) else [
        a for a in (context.get("lead"), *context.get("articles", ())) if isinstance(a, ArticleView)]
    return max((a.updated or a.date for a in shown), default=None)


def sitemap_entries(pages: list[Page]) -> list[tuple]:
    """(absolute URL, last modified, hreflang alternates) of every HTML page a search engine should know."""
    return [(p.context["page"].permalink, lastmod(p), p.context["page"].alternates)
            for p in pages if p.path.endswith(".html") and p.context["page"].kind not in UNLISTED]


def plan_sitemaps(inputs: PageInputs, chrome: Chrome, listed: tuple) -> list[Planned]:
    """The sitemap (an index of several past SITEMAP_LIMIT entries) of `listed`, the news sitemap, robots.txt."""
    urls, code = inputs.urls, chrome.lang
    entries, planned = list(listed), []

    def add(file: str, template: str, **context) -> str:
        path = urls.path(file=file)
        if inputs.wants(path):
            planned.append(Planned(path, template, code, "site.toml", "sitemap", file, None,
                                   dict(site=chrome, **context)))
        return urls.absolute(path)

    chunks = [entries[n: n + SITEMAP_LIMIT] for n in range(0, len(entries), SITEMAP_LIMIT)]
    if len(chunks) <= 1:
        sitemaps = [add("sitemap.xml", "sitemap.xml", entries=tuple(entries))]
    else:
        parts = tuple((add(f"sitemap-{n}.xml", "sitemap.xml", entries=tuple(chunk)),
                       max((e[1] for e in chunk if e[1]), default=None))
                      for n, chunk in enumerate(chunks, 1))
        sitemaps = [add("sitemap.xml", "sitemap-index.xml", entries=parts)]
    news = news_entries(inputs)
    if news:  # an empty <urlset> is not a valid sitemap: no news, no file
        sitemaps.append(add("news-sitemap.xml", "news-sitemap.xml", entries=news))
    additions = inputs.config.root / ROBOTS_ADDITIONS
    add("robots.txt", "robots.txt", target=sitemaps[0], sitemaps=tuple(sitemaps),
        lines=tuple(additions.read_text(encoding="utf-8").splitlines()) if additions.is_file() else ())
    return planned


def news_language(code: str) -> str:
    """The publication language as Google News wants it: ISO 639 (2 or 3 letters), or zh-cn / zh-tw."""
    code = code.lower()
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]


def news_entries(inputs: PageInputs) -> tuple:
    """(URL, publication name, language, date, title) of the articles published in the two days up to
    the build's clock, newest first, at most NEWS_LIMIT."""
    site = inputs.site
    since = site.now - NEWS_WINDOW
    recent = []
    for edition in site.editions:
        for i in edition.articles:  # newest first: stop at the first one older than the window
            a = site.articles[i]
            if a.date <= since:
                break
            if a.date <= site.now:
                recent.append((a.date, i))
    recent.sort(key=lambda di: (-di[0].timestamp(), di[1]))
    return tuple(
        (inputs.cards[i].permalink, site.edition(site.articles[i].lang).language.title,
         news_language(site.articles[i].lang), date, inputs.cards[i].title)
        for date, i in recent[:NEWS_LIMIT])
