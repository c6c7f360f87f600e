"""The series (dossier) pages: /<lang>/series/<slug>/, its intro then its parts first to last, with a feed of
its own (feeds.py, as every taxonomy's); and an article's place in its series, for its page."""
from __future__ import annotations

from ..content.model import Edition
from ..content.series import in_order
from ..text.arabic import identity
from .contract import Chrome, Link, SeriesView
from .feeds import feed_link
from .page import PageInputs, Planned, term_ident, term_link

KIND = "series"


def intro_of(inputs: PageInputs, lang: str, term) -> str:
    """The intro of a series: content/<lang>/series/<[series] key>.md, else .../<its slug>.md."""
    intros = inputs.site.intros
    return intros.get((lang, term.group)) or intros.get((lang, term.slug)) or ""


def plan_series(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    site, pages = inputs.site, []
    for term in edition.terms[KIND]:
        if not inputs.wants(term.path):
            continue
        parts = in_order(term.articles, site.articles)
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
    parts = in_order(term.articles, inputs.site.articles)
    url = inputs.urls.link(term.path)
    links = tuple(Link(inputs.site.articles[i].title, inputs.cards[i].url, n,
                       "current" if i == article.source else "") for n, i in enumerate(parts, 1))
    return SeriesView(term.name, url, feed_link(url), parts.index(article.source) + 1, len(parts), links)
