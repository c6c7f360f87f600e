"""The theme contract: what templates see. The frozen views (each with a digest, so a page's inputs can be
fingerprinted cheaply), the keys each template receives (TEMPLATES), and the filters and globals."""
# long because: the theme contract is one table on purpose: a theme's author reads every view, the keys of each
#   template and the filters here, and the docs' table (docs/template-data.md) is made from it.
from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from babel.numbers import format_decimal

from ..content.corrections import Correction
from ..content.links import absolute_links
from ..text import dates
from ..text.arabic import isolate_latin, rtl_title


def encode(value):
    """json.dumps default hook: a view stands for its digest, a datetime for its ISO form."""
    if isinstance(value, View):
        return value.digest
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"cannot fingerprint {type(value).__name__}")


def fingerprint(value) -> str:
    """The digest of a page context (dicts, tuples, text, numbers, dates, views)."""
    blob = json.dumps(value, sort_keys=True, ensure_ascii=False, default=encode, separators=(",", ":"))
    return hashlib.sha256(blob.encode()).hexdigest()[:24]


PLAIN = frozenset({str, int, float, bool, type(None), dt.datetime})  # what flat() leaves as it is


def flat(value):
    """A field of a view with the views in it replaced by their digests, for repr(): fast and deterministic.
    Views hold text, numbers, dates, Links, views, dicts, and tuples of those."""
    kind = type(value)
    if kind in PLAIN:
        return value
    if isinstance(value, View):
        return value.digest
    if isinstance(value, tuple):
        if kind is Link or all(map(PLAIN_OR_LINK.__contains__, map(type, value))):
            return value
        return tuple(flat(v) for v in value) if any(isinstance(v, (View, dict)) for v in value) else value
    if isinstance(value, dict):
        return tuple(sorted((k, flat(v)) for k, v in value.items()))
    return value


class View:
    """Base of the frozen dataclasses handed to templates. `digest` covers every field."""

    digest: str

    def __post_init__(self):
        names = _names.get(type(self))
        if names is None:
            names = _names[type(self)] = tuple(f.name for f in fields(self) if f.name != "digest")
        data = (type(self).__name__, *[v if type(v) in PLAIN else flat(v) for v in map(self.__getattribute__, names)])
        object.__setattr__(self, "digest", hashlib.sha1(repr(data).encode()).hexdigest()[:24])


_names: dict = {}


class Link(NamedTuple):
    """A named link: a tag, a section, an author, a language, a year, a month, a page of a list.
    A plain tuple of text and numbers: cheap to make by the hundred thousand, and to fingerprint."""

    name: str
    url: str  # a site path, percent-encoded: "/ar/tags/%D8%A7.../"
    count: int = 0  # articles: on a term's own page, the tag list, home section blocks, the archive;
    # 0 in cards and the navigation (a new article must not change every page that shows one of its tags)
    key: str = ""


PLAIN_OR_LINK = PLAIN | {Link}


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
    sections: tuple[Link, ...]  # the navigation: as site.toml's [sections] lists them, then by name
    feed: str
    assets: dict
    generator: str
    hijri_today: str | None = None  # the build's day in the Hijri calendar, for a masthead ([languages.x] hijri)
    breaking: Link | None = None  # the breaking-news strip: its story's title and address (content/pins.py)
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Picture(View):
    """A responsive picture (see images.py): an <img> in the source's format, WebP <source>s beside it."""

    src: str  # the largest fallback variant's URL
    srcset: str  # the fallback variants: "/ar/.../cover-480w.1a2b3c4d.jpg 480w, ..."
    type: str  # the fallback's MIME type
    webp: str  # the WebP variants' srcset; "" when the fallback is WebP already
    width: int  # the largest variant's size: the layout reserves its aspect ratio
    height: int
    sizes: str  # the default `sizes` attribute for this kind of picture
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class ArticleView(View):
    """An article as a card or a page header: everything but its body."""

    id: str  # its source path, "content/ar/2024/06/x.md"
    lang: str
    title: str
    url: str
    permalink: str
    date: dt.datetime
    updated: dt.datetime | None
    authors: tuple[Link, ...]
    dateline: str | None
    section: Link | None
    tags: tuple[Link, ...]
    summary: str
    image: str | None  # URL: the largest variant of the lead picture (or the picture itself, not processed)
    image_alt: str | None
    image_caption: str | None
    featured: bool
    draft: bool
    future: bool
    reading_minutes: int
    translation_key: str
    extra: dict
    picture: Picture | None = None  # the lead picture, responsive
    thumbnail: Picture | None = None  # the lead picture cropped for cards
    social_image: str | None = None  # absolute URL of the Open Graph / Twitter card image
    social_width: int = 0
    social_height: int = 0
    image_credit: str | None = None  # who made the lead picture: «تصوير: …», «Photo : …»
    today: bool = False  # published at a time of day on the edition's day (pages.front): its card shows the time
    corrections: tuple[Correction, ...] = ()  # (date, text), latest first; `updated` is then the latest's
    hijri: str | None = None  # its date in the Hijri calendar, when its language shows it (text/hijri.py)
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class AuthorView(View):
    """An author or a translator, as a byline, their page and JSON-LD show them: with their profile
    (authors/<key>.toml) when they have one, else their name and page alone."""

    key: str  # the profile's key ("salma-el-alaoui"); "" without a profile
    lang: str
    name: str  # the profile's name in this language, else the name as written
    url: str | None  # their page in this language (a site link), None when there is none
    role: str = ""
    bio: str = ""
    gender: str = ""  # "female", "male" or "": the Arabic labels (كاتبة / كاتب)
    photo: Picture | None = None  # square
    links: tuple[Link, ...] = ()  # name: "X", "Facebook", "LinkedIn" or "site"; key: the same; url: absolute
    digest: str = field(default="", compare=False, repr=False)

    @property
    def profile(self) -> bool:
        return bool(self.key)


@dataclass(frozen=True)
class PageInfo(View):
    """The page being rendered: where it is and how it relates to the others."""

    kind: str  # home, article, tags, tag, section, author, archive, year, month, 404, root, feed, search...
    lang: str
    url: str
    permalink: str
    title: str
    number: int = 1
    total: int = 1
    prev_url: str | None = None
    next_url: str | None = None
    first_url: str | None = None
    page_urls: tuple[Link, ...] = ()  # a window of pages: name = number (or "…" for a gap), url
    alternates: tuple[Link, ...] = ()  # hreflang: name = language code, url = absolute URL
    switcher: tuple[Link, ...] = ()  # one per language: name = language name, key = code, url
    untranslated: tuple[str, ...] = ()  # the codes of the languages the page has no version in: the
    # switcher's link to each leads to that language's home, and says so
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class SearchView(View):
    """What the search page needs: where the index is, and the values of its filters."""

    bundle: str  # URL of the language's index folder, ending with "/"
    sections: tuple[Link, ...]
    years: tuple[Link, ...]
    parts: tuple[str, ...] = ()  # its parts' folders below it, merged by search.js (search.records)
    fold: str = ""  # the search fold's table as JSON (search.fold): search.js folds the query with it
    empty: bool = False  # the language has no article yet: nothing to search, no index of it
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class SeriesView(View):
    """An article's place in its series (dossier): "part 2 of 3", with links to every part."""

    name: str
    url: str  # the series page
    feed: str  # its feed
    number: int  # this article's place, from 1
    total: int
    parts: tuple[Link, ...]  # first to last: name = title, url, count = its place, key = "current" for this one
    # (past 15 parts: the first, the last and the 5 either side of this one)
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class ExpiredView(View):
    """An article taken down (`expires:`): what its notice page says in its place."""

    title: str
    date: dt.datetime  # when it was published
    expires: dt.datetime  # when it was taken down
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class FeedEntry(View):
    """One article in a feed: the card plus what only a feed needs (absolute URLs, a stable id)."""

    article: ArticleView
    id: str  # a tag: URI, independent of the article's URL
    authors: tuple[Link, ...]  # url: absolute
    categories: tuple[str, ...]  # its section, then its tags
    image: str | None  # absolute
    image_type: str | None
    contributors: tuple[Link, ...] = ()  # its translators; url: absolute, "" when they have no page
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class HeadMeta(View):
    description: str
    canonical: str | None  # absolute; None on a page search engines should not index
    robots: str | None  # "noindex" or None
    feeds: tuple[Link, ...]  # autodiscovery: name = title, url = link
    og: tuple[tuple[str, str], ...]  # (property, content), og:title aside (the template bidi-marks it)
    twitter: tuple[tuple[str, str], ...]  # (name, content), twitter:title aside
    jsonld: tuple[str, ...]  # JSON texts, safe inside <script> (<, > and & escaped)
    digest: str = field(default="", compare=False, repr=False)


@dataclass(frozen=True)
class Notice(View):
    """One language's not-found message: the template says it with that language's UI strings
    (`i18n[notice.lang]`), in its direction, and links its home."""

    lang: str
    dir: str
    home: str  # the language's home, a site link
    title: str  # the language's site title
    strings: str  # the digest of the language's UI strings, which the message is made of
    digest: str = field(default="", compare=False, repr=False)


# ---- the keys each template receives -------------------------------------------------------------------------
KEYS = {  # every key a template may read, and what it holds
    "site": "Chrome: the page's language (title, direction, home, navigation, feed, assets)",
    "page": "PageInfo: the page (kind, URL, permalink, title, pagination, hreflang alternates, switcher)",
    "t": "the page language's UI strings: t(\"key\"), t(\"key\", count=n) for plurals",
    "i18n": "every language's UI strings: i18n[\"fr\"](\"key\")",
    "head": "HeadMeta: what the page tells machines (description, canonical, feeds, Open Graph, JSON-LD)",
    "article": "ArticleView or None: the article of an article page or a redirect; None elsewhere",
    "body": "the article's body (Markup)",
    "toc": "the article's table of contents (HTML, \"\" when it has none)",
    "related": "ArticleViews: related articles",
    "newer": "ArticleView or None: the next article of its language",
    "older": "ArticleView or None: the previous article of its language",
    "byline": "AuthorViews: the article's authors, with their profiles (authors/) when they have one",
    "translators": "AuthorViews: who translated the article (`translator:`), with their profiles",
    "profile": "AuthorView or None: on an author's page, their profile (None when they have none)",
    "lead": "ArticleView or None: the lead story (the home page's first page)",
    "picks": "ArticleViews: the editors' picks (pinned: picks), newest first (the home page's first page)",
    "articles": "ArticleViews: the articles of this page of the list",
    "section_blocks": "(Link of a section, its latest ArticleViews) pairs: the home page's first page",
    "today": "the edition's date and time (its newest story's, pages.front), or None: the front page's masthead",
    "term": "Link: the tag, section, author, year or month the list shows (count: its articles)",
    "terms": "Links: every tag of the language, the most used first",
    "years": "(Link of a year, Links of its months) pairs",
    "search": "SearchView: the index's URL, the values of the filters",
    "notices": "Notices: the not-found message of each language (the root 404.html: every language)",
    "old_links": "the URL of the script that leads WordPress's old links (/?p=123) to their article, or None",
    "target": "the URL the page leads to (a redirect, a feed's list page, robots.txt's first sitemap)",
    "entries": "a feed's FeedEntries; a sitemap's (URL, last modified, alternates) entries",
    "feed_title": "the feed's title",
    "updated": "the feed's last update: its newest entry's, or the build's clock",
    "logo": "the absolute URL of the theme's logo.png, or None",
    "bodies": "{article id: body (Markup)}: the bodies a full-content feed shows",
    "sitemaps": "the absolute URLs of the sitemaps, for robots.txt",
    "lines": "the lines of the site's static/robots.txt, added to robots.txt",
    "corrections": "(ArticleView, Correction) pairs: every correction of the language, the latest first",
    "series": "SeriesView or None: the article's place in its series (part N of M, links to every part)",
    "intro": "the series' introduction (HTML, \"\" when it has none)",
    "expired": "ExpiredView: the article an expired page stands for (its title, publication and expiry dates)",
}
EVERY_TEMPLATE = ("site", "page", "t", "i18n")  # what every template receives
PAGE = ("head", "article")  # what every page extending base.html receives besides
TEMPLATES = {  # template -> (the page kinds it renders, the keys it receives besides EVERY_TEMPLATE)
    "home.html": (("home",), (*PAGE, "lead", "picks", "articles", "section_blocks", "today")),
    "article.html": (("article",), (*PAGE, "body", "toc", "related", "newer", "older", "byline", "translators",
                                    "series")),
    "list.html": (("tag", "section", "author", "year", "month"), (*PAGE, "term", "articles", "profile")),
    "tags.html": (("tags",), (*PAGE, "terms")),
    "archive.html": (("archive",), (*PAGE, "years")),
    "search.html": (("search",), (*PAGE, "search")),
    "404.html": (("404",), (*PAGE, "notices", "old_links")),
    "corrections.html": (("corrections",), (*PAGE, "corrections")),
    "series.html": (("series",), (*PAGE, "term", "articles", "intro")),
    "expired.html": (("expired",), (*PAGE, "expired")),
    "root.html": (("root", "removed"), ("target", "old_links")),  # removed: an expired article's address or alias
    "redirect.html": (("redirect",), ("article", "target")),
    "feed.xml": (("feed",), ("entries", "feed_title", "target", "updated", "logo", "bodies")),
    "sitemap.xml": (("sitemap",), ("entries",)),
    "sitemap-index.xml": (("sitemap",), ("entries",)),
    "news-sitemap.xml": (("sitemap",), ("entries",)),
    "robots.txt": (("sitemap",), ("target", "sitemaps", "lines")),
}


def template_keys(template: str) -> tuple[str, ...]:
    """Every key a template receives (a template of the theme not listed here receives the keys of every one)."""
    return EVERY_TEMPLATE + TEMPLATES.get(template, ((), ()))[1]


# ---- filters and globals ----------------------------------------------------------------------------------
FILTERS = {
    "date": lambda when, locale, style="long": dates.format_when(when, locale, style) if when else "",
    "isodate": lambda when: dates.rfc3339(when) if when else "",
    "isolate": isolate_latin,
    "number": lambda n, locale: format_decimal(n, locale=locale),
    "rtl_title": rtl_title,
    "month_name": dates.month_name,
    "absolute_links": absolute_links,
}


def install(env) -> None:
    """The filters and globals templates get, in a Jinja environment."""
    env.filters.update(FILTERS)
    env.globals["remember"] = remember


_remembered: dict = {}  # what remember() made in this process, for this build


def remember(*key, caller):
    """`{% call remember("card", site, a, variant) %}…{% endcall %}`: the fragment is rendered once per
    process and build for one key (a view stands for its digest), then reused: an article's card is on a
    dozen list pages. The key must name everything the fragment shows (`site` for the page's language)."""
    key = tuple(v.digest if isinstance(v, View) else v for v in key)
    found = _remembered.get(key)
    if found is None:
        found = _remembered[key] = caller()
    return found


def forget_fragments() -> None:
    """Forget what remember() made: the templates may have changed since (a live preview's next build)."""
    _remembered.clear()
