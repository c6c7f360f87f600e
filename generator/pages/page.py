"""A planned page, and what a page kind plans from: the page kinds (feeds, sitemaps, not-found pages…) get the
site's data in a `PageInputs` and return the pages they want as `Planned`; the Planner makes the Pages."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..content.model import Site
from ..theme.strings import Strings
from .contract import ArticleView


@dataclass(frozen=True)
class Page:
    path: str  # the output file, relative to output/
    template: str
    lang: str
    context: dict
    producer: str  # for errors: the source file, or what made the page
    bodies: tuple[str, ...] = ()  # article ids whose HTML the page shows


# What every template gets, whatever its kind; a kind's own keys are added to these.
BASE_CONTEXT = dict(articles=(), lead=None, article=None, related=(), newer=None, older=None, term=None,
                    terms=(), years=(), section_blocks=(), entries=(), target=None, feed_title=None, updated=None,
                    toc="", words=0, head=None, search=None, notices=())


@dataclass(frozen=True)
class Planned:
    """A page as a page kind wants it. The Planner adds what every page gets: its `page` (the PageInfo of
    `kind`, `title`, `ident`: what the page is in every language, for the language switcher) and its head."""

    path: str  # a site path: "/ar/feed.xml", "/ar/tags/x/page/2/"
    template: str
    lang: str
    producer: str
    kind: str
    title: str
    ident: tuple | None
    context: dict  # the template's own keys (`site`, the language's Chrome, among them)
    bodies: tuple[str, ...] = ()


@dataclass(frozen=True)
class PageInputs:
    """What a page kind plans from: the site, its UI strings and assets, the articles' cards, and which pages
    are wanted (`only`: their output files; None for every page)."""

    site: Site
    strings: Mapping[str, Strings]
    assets: Mapping[str, str]
    cards: Mapping[str, ArticleView]  # article id -> its card, made when first asked for
    only: frozenset | set | None = None

    @property
    def config(self):
        return self.site.config

    @property
    def urls(self):
        return self.site.urls

    def wants(self, path: str) -> bool:
        return self.only is None or self.urls.file(path) in self.only
