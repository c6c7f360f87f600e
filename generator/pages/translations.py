"""A page in the other languages: what every page is across languages (its `ident`), the path of each of its
versions, and from them its language switcher, its hreflang alternates and the languages it lacks."""
from __future__ import annotations

from ..content.model import Site
from ..content.taxonomies import TAXONOMIES
from .contract import Link
from .corrections import corrected
from .page import term_ident


def versions_of_pages(site: Site) -> dict:
    """{what the page is: {lang: path}}: how a page finds its equivalent in another language."""
    reg: dict = {}
    put = lambda ident, lang, path: reg.setdefault(ident, {}).__setitem__(lang, path)  # noqa: E731
    urls = site.urls
    for e in site.editions:
        c = e.code
        for ident, path in ((("home",), urls.path(c)), (("tags",), urls.path(c, "tags")),
                            (("archive",), urls.path(c, "archive")), (("search",), urls.path(c, "search"))):
            put(ident, c, path)
        if corrected(site, e):  # a language without corrections has no corrections page
            put(("corrections",), c, urls.path(c, "corrections"))
        for y in e.years:
            put(("year", y.year), c, y.path)
            for m in y.months:
                put(("month", y.year, m.month), c, m.path)
        for taxonomy in TAXONOMIES:
            for t in e.terms[taxonomy.kind]:
                put(term_ident(t), c, t.path)
    for key, versions in site.translations.items():
        for lang, i in versions.items():
            if i in site.paths:
                put(("article", key), lang, site.paths[i])
    return reg


class Translations:
    """The links of a site's pages to their versions in the other languages, made once per (what the page is,
    its language, whether it is a list's first page)."""

    def __init__(self, site: Site):
        self.config, self.urls = site.config, site.urls
        self.equivalents = versions_of_pages(site)
        self.made: dict = {}

    def links(self, ident, lang: str, first_page: bool) -> tuple[tuple, tuple, tuple]:
        """(language switcher, hreflang alternates, languages without a version) of a page: its versions in
        every language. The switcher leads to a language's home where the page has no version there, and
        says so (`untranslated`): a story or a list never lands silently elsewhere."""
        key = (ident, lang, first_page)
        found = self.made.get(key)
        if found is not None:
            return found
        urls, config = self.urls, self.config
        versions = self.equivalents.get(ident, {}) if ident else {}
        switcher = tuple(
            Link(l.name, urls.link(versions.get(l.code) or urls.path(l.code)), 0, l.code)
            for l in config.languages)
        alternates = []  # hreflang: only between translations, each naming all (itself included)
        if first_page and len(versions) > 1:
            alternates = [Link(code, urls.absolute(versions[code]), 0, code)
                          for code in config.codes if code in versions]
            default = versions.get(config.default_language)
            if default:
                alternates.append(Link("x-default", urls.absolute(default), 0, "x-default"))
        untranslated = tuple(code for code in config.codes if code != lang and code not in versions) \
            if ident else ()  # a page without versions (a 404, a redirect) has no counterpart to miss
        found = self.made[key] = (switcher, tuple(alternates), untranslated)
        return found
