"""The not-found pages: /<lang>/404.html in each language and direction, and /404.html, which says it in
every language (the one page a host such as GitHub Pages serves for any missing address). Hosts that can
serve a page per folder (Netlify, Cloudflare Pages, nginx, Apache: see docs/publishing.md) serve each language's."""
from __future__ import annotations

from dataclasses import replace

from ..content.model import Edition
from . import old_links
from .contract import Chrome, Notice
from .page import PageInputs, Planned

FILE = "404.html"


def notice(inputs: PageInputs, chrome: Chrome) -> Notice:
    return Notice(chrome.lang, chrome.dir, chrome.home, chrome.title, inputs.strings[chrome.lang].digest)


def plan_not_found(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    """/<lang>/404.html: the language's own not-found page."""
    path = inputs.urls.path(edition.code, file=FILE)
    if not inputs.wants(path):
        return []
    return [not_found(inputs, path, chrome, f"content/{edition.code}/", (notice(inputs, chrome),))]


def plan_root_not_found(inputs: PageInputs, chrome: Chrome, others: tuple[Chrome, ...]) -> list[Planned]:
    """/404.html: in the default language's page (`chrome`), the message of every language, the default's first."""
    path = inputs.urls.path(file=FILE)
    if not inputs.wants(path):
        return []
    page = not_found(inputs, path, chrome, "site.toml", tuple(notice(inputs, c) for c in (chrome, *others)))
    return [replace(page, context=dict(page.context, old_links=old_links.script_url(inputs.site, inputs.urls)))]


def not_found(inputs: PageInputs, path: str, chrome: Chrome, producer: str, notices: tuple[Notice, ...]) -> Planned:
    return Planned(path, "404.html", chrome.lang, producer, "404", inputs.strings[chrome.lang]("not_found"), None,
                   dict(site=chrome, notices=notices))
