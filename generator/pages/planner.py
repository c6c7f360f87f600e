"""Plan every page: its file, its template and the data it shows. Nothing is rendered here.

The Planner orchestrates: it calls every page kind (kinds.LANGUAGE_KINDS per language, then kinds.SITE_KINDS)
and gives each page what every page gets, its PageInfo (pagination, translations) and its head. The views it
hands the kinds are made elsewhere: the cards (cards), the language's Chrome (chrome), the links between
languages (translations), a page's PageInfo (pagination)."""
from __future__ import annotations

import functools

from ..content.model import Edition, Site, Term
from ..theme.settings import ThemeSettings
from ..theme.strings import Strings
from .cards import CardMaker, Lazy
from .chrome import breaking, language_chrome
from .contract import ArticleView, AuthorView, Chrome, Link, PageInfo
from .front import edition_time
from .head import HeadBuilder, LazyHead
from .kinds import LANGUAGE_KINDS, SITE_KINDS
from .page import BASE_CONTEXT, Page, PageInputs, Planned, ordered_sections
from .pagination import LazyInfo, page_info, page_window
from .sitemaps import sitemap_entries
from .translations import Translations, versions_of_pages


def returns_pages(step):
    """A planning step that returns the pages it planned, in a new list: the Planner keeps no list that grows
    from one call to the next (a forked worker of a split plan plans one language after another)."""
    @functools.wraps(step)
    def planned(self: "Planner", *args) -> list[Page]:
        outer, self._made = self._made, []
        try:
            step(self, *args)
            return self._made
        finally:
            self._made = outer
    return planned


class Planner:
    def __init__(self, site: Site, strings: dict[str, Strings], assets: dict[str, str], settings: ThemeSettings,
                 leads: dict | None = None, photos: dict | None = None):
        self.site = site
        self.settings = settings  # the theme's numbers
        self.leads = leads or {}  # article id -> pictures.Lead: its processed lead picture
        self.config = site.config
        self.urls = site.urls
        self.strings = strings
        self.assets = assets
        self.ordered: dict = {}  # language -> its sections in the navigation's order
        self.photos = photos or {}  # author profile key -> the Picture of their photo
        edition = edition_time(site)
        self.edition_day = edition.date() if edition else None  # the newest story's day: see pages.front
        self.makers = CardMaker(site, self.leads, self.photos, self.edition_day)
        self.cards = Lazy(self.makers.card)  # article id -> its ArticleView
        makers = self.makers  # not self: a planner in a cycle of its own kept the whole site alive after the build
        self.people = Lazy(lambda lang_name: makers.person(*lang_name))  # (lang, name) -> AuthorView
        self.only: set | None = None  # when set, only the pages of these output paths are planned
        self.links_between = Translations(site)
        self.equivalents = self.links_between.equivalents  # {what the page is: {lang: path}}
        self.head = HeadBuilder(self.urls, self.config, assets, strings)
        self._made: list[Page] | None = None  # the pages of the planning step under way (returns_pages)

    # ---- views, made in cards, chrome, translations and pagination (these delegates keep their old names) ----
    def nav(self, term: Term) -> Link:
        return self.makers.nav(term)

    def card(self, i: str) -> ArticleView:
        return self.makers.card(i)

    def author_term(self, edition: Edition, name: str) -> Term | None:
        return self.makers.author_term(edition, name)

    def person(self, lang: str, name: str) -> AuthorView:
        return self.makers.person(lang, name)

    def image_url(self, image: str | None, page_path: str) -> str | None:
        return self.makers.image_url(image, page_path)

    def sections(self, edition: Edition) -> tuple[Term, ...]:
        """A language's sections as the navigation and the home page show them: in the order site.toml's
        [sections] lists them, then the others by name (text.collation_key). Never by size: publishing one
        article must not reorder the header of every page."""
        found = self.ordered.get(edition.code)
        if found is None:
            found = self.ordered[edition.code] = ordered_sections(edition, self.config)
        return found

    def chrome(self, edition: Edition) -> Chrome:
        return language_chrome(self.site, self.assets, edition, self.sections(edition), self.makers.nav)

    def breaking(self, edition: Edition) -> Link | None:
        return breaking(self.site, edition)

    def translation_registry(self) -> dict:
        return versions_of_pages(self.site)

    def translations(self, ident, lang: str, path: str, first_page: bool) -> tuple[tuple, tuple, tuple]:
        return self.links_between.links(ident, lang, first_page)

    def page_window(self, first: str, number: int, total: int) -> tuple[Link, ...]:
        return page_window(self.urls, first, number, total)

    def info(self, kind, lang, path, title, ident, number=1, total=1, first=None) -> LazyInfo:
        return LazyInfo(self.urls, self.links_between, (kind, lang, path, title, ident, number, total, first))

    def make_info(self, kind, lang, path, title, ident, number=1, total=1, first=None) -> PageInfo:
        return page_info(self.urls, self.links_between, kind, lang, path, title, ident, number, total, first)

    # ---- pages -----------------------------------------------------------------------------------
    def add(self, path: str, template: str, lang: str, producer: str, bodies=(), **context) -> None:
        context = {**BASE_CONTEXT, **context}
        if template.endswith(".html"):
            context["head"] = LazyHead(self.head, context)
        self._made.append(Page(self.urls.file(path), template, lang, context, producer, tuple(bodies)))

    def inputs(self) -> PageInputs:
        """What a page kind plans from (the pages wanted as they are now)."""
        return PageInputs(self.site, self.strings, self.assets, self.settings, self.cards, self.only, self.people)

    def take(self, planned: list[Planned]) -> None:
        """The pages a page kind planned, with what every page gets (its PageInfo, its head)."""
        for p in planned:
            context = dict(p.context)
            site = context.pop("site")
            self.add(p.path, p.template, p.lang, p.producer, bodies=p.bodies, site=site,
                     page=self.info(p.kind, p.lang, p.path, p.title, p.ident, p.number, p.total, p.first), **context)

    def plan(self) -> list[Page]:
        """Every page: those of each language, then those above the languages (the sitemap lists the former)."""
        pages = [p for e in self.site.editions for p in self.plan_edition(e)]
        return pages + self.plan_site(tuple(sitemap_entries(pages)))

    @returns_pages
    def plan_edition(self, e: Edition) -> None:
        """The pages of one language: those of every kind of kinds.LANGUAGE_KINDS, in its order."""
        inputs, chrome = self.inputs(), self.chrome(e)
        for kind in LANGUAGE_KINDS:
            self.take(kind(inputs, e, chrome))

    @returns_pages
    def plan_site(self, listed: tuple) -> None:
        """Pages above the languages (kinds.SITE_KINDS): the root, /404.html, the sitemaps, robots.txt, the
        redirects of old URLs. The sitemap lists `listed`: the sitemap entries of the pages of every language
        (sitemaps.sitemap_entries)."""
        inputs = self.inputs()
        chromes = {e.code: self.chrome(e) for e in self.site.editions}
        for kind in SITE_KINDS:
            self.take(kind(inputs, chromes, listed))
