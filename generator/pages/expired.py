"""The addresses of expired articles (content/expiry.py): a short notice in the article's place (site.toml
`expired = "notice"`), or (`"remove"`) a page that leads to the language's home; never a bare 404. Its old
addresses (`aliases:`) lead where its own address does: to the notice, or home (and its WordPress short links,
/?p=123, likewise: pages/old_links.py). None of them is listed in the sitemap nor indexed by search engines or
the site's search."""
from __future__ import annotations

from ..content import aliases
from ..content.model import Edition
from .contract import Chrome, ExpiredView
from .page import PageInputs, Planned


def expired_target(config, urls, article, path: str) -> str:
    """Where an expired article's old addresses lead: its notice, or (expired = "remove") its language's home."""
    return urls.link(path) if config.expired == "notice" else urls.link(urls.path(article.lang))


def plan_expired(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    site, urls, pages = inputs.site, inputs.urls, []
    notice = inputs.config.expired == "notice"
    for i in sorted(site.expired):
        article, path = site.expired[i]
        if article.lang != edition.code:
            continue
        if notice and inputs.wants(path):
            pages.append(Planned(path, "expired.html", edition.code, i, "expired", article.title, None, dict(
                site=chrome, expired=ExpiredView(article.title, article.date, article.expires))))
        elif not notice and inputs.wants(path):
            pages.append(Planned(path, "root.html", edition.code, i, "removed", chrome.title, None, dict(
                site=chrome, target=chrome.home)))
        target, own = expired_target(inputs.config, urls, article, path), urls.file(path)
        for alias in article.aliases:
            alias = aliases.normalize(alias)[0]
            if alias is None or "?" in alias:  # /?p=123: in the old links' map (old_links)
                continue
            old = urls.path() + alias.lstrip("/")
            if urls.file(old) != own and inputs.wants(old):
                pages.append(Planned(old, "root.html", edition.code, i, "removed", chrome.title, None, dict(
                    site=chrome, target=target)))
    return pages
