"""Plan every page: its file, its template and the data it shows. Nothing is rendered here."""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from . import __version__
from .dates import month_year
from .model import Edition, Site, Term
from .search import BUNDLE, SearchView
from .text import identity
from .theme import Strings
from .views import ArticleView, Link, PageInfo, View

READING_SPEED = 200  # words a minute, Arabic and French alike
HOME_SECTION_BLOCKS = 4  # stories per section block on the home page


@dataclass(frozen=True)
class Chrome(View):
    """What every page of one language shares: header, navigation, footer, assets."""

    lang: str
    dir: str
    locale: str
    title: str
    base_url: str
    home: str
    default_language: str
    languages: tuple[Link, ...]  # name: language name, key: code, url: its home
    sections: tuple[Link, ...]  # the navigation, most used first
    feed: str
    assets: dict
    generator: str
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Page:
    path: str  # the output file, relative to output/
    template: str
    lang: str
    context: dict
    producer: str  # for errors: the source file, or what made the page
    bodies: tuple[str, ...] = ()  # article ids whose HTML the page shows


BASE_CONTEXT = dict(articles=(), lead=None, article=None, related=(), newer=None, older=None, term=None,
                    terms=(), years=(), section_blocks=(), entries=(), target=None, feed_title=None, updated=None,
                    search=None)


class Planner:
    def __init__(self, site: Site, strings: dict[str, Strings], assets: dict[str, str]):
        self.site = site
        self.config = site.config
        self.urls = site.urls
        self.strings = strings
        self.assets = assets
        self.cards = {i: self.card(i) for i in site.articles}
        self.equivalents = self.translation_registry()
        self.pages: list[Page] = []

    # ---- views ----------------------------------------------------------------------------------
    def link(self, term: Term) -> Link:
        return Link(term.name, self.urls.link(term.path), len(term.articles), term.key)

    def card(self, i: str) -> ArticleView:
        site, a = self.site, self.site.articles[i]
        edition = site.edition(a.lang)
        path = site.paths[i]
        find = lambda kind, name: edition.term(kind, identity(name))  # noqa: E731

        authors = tuple(self.link(find("authors", n)) for n in dict.fromkeys(a.authors) if find("authors", n))
        tags, seen = [], set()
        for name in a.tags:
            term = find("tags", name)
            if term and term.key not in seen:
                seen.add(term.key)
                tags.append(self.link(term))
        section = find("sections", a.section) if a.section else None
        return ArticleView(
            id=i, lang=a.lang, title=a.title, url=self.urls.link(path), permalink=self.urls.absolute(path),
            date=a.date, updated=a.updated, authors=authors, dateline=a.dateline,
            section=self.link(section) if section else None, tags=tuple(tags), summary=a.summary,
            image=self.image_url(a.image, path), image_alt=a.image_alt, image_caption=a.image_caption,
            featured=a.featured, draft=a.draft, future=a.date > site.now,
            reading_minutes=max(1, math.ceil(a.words / READING_SPEED)), words=a.words, toc=a.toc,
            translation_key=a.translation_key, extra=dict(a.extra),
        )

    def image_url(self, image: str | None, page_path: str) -> str | None:
        if not image:
            return None
        if "://" in image or image.startswith("//"):
            return image
        if image.startswith("/"):
            return self.urls.link(self.urls.path() + image.lstrip("/"))
        return self.urls.link(page_path + image)

    def chrome(self, edition: Edition) -> Chrome:
        lang = edition.language
        sections = sorted(edition.terms["sections"], key=lambda t: (-len(t.articles), t.name))
        return Chrome(
            lang=lang.code, dir=lang.dir, locale=lang.locale, title=lang.title, base_url=self.config.base_url,
            home=self.urls.link(self.urls.path(lang.code)), default_language=self.config.default_language,
            languages=tuple(Link(l.name, self.urls.link(self.urls.path(l.code)), 0, l.code)
                            for l in self.config.languages),
            sections=tuple(self.link(t) for t in sections), feed=self.urls.link(self.urls.path(lang.code, file="feed.xml")),
            assets=self.assets, generator=f"majalla {__version__}",
        )

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
            for y in e.years:
                put(("year", y.year), c, y.path)
                for m in y.months:
                    put(("month", y.year, m.month), c, m.path)
            for kind in ("tags", "sections", "authors"):
                for t in e.terms[kind]:
                    put((kind, t.group or t.key), c, t.path)
        for key, versions in self.site.translations.items():
            for lang, i in versions.items():
                if i in self.site.paths:
                    put(("article", key), lang, self.site.paths[i])
        return reg

    def info(self, kind, lang, path, title, ident, number=1, total=1, first=None) -> PageInfo:
        urls = self.urls
        versions = self.equivalents.get(ident, {}) if ident else {}
        switcher = tuple(
            Link(l.name, urls.link(versions.get(l.code) or urls.path(l.code)), 0, l.code)
            for l in self.config.languages)
        if number == 1 and versions:
            alternates = [Link(code, urls.absolute(versions[code]), 0, code)
                          for code in self.config.codes if code in versions]
            default = versions.get(self.config.default_language)
            if default:
                alternates.append(Link("x-default", urls.absolute(default), 0, "x-default"))
        else:
            alternates = [Link(lang, urls.absolute(path), 0, lang)]
        first = first or path
        page_urls = tuple(urls.link(urls.paginated(first, n)) for n in range(1, total + 1)) if total > 1 else ()
        return PageInfo(
            kind=kind, lang=lang, url=urls.link(path), permalink=urls.absolute(path), title=title,
            number=number, total=total,
            prev_url=urls.link(urls.paginated(first, number - 1)) if number > 1 else None,
            next_url=urls.link(urls.paginated(first, number + 1)) if number < total else None,
            first_url=urls.link(first), page_urls=page_urls, alternates=tuple(alternates), switcher=switcher,
        )

    # ---- pages -----------------------------------------------------------------------------------
    def add(self, path: str, template: str, lang: str, producer: str, bodies=(), **context) -> None:
        self.pages.append(Page(self.urls.file(path), template, lang, {**BASE_CONTEXT, **context}, producer,
                               tuple(bodies)))

    def paginated(self, kind, edition, chrome, first_path, title, ident, ids, producer, template="list.html", **extra):
        per_page = self.config.per_page
        total = max(1, math.ceil(len(ids) / per_page))
        for n in range(1, total + 1):
            path = self.urls.paginated(first_path, n)
            chunk = ids[(n - 1) * per_page: n * per_page]
            self.add(path, template, edition.code, producer, site=chrome,
                     page=self.info(kind, edition.code, path, title, ident, n, total, first_path),
                     articles=tuple(self.cards[i] for i in chunk), **extra)

    def plan(self) -> list[Page]:
        for edition in self.site.editions:
            self.plan_edition(edition)
        self.plan_site()
        return self.pages

    def plan_edition(self, e: Edition) -> None:
        urls, c, t = self.urls, e.code, self.strings[e.code]
        chrome = self.chrome(e)
        producer = f"content/{c}/"
        # home: the lead story, then the latest, paginated; per-section blocks on the first page
        rest = tuple(i for i in e.articles if i != e.lead)
        blocks = tuple(
            (self.link(term), tuple(self.cards[i] for i in term.articles[:HOME_SECTION_BLOCKS]))
            for term in sorted(e.terms["sections"], key=lambda s: (-len(s.articles), s.name)))
        per_page = self.config.per_page
        total = max(1, math.ceil(len(rest) / per_page))
        home = urls.path(c)
        for n in range(1, total + 1):
            path = urls.paginated(home, n)
            self.add(path, "home.html", c, producer, site=chrome,
                     page=self.info("home", c, path, e.language.title, ("home",), n, total, home),
                     lead=self.cards[e.lead] if e.lead and n == 1 else None,
                     articles=tuple(self.cards[i] for i in rest[(n - 1) * per_page: n * per_page]),
                     section_blocks=blocks if n == 1 else ())
        # articles
        for i in e.articles:
            a = self.site.articles[i]
            path = self.site.paths[i]
            newer, older = self.site.neighbours[i]
            self.add(path, "article.html", c, i, bodies=(i,), site=chrome,
                     page=self.info("article", c, path, a.title, ("article", a.translation_key)),
                     article=self.cards[i], related=tuple(self.cards[j] for j in self.site.related.get(i, ())),
                     newer=self.cards[newer] if newer else None, older=self.cards[older] if older else None)
        # tags, sections, authors
        tags_path = urls.path(c, "tags")
        all_tags = tuple(sorted((self.link(x) for x in e.terms["tags"]), key=lambda l: (-l.count, l.name)))
        self.add(tags_path, "tags.html", c, producer, site=chrome,
                 page=self.info("tags", c, tags_path, t("tags"), ("tags",)), terms=all_tags)
        for kind, single in (("tags", "tag"), ("sections", "section"), ("authors", "author")):
            for term in e.terms[kind]:
                self.paginated(single, e, chrome, term.path, term.name, (kind, term.group or term.key),
                               term.articles, producer, term=self.link(term))
                if kind == "tags":
                    self.feed(e, chrome, term.path, term.name, term.articles)
        # dates
        archive = urls.path(c, "archive")
        years = tuple(
            (Link(str(y.year), urls.link(y.path), len(y.articles), str(y.year)),
             tuple(Link(month_year(m.year, m.month, e.language.locale), urls.link(m.path), len(m.articles),
                        f"{m.year}-{m.month:02d}") for m in y.months))
            for y in e.years)
        self.add(archive, "archive.html", c, producer, site=chrome,
                 page=self.info("archive", c, archive, t("archive"), ("archive",)), years=years)
        for y in e.years:
            self.paginated("year", e, chrome, y.path, str(y.year), ("year", y.year), y.articles, producer,
                           term=Link(str(y.year), urls.link(y.path), len(y.articles), str(y.year)))
            for m in y.months:
                name = month_year(m.year, m.month, e.language.locale)
                self.paginated("month", e, chrome, m.path, name, ("month", m.year, m.month), m.articles, producer,
                               term=Link(name, urls.link(m.path), len(m.articles), f"{m.year}-{m.month:02d}"))
        self.feed(e, chrome, urls.path(c), e.language.title, e.articles)
        self.search_page(e, chrome)

    def search_page(self, e: Edition, chrome: Chrome) -> None:
        """/<lang>/search/: the filters' values are the section names and years its articles carry."""
        urls, c = self.urls, e.code
        path = urls.path(c, "search")
        view = SearchView(
            bundle=urls.link(urls.path(BUNDLE)),
            sections=tuple(sorted((self.link(t) for t in e.terms["sections"]), key=lambda l: l.name)),
            years=tuple(Link(str(y.year), urls.link(y.path), len(y.articles), str(y.year)) for y in e.years))
        self.add(path, "search.html", c, f"content/{c}/", site=chrome,
                 page=self.info("search", c, path, self.strings[c]("search"), ("search",)), search=view)

    def feed(self, e: Edition, chrome: Chrome, list_path: str, title: str, ids) -> None:
        entries = ids[: self.config.feed_limit]
        path = list_path + "feed.xml"
        updated = max((self.site.articles[i].updated or self.site.articles[i].date for i in entries), default=None)
        self.add(path, "feed.xml", e.code, f"content/{e.code}/", bodies=entries if self.config.feed_content == "full" else (),
                 site=chrome, page=self.info("feed", e.code, path, title, None),
                 articles=tuple(self.cards[i] for i in entries), feed_title=title,
                 target=self.urls.absolute(list_path), updated=updated)

    def plan_site(self) -> None:
        """Pages above the languages: the root, 404, sitemap, robots.txt."""
        urls, default = self.urls, self.site.edition(self.config.default_language)
        chrome = self.chrome(default)
        home = urls.path(default.code)
        self.add(urls.path(), "root.html", default.code, "site.toml", site=chrome,
                 page=self.info("root", default.code, urls.path(), default.language.title, ("home",)),
                 target=urls.link(home))
        self.add(urls.path(file="404.html"), "404.html", default.code, "site.toml", site=chrome,
                 page=self.info("404", default.code, urls.path(file="404.html"),
                                self.strings[default.code]("not_found"), None))
        html_pages = [p for p in self.pages
                      if p.path.endswith(".html") and p.context["page"].kind not in ("root", "404", "search")]
        entries = tuple(
            (p.context["page"].permalink, p.context["page"].alternates,
             (p.context["article"].updated or p.context["article"].date) if p.context["article"] else None)
            for p in html_pages)
        self.add(urls.path(file="sitemap.xml"), "sitemap.xml", default.code, "site.toml", site=chrome,
                 page=self.info("sitemap", default.code, urls.path(file="sitemap.xml"), "sitemap", None),
                 entries=entries)
        additions = self.config.root / "static" / "robots.txt"
        self.add(urls.path(file="robots.txt"), "robots.txt", default.code, "site.toml", site=chrome,
                 page=self.info("robots", default.code, urls.path(file="robots.txt"), "robots", None),
                 target=urls.absolute(urls.path(file="sitemap.xml")),
                 entries=tuple(additions.read_text(encoding="utf-8").splitlines()) if additions.is_file() else ())

