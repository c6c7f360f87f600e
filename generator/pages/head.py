"""What a page tells machines in its <head>: description, canonical, feeds, Open Graph, Twitter card and
JSON-LD (NewsArticle, BreadcrumbList, WebSite). Built from the page's own views, so its digest covers it."""
from __future__ import annotations

import json
from collections.abc import Mapping
from urllib.parse import urljoin

from ..config import Config
from ..content.taxonomies import TAXONOMIES
from ..content.urls import Urls
from ..text import dates
from ..text.arabic import identity
from ..theme.strings import Strings
from .contract import ArticleView, HeadMeta, Link, PageInfo, View
from .feeds import feed_link

LOGO = "logo.png"  # the theme's publisher logo (static/logo.png), if it has one
TERM_PAGES = tuple(t.single for t in TAXONOMIES if t.feed)  # pages that have a feed of their own
UNINDEXED = ("404", "expired")


class LazyHead(View):
    """A page's HeadMeta, built when its template first reads it, in the render worker: a page whose
    inputs did not change is not rendered, so its head is not built. Everything it is made of (the
    page's site, page, article and term views, the UI strings, the config) is already part of the
    page's digest, so its own digest is a constant."""

    digest = "head-meta-1"

    def __init__(self, builder: "HeadBuilder", context: dict):
        self._builder, self._context, self._meta = builder, context, None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._meta is None:
            try:
                self._meta = self._builder.build(self._context)
            except AttributeError as exc:  # not to be mistaken by Jinja for a missing attribute of the head
                raise RuntimeError(f"building the page's head metadata: {exc}") from exc
        return getattr(self._meta, name)

    def release(self) -> None:
        """Forget what was built once the page is written: a worker renders thousands of pages."""
        self._meta = None


def script_json(data: dict) -> str:
    """JSON for a <script> element: no "</script>" or "<!--" can come out of a title."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


class HeadBuilder:
    """Builds the HeadMeta of a page from its context, with the site's URLs, config, assets and UI strings."""

    def __init__(self, urls: Urls, config: Config, assets: Mapping[str, str], strings: Mapping[str, Strings]):
        self.urls, self.config, self.strings = urls, config, strings
        logo = assets.get(LOGO)
        self.logo = self.urls.absolute(logo) if logo else None
        self.authors = {identity(lang.title) for lang in self.config.languages} | {identity(self.config.title)}
        self.indexes: dict = {}  # (lang, parts) -> absolute URL of an index page, for breadcrumbs

    def absolute(self, link: str) -> str:
        """The absolute URL of a link: site links start with "/", a picture may be elsewhere."""
        return self.urls.origin + link if link.startswith("/") and not link.startswith("//") else \
            urljoin(self.urls.origin + "/", link)

    def build(self, context: dict) -> HeadMeta:
        chrome, page, article, term = context["site"], context["page"], context.get("article"), context.get("term")
        article = article if isinstance(article, ArticleView) else None
        feeds = [Link(chrome.title, chrome.feed, 0, page.lang)]
        if page.kind in TERM_PAGES and term is not None:
            feeds.append(Link(f"{term.name} – {chrome.title}", feed_link(term.url), 0, term.key))
        if article:
            description = article.summary or article.title
        else:
            description = chrome.title if page.kind == "home" else f"{page.title} – {chrome.title}"
        # the social card (1200x630, cropped from the lead picture) where there is one
        image = (article.social_image or self.absolute(article.image)) if article and article.image else self.logo
        indexed = page.kind not in UNINDEXED
        jsonld = []
        if article:
            jsonld.append(self.news_article(chrome, page, article, image, context.get("words", 0),
                                            context.get("byline", ()), context.get("translators", ()),
                                            context.get("series")))
        if page.kind == "author" and context.get("profile") is not None and page.number == 1:
            jsonld.append(script_json({"@context": "https://schema.org", "@type": "ProfilePage",
                                       "url": page.permalink, "inLanguage": page.lang,
                                       "mainEntity": self.person(context["profile"])}))
        trail = self.breadcrumbs(chrome, page, article, term)
        if len(trail) > 1:
            jsonld.append(script_json({"@context": "https://schema.org", "@type": "BreadcrumbList",
                                       "itemListElement": [{"@type": "ListItem", "position": n, "name": name,
                                                            "item": url} for n, (name, url) in enumerate(trail, 1)]}))
        if page.kind == "home" and page.number == 1:
            jsonld.append(script_json({"@context": "https://schema.org", "@type": "WebSite", "name": chrome.title,
                                       "url": page.permalink, "inLanguage": page.lang,
                                       "publisher": self.publisher(chrome)}))
        return HeadMeta(
            description=description, canonical=page.permalink if indexed else None,
            robots=None if indexed else "noindex", feeds=tuple(feeds),
            og=self.open_graph(chrome, page, article, description, image),
            twitter=(("twitter:card", "summary_large_image" if article and article.image else "summary"),
                     ("twitter:description", description), *((("twitter:image", image),) if image else ()),
                     *((("twitter:image:alt", article.image_alt),) if article and article.image and article.image_alt
                       else ())),
            jsonld=tuple(jsonld),
        )

    def open_graph(self, chrome, page: PageInfo, article: ArticleView | None, description: str, image):
        config = self.config
        og = [("og:site_name", chrome.title), ("og:url", page.permalink), ("og:description", description),
              ("og:locale", chrome.locale)]
        og += [("og:locale:alternate", config.language(alt.key).locale) for alt in page.alternates
               if alt.key in config.codes and alt.key != page.lang]
        og.append(("og:type", "article" if article else "website"))
        if image:
            og.append(("og:image", image))
            if article and article.social_image and article.social_width:
                og.extend((("og:image:width", str(article.social_width)), ("og:image:height", str(article.social_height))))
            if article and article.image and article.image_alt:
                og.append(("og:image:alt", article.image_alt))
        if article:
            og.append(("article:published_time", dates.rfc3339(article.date)))
            og.append(("article:modified_time", dates.rfc3339(article.updated or article.date)))
            og += [("article:author", self.absolute(a.url)) for a in article.authors]
            if article.section:
                og.append(("article:section", article.section.name))
            og += [("article:tag", t.name) for t in article.tags]
        return tuple(og)

    def publisher(self, chrome) -> dict:
        data = {"@type": "NewsMediaOrganization", "name": chrome.title, "url": self.absolute(chrome.home)}
        if self.logo:
            data["logo"] = {"@type": "ImageObject", "url": self.logo}
        return data

    def person(self, p) -> dict:
        """schema.org Person of an AuthorView: its page, and with a profile its role, photo and links (sameAs)."""
        data = {"@type": "Person", "name": p.name}
        if p.url:
            data["url"] = self.absolute(p.url)
        if p.role:
            data["jobTitle"] = p.role
        if p.photo:
            data["image"] = self.absolute(p.photo.src)
        if p.links:
            data["sameAs"] = [link.url for link in p.links]
        return data

    def news_article(self, chrome, page: PageInfo, a: ArticleView, image, words: int, byline=(), translators=(),
                     series=None) -> str:
        if byline:
            authors = [{"@type": "Organization", "name": x.name, "url": self.absolute(x.url)}
                       if identity(x.name) in self.authors and not x.profile and x.url else self.person(x)
                       for x in byline]
        else:
            authors = [{"@type": "Organization" if x.key in self.authors else "Person", "name": x.name,
                        "url": self.absolute(x.url)} for x in a.authors] or [self.publisher(chrome)]
        data = {
            "@context": "https://schema.org", "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": page.permalink}, "url": page.permalink,
            "headline": a.title, "description": a.summary,
            "datePublished": dates.rfc3339(a.date), "dateModified": dates.rfc3339(a.updated or a.date),
            "author": authors, "inLanguage": a.lang, "publisher": self.publisher(chrome),
        }
        if image:
            data["image"] = [image]
        if a.section:
            data["articleSection"] = a.section.name
        if a.tags:
            data["keywords"] = [t.name for t in a.tags]
        if translators:
            data["translator"] = [self.person(x) for x in translators]
        if a.dateline:
            data["dateline"] = a.dateline
        if words:
            data["wordCount"] = words
        if series is not None:  # a part of a series (dossier): which, and its place in it
            data["isPartOf"] = {"@type": "CreativeWorkSeries", "name": series.name, "url": self.absolute(series.url)}
            data["position"] = series.number
        if a.corrections:  # latest first, as the page shows them
            data["correction"] = [{"@type": "CorrectionComment", "text": c.text, "datePublished": dates.rfc3339(c.date)}
                                  for c in a.corrections]
        return script_json(data)

    def breadcrumbs(self, chrome, page: PageInfo, article, term) -> list[tuple[str, str]]:
        """(name, absolute URL) from the language's home to the page."""
        if page.kind in ("home", "root", *UNINDEXED):
            return []
        t = self.strings[page.lang]
        lang = page.lang
        trail = [(t("home"), self.absolute(chrome.home))]
        def index(*parts) -> str:
            if (lang, parts) not in self.indexes:
                self.indexes[(lang, parts)] = self.urls.absolute(self.urls.path(lang, *parts))
            return self.indexes[(lang, parts)]
        if article:
            if article.section:
                trail.append((article.section.name, self.absolute(article.section.url)))
        elif page.kind in ("tags", "tag"):
            trail.append((t("tags"), index("tags")))
        elif page.kind in ("archive", "year", "month"):
            trail.append((t("archive"), index("archive")))
            if page.kind == "month" and term is not None:
                year = term.key[:4]
                trail.append((year, index(year)))
        if page.kind not in ("tags", "archive"):
            trail.append((term.name if term is not None and not article else page.title,
                          self.absolute(page.first_url or page.url)))
        return trail
