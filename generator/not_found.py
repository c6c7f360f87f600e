"""The not-found pages: /<lang>/404.html in each language and direction, and /404.html, which says it in
every language (the one page a host such as GitHub Pages serves for any missing address). Hosts that can
serve a page per folder (Netlify, Cloudflare Pages, nginx, Apache: see docs/publishing.md) serve each language's."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .views import View

if TYPE_CHECKING:  # pragma: no cover
    from .model import Edition
    from .pages import Chrome, Planner

FILE = "404.html"


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


def notice(planner: "Planner", chrome: "Chrome") -> Notice:
    return Notice(chrome.lang, chrome.dir, chrome.home, chrome.title, planner.strings[chrome.lang].digest)


def plan_not_found(planner: "Planner", edition: "Edition", chrome: "Chrome") -> None:
    """/<lang>/404.html: the language's own not-found page."""
    path = planner.urls.path(edition.code, file=FILE)
    if planner.wants(path):
        add(planner, path, chrome, f"content/{edition.code}/", (notice(planner, chrome),))


def plan_root_not_found(planner: "Planner", chrome: "Chrome") -> None:
    """/404.html: in the default language's page, the message of every language, the default's first."""
    path = planner.urls.path(file=FILE)
    if planner.wants(path):
        others = [planner.chrome(e) for e in planner.site.editions if e.code != chrome.lang]
        add(planner, path, chrome, "site.toml", tuple(notice(planner, c) for c in (chrome, *others)))


def add(planner: "Planner", path: str, chrome: "Chrome", producer: str, notices: tuple[Notice, ...]) -> None:
    planner.add(path, "404.html", chrome.lang, producer, site=chrome, notices=notices,
                page=planner.info("404", chrome.lang, path, planner.strings[chrome.lang]("not_found"), None))
