"""Plan every page: its file, its template and the data it shows. Nothing is rendered here."""
from __future__ import annotations

import functools
import hashlib
import math
from zoneinfo import ZoneInfo

from .. import __version__
from ..content.corrections import last_change
from ..content.pins import breaking_now
from ..content.model import Edition, Site, Term
from ..text import hijri
from ..content.taxonomies import TAXONOMIES
from ..text.arabic import identity
from ..text.typography import typeset
from ..theme.settings import ThemeSettings
from ..theme.strings import Strings
from .contract import ArticleView, AuthorView, Chrome, Link, PageInfo, View
from .corrections import corrected
from .front import edition_time
from .head import HeadBuilder, LazyHead
from .kinds import LANGUAGE_KINDS, SITE_KINDS
from .page import BASE_CONTEXT, Page, PageInputs, Planned, ordered_sections, term_ident
from .sitemaps import sitemap_entries

# Silent reading speed in words a minute, by language (Trauzettel-Klosinski et al., "Standardized assessment
# of reading performance: the IReST", 2012). Arabic is read markedly slower than Latin-script languages;
# a word is counted as readers see it (with its attached و/ب/ال, see text.word_count).
READING_SPEED = {"ar": 138, "de": 179, "en": 228, "es": 218, "fr": 195, "he": 187, "it": 188, "nl": 202,
                 "pt": 181, "tr": 166}
DEFAULT_READING_SPEED = 200


def reading_minutes(words: int, lang: str) -> int:
    """Whole minutes to read `words` words in `lang` (`ar`, or `ar-MA`), at least one."""
    speed = READING_SPEED.get(lang.split("-")[0].split("_")[0].lower(), DEFAULT_READING_SPEED)
    return max(1, math.ceil(words / speed))


class LazyInfo(View):
    """A page's PageInfo, made when its template first reads it (in the render worker): planning 35,000
    pages makes none of their pagination windows, language switchers or URLs until a page is rendered.
    Its digest covers all the PageInfo is made of (with the site settings, in every page's digest). The
    sitemap reads `kind`, `permalink` and `alternates` of every page; they are made without the rest."""

    def __init__(self, planner: "Planner", args: tuple):
        kind, lang, path, title, ident, number, total, first = args
        self._planner, self._args, self._info = planner, args, None
        self.kind = kind
        versions = sorted(planner.equivalents.get(ident, {}).items()) if ident else ()
        self.digest = hashlib.sha1(repr((args, versions)).encode()).hexdigest()[:24]

    @property
    def permalink(self) -> str:
        return self._planner.urls.absolute(self._args[2])

    @property
    def alternates(self) -> tuple:
        kind, lang, path, title, ident, number, total, first = self._args
        return self._planner.translations(ident, lang, path, number == 1)[1]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._info is None:
            self._info = self._planner.make_info(*self._args)
        return getattr(self._info, name)

    def release(self) -> None:
        """Forget the PageInfo once the page is written: a worker renders thousands of pages."""
        self._info = None


class Cards(dict):
    """Article id -> its card (ArticleView), made when first asked for: a planner that plans only some
    pages makes only the cards they show."""

    def __init__(self, make):
        super().__init__()
        self.make = make

    def __missing__(self, i: str):
        card = self[i] = self.make(i)
        return card


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
        self.links: dict = {}
        self.ordered: dict = {}  # language -> its sections in the navigation's order
        self.cards = Cards(self.card)
        self.photos = photos or {}  # author profile key -> the Picture of their photo
        self.people = Cards(lambda lang_name: self.person(*lang_name))  # (lang, name) -> AuthorView
        self.only: set | None = None  # when set, only the pages of these output paths are planned
        self.equivalents = self.translation_registry()
        edition = edition_time(site)
        self.edition_day = edition.date() if edition else None  # the newest story's day: see pages.front
        self.head = HeadBuilder(self.urls, self.config, assets, strings)
        self._made: list[Page] | None = None  # the pages of the planning step under way (returns_pages)

    # ---- views ----------------------------------------------------------------------------------
    def nav(self, term: Term) -> Link:
        """A term as cards and the navigation show it: without its count (0), so that publishing one article
        does not change every page that shows one of its tags."""
        found = self.links.get(("nav", term.path))
        if found is None:
            found = self.links[("nav", term.path)] = Link(term.name, self.urls.link(term.path), 0, term.key)
        return found

    def card(self, i: str) -> ArticleView:
        site, a = self.site, self.site.articles[i]
        edition = site.edition(a.lang)
        path = site.paths[i]
        find = lambda kind, name: edition.term(kind, identity(name))  # noqa: E731

        authors = tuple(dict.fromkeys(self.nav(t) for t in map(lambda n: self.author_term(edition, n), a.authors) if t))
        tags, seen = [], set()
        for name in a.tags:
            term = find("tags", name)
            if term and term.key not in seen:
                seen.add(term.key)
                tags.append(self.nav(term))
        section = find("sections", a.section) if a.section else None
        lead = self.leads.get(i)
        image = lead.url if lead else self.image_url(a.image, path)
        remote = image if image and "://" in image else None  # not processed: shared as it is
        return ArticleView(
            id=i, lang=a.lang, title=typeset(a.title, a.lang), url=self.urls.link(path), permalink=self.urls.absolute(path),
            date=a.date, updated=last_change(a.updated, a.corrections), authors=authors, dateline=a.dateline,
            section=self.nav(section) if section else None, tags=tuple(tags), summary=typeset(a.summary, a.lang),
            image=image, image_alt=a.image_alt, image_caption=typeset(a.image_caption, a.lang),
            image_credit=typeset(a.image_credit, a.lang),
            featured=a.featured, draft=a.draft, future=a.date > site.now,
            reading_minutes=reading_minutes(a.words, a.lang),
            translation_key=a.translation_key, extra=dict(a.extra),
            picture=lead.picture if lead else None, thumbnail=lead.thumbnail if lead else None,
            social_image=lead.social if lead else remote,
            social_width=lead.social_size[0] if lead else 0, social_height=lead.social_size[1] if lead else 0,
            today=a.date.date() == self.edition_day and (a.date.hour, a.date.minute) != (0, 0),
            corrections=a.corrections, hijri=hijri.shown(self.config, a.lang, a.date),
        )

    def author_term(self, edition: Edition, name: str) -> Term | None:
        """The page of an author (or a translator with a profile) named as written: a profile's names, in any
        language, are one page, the profile's name in this language."""
        profile = self.site.profiles.find(name)
        if profile is not None:
            name = profile.name(edition.code, self.config.default_language)
        return edition.term("authors", identity(name))

    def person(self, lang: str, name: str) -> AuthorView:
        """An author or a translator of the language, named as written, with their profile when they have one."""
        term = self.author_term(self.site.edition(lang), name)
        url = self.urls.link(term.path) if term else None
        p = self.site.profiles.find(name)
        if p is None:
            return AuthorView("", lang, term.name if term else name, url)
        default = self.config.default_language
        links = tuple(Link({"site": "site", "x": "X", "facebook": "Facebook", "linkedin": "LinkedIn"}[kind], link, 0,
                           kind) for kind, link in p.links)
        return AuthorView(p.key, lang, p.name(lang, default), url, p.role(lang, default), p.bio(lang, default),
                          p.gender, self.photos.get(p.key), links)

    def image_url(self, image: str | None, page_path: str) -> str | None:
        if not image:
            return None
        if "://" in image or image.startswith("//"):
            return image
        if image.startswith("/"):
            return self.urls.link(self.urls.path() + image.lstrip("/"))
        return self.urls.link(page_path + image)

    def sections(self, edition: Edition) -> tuple[Term, ...]:
        """A language's sections as the navigation and the home page show them: in the order site.toml's
        [sections] lists them, then the others by name (text.collation_key). Never by size: publishing one
        article must not reorder the header of every page."""
        found = self.ordered.get(edition.code)
        if found is None:
            found = self.ordered[edition.code] = ordered_sections(edition, self.config)
        return found

    def chrome(self, edition: Edition) -> Chrome:
        lang = edition.language
        sections = self.sections(edition)
        return Chrome(
            lang=lang.code, dir=lang.dir, locale=lang.locale, title=lang.title, base_url=self.config.base_url,
            home=self.urls.link(self.urls.path(lang.code)), default_language=self.config.default_language,
            languages=tuple(Link(l.name, self.urls.link(self.urls.path(l.code)), 0, l.code)
                            for l in self.config.languages),
            sections=tuple(self.nav(t) for t in sections), feed=self.urls.link(self.urls.path(lang.code, file="feed.xml")),
            assets=self.assets, generator=f"majalla {__version__}",
            hijri_today=hijri.shown(self.config, lang.code, self.site.now.astimezone(ZoneInfo(self.config.timezone))),
            breaking=self.breaking(edition),
        )

    def breaking(self, edition: Edition) -> Link | None:
        """The breaking-news strip of a language's pages (every page depends on it: one Link in the Chrome)."""
        i = breaking_now(self.site.articles, edition.articles, self.site.now)
        if i is None:
            return None
        a = self.site.articles[i]
        return Link(typeset(a.title, a.lang), self.urls.link(self.site.paths[i]), 0, a.date.isoformat())

    # ---- translations between index pages ------------------------------------------------------
    def translation_registry(self) -> dict:
        """{what the page is: {lang: path}}: how a page finds its equivalent in another language."""
        reg: dict = {}
        put = lambda ident, lang, path: reg.setdefault(ident, {}).__setitem__(lang, path)  # noqa: E731
        for e in self.site.editions:
            c = e.code
            for ident, path in ((("home",), self.urls.path(c)), (("tags",), self.urls.path(c, "tags")),
                                (("archive",), self.urls.path(c, "archive")), (("search",), self.urls.path(c, "search"))):
                put(ident, c, path)
            if corrected(self.site, e):  # a language without corrections has no corrections page
                put(("corrections",), c, self.urls.path(c, "corrections"))
            for y in e.years:
                put(("year", y.year), c, y.path)
                for m in y.months:
                    put(("month", y.year, m.month), c, m.path)
            for taxonomy in TAXONOMIES:
                for t in e.terms[taxonomy.kind]:
                    put(term_ident(t), c, t.path)
        for key, versions in self.site.translations.items():
            for lang, i in versions.items():
                if i in self.site.paths:
                    put(("article", key), lang, self.site.paths[i])
        return reg

    def translations(self, ident, lang: str, path: str, first_page: bool) -> tuple[tuple, tuple, tuple]:
        """(language switcher, hreflang alternates, languages without a version) of a page: its versions in
        every language. The switcher leads to a language's home where the page has no version there, and
        says so (`untranslated`): a story or a list never lands silently elsewhere."""
        key = (ident, lang, first_page)
        found = self.links.get(key)
        if found is not None:
            return found
        urls = self.urls
        versions = self.equivalents.get(ident, {}) if ident else {}
        switcher = tuple(
            Link(l.name, urls.link(versions.get(l.code) or urls.path(l.code)), 0, l.code)
            for l in self.config.languages)
        alternates = []  # hreflang: only between translations, each naming all (itself included)
        if first_page and len(versions) > 1:
            alternates = [Link(code, urls.absolute(versions[code]), 0, code)
                          for code in self.config.codes if code in versions]
            default = versions.get(self.config.default_language)
            if default:
                alternates.append(Link("x-default", urls.absolute(default), 0, "x-default"))
        untranslated = tuple(code for code in self.config.codes if code != lang and code not in versions) \
            if ident else ()  # a page without versions (a 404, a redirect) has no counterpart to miss
        found = self.links[key] = (switcher, tuple(alternates), untranslated)
        return found

    def page_window(self, first: str, number: int, total: int) -> tuple[Link, ...]:
        """Links to the first and last pages and to the two on either side of this one, "…" between."""
        if total < 2:
            return ()
        shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
        window, last = [], 0
        for n in shown:
            if n > last + 1:
                window.append(Link("…", "", 0, "gap"))
            url = self.urls.link(self.urls.paginated(first, n))
            window.append(Link(str(n), url, n, "current" if n == number else ""))
            last = n
        return tuple(window)

    def info(self, kind, lang, path, title, ident, number=1, total=1, first=None) -> "LazyInfo":
        return LazyInfo(self, (kind, lang, path, title, ident, number, total, first))

    def make_info(self, kind, lang, path, title, ident, number=1, total=1, first=None) -> PageInfo:
        urls = self.urls
        switcher, alternates, untranslated = self.translations(ident, lang, path, number == 1)
        first = first or path
        page_urls = self.page_window(first, number, total)
        return PageInfo(
            kind=kind, lang=lang, url=urls.link(path), permalink=urls.absolute(path), title=title,
            number=number, total=total,
            prev_url=urls.link(urls.paginated(first, number - 1)) if number > 1 else None,
            next_url=urls.link(urls.paginated(first, number + 1)) if number < total else None,
            first_url=urls.link(first), page_urls=page_urls, alternates=alternates, switcher=switcher,
            untranslated=untranslated,
        )

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
