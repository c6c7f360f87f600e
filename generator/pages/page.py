"""A planned page, and what a page kind plans from: the page kinds (feeds, sitemaps, not-found pages…) get the
site's data in a `PageInputs` and return the pages they want as `Planned`; the Planner makes the Pages."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ..config import Config
from ..content.model import Edition, Site, Term
from ..content.urls import Urls
from ..text.arabic import collation_key
from ..theme.settings import ThemeSettings
from ..theme.strings import Strings
from .contract import ArticleView, Link


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
                    toc="", words=0, head=None, search=None, notices=(), today=None, byline=(), translators=(),
                    profile=None, corrections=(), series=None, intro="", expired=None, old_links=None)


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
    bodies: tuple[str, ...] = ()  # article ids whose HTML the page shows
    number: int = 1  # a page of a list: its number, the number of pages, the path of the first
    total: int = 1
    first: str | None = None


@dataclass(frozen=True)
class PageInputs:
    """What a page kind plans from: the site, its UI strings, assets and numbers, the articles' cards, and which pages
    are wanted (`only`: their output files; None for every page)."""

    site: Site
    strings: Mapping[str, Strings]
    assets: Mapping[str, str]
    theme: ThemeSettings  # the theme's numbers (theme.toml)
    cards: Mapping[str, ArticleView]  # article id -> its card, made when first asked for
    only: frozenset | set | None = None
    people: Mapping = field(default_factory=dict)  # (language, a name as written) -> its AuthorView, made when asked

    @property
    def config(self):
        return self.site.config

    @property
    def urls(self):
        return self.site.urls

    def wants(self, path: str) -> bool:
        return self.only is None or self.urls.file(path) in self.only


def term_ident(term: Term) -> tuple:
    """What a tag, section, author or series page is, across languages: a term named in site.toml's [sections],
    [tags] or [series] (an author of a profile, authors/) is the same page in every language that names it; else
    the same normalized name is."""
    if not term.group:
        return (term.kind, term.key)
    return ("section-group" if term.kind == "sections" else f"{term.kind}-group", term.group)


def term_link(term: Term, urls: Urls) -> Link:
    """A term with its number of articles: for the pages that show it (its own, the tag list, the home page's
    section blocks, the search filters)."""
    return Link(term.name, urls.link(term.path), len(term.articles), term.key)


def ordered_sections(edition: Edition, config: Config) -> tuple[Term, ...]:
    """A language's sections as the navigation and the home page show them: in the order site.toml's
    [sections] lists them, then the others by name (text.collation_key). Never by size: publishing one
    article must not reorder the header of every page."""
    listed = {key: n for n, (key, _) in enumerate(config.sections)}
    return tuple(sorted(edition.terms["sections"],
                        key=lambda t: (listed.get(t.group, len(listed)), collation_key(t.name), t.name)))
