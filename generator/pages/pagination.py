"""What a page knows of itself (its `PageInfo`): its kind, addresses and title, its place in a list of pages
(the previous, next and nearby pages), its versions in the other languages. Made lazily, in the render worker."""
from __future__ import annotations

import hashlib

from ..content.urls import Urls
from .contract import Link, PageInfo, View
from .translations import Translations


def page_window(urls: Urls, first: str, number: int, total: int) -> tuple[Link, ...]:
    """Links to the first and last pages and to the two on either side of this one, "…" between."""
    if total < 2:
        return ()
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    window, last = [], 0
    for n in shown:
        if n > last + 1:
            window.append(Link("…", "", 0, "gap"))
        url = urls.link(urls.paginated(first, n))
        window.append(Link(str(n), url, n, "current" if n == number else ""))
        last = n
    return tuple(window)


def page_info(urls: Urls, translations: Translations, kind, lang, path, title, ident, number=1, total=1,
              first=None) -> PageInfo:
    """The PageInfo of a page: of `number` of `total` pages when it is a list's (whose first page is `first`)."""
    switcher, alternates, untranslated = translations.links(ident, lang, number == 1)
    first = first or path
    return PageInfo(
        kind=kind, lang=lang, url=urls.link(path), permalink=urls.absolute(path), title=title,
        number=number, total=total,
        prev_url=urls.link(urls.paginated(first, number - 1)) if number > 1 else None,
        next_url=urls.link(urls.paginated(first, number + 1)) if number < total else None,
        first_url=urls.link(first), page_urls=page_window(urls, first, number, total), alternates=alternates,
        switcher=switcher, untranslated=untranslated,
    )


class LazyInfo(View):
    """A page's PageInfo, made when its template first reads it (in the render worker): planning 35,000
    pages makes none of their pagination windows, language switchers or URLs until a page is rendered.
    Its digest covers all the PageInfo is made of (with the site settings, in every page's digest). The
    sitemap reads `kind`, `permalink` and `alternates` of every page; they are made without the rest.
    `args`: page_info's (kind, lang, path, title, ident, number, total, first)."""

    def __init__(self, urls: Urls, translations: Translations, args: tuple):
        kind, lang, path, title, ident, number, total, first = args
        self._urls, self._translations, self._args, self._info = urls, translations, args, None
        self.kind = kind
        versions = sorted(translations.equivalents.get(ident, {}).items()) if ident else ()
        self.digest = hashlib.sha1(repr((args, versions)).encode()).hexdigest()[:24]

    @property
    def permalink(self) -> str:
        return self._urls.absolute(self._args[2])

    @property
    def alternates(self) -> tuple:
        kind, lang, path, title, ident, number, total, first = self._args
        return self._translations.links(ident, lang, number == 1)[1]

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._info is None:
            self._info = page_info(self._urls, self._translations, *self._args)
        return getattr(self._info, name)

    def release(self) -> None:
        """Forget the PageInfo once the page is written: a worker renders thousands of pages."""
        self._info = None
