"""The series (dossier) pages: /<lang>/series/<slug>/, its intro then its parts first to last, with a feed of
its own (feeds.py, as every taxonomy's); and an article's place in its series, for its page."""
from __future__ import annotations

from ..content.model import Edition
from ..text.arabic import identity
from .contract import Chrome, Link, SeriesView
from .feeds import feed_link
from .page import PageInputs, Planned, term_ident, term_link

KIND = "series"
ALL_PARTS = 15  # a longer series links, on each part, the first, the last and the NEAR parts either side
NEAR = 5


def intro_of(inputs: PageInputs, lang: str, term) -> str:
    """The intro of a series: content/<lang>/series/<[series] key>.md, else .../<its slug>.md."""
    intros = inputs.site.intros
    return intros.get((lang, term.group)) or intros.get((lang, term.slug)) or ""


def plan_series(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    site, pages = inputs.site, []
    for term in edition.terms[KIND]:
        if not inputs.wants(term.path):
            continue
        parts = site.parts[(edition.code, term.key)]
        pages.append(Planned(term.path, "series.html", edition.code, f"content/{edition.code}/", KIND, term.name,
                             term_ident(term), dict(site=chrome, term=term_link(term, inputs.urls),
                                                    articles=tuple(inputs.cards[i] for i in parts),
                                                    intro=intro_of(inputs, edition.code, term))))
    return pages


def series_place(inputs: PageInputs, edition: Edition, article) -> SeriesView | None:
    """Where `article` stands in its series; None for an article of no series."""
    if not article.series:
        return None
    term = edition.term(KIND, identity(article.series))
    if term is None:
        return None
    parts = inputs.site.parts[(edition.code, term.key)]
    url = inputs.urls.link(term.path)
    number = parts.index(article.source) + 1
    shown = range(1, len(parts) + 1) if len(parts) <= ALL_PARTS else sorted(
        {1, len(parts), *range(max(1, number - NEAR), min(len(parts), number + NEAR) + 1)})
    links = tuple(Link(inputs.site.articles[parts[n - 1]].title, inputs.cards[parts[n - 1]].url, n,
                       "current" if n == number else "") for n in shown)
    return SeriesView(term.name, url, feed_link(url), number, len(parts), links)
