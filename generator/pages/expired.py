"""The addresses of expired articles (content/expiry.py): a short notice in the article's place (site.toml
`expired = "notice"`), or (`"remove"`) a page that leads to the language's home; never a bare 404. Neither is
listed in the sitemap nor indexed by search engines or the site's search."""
from __future__ import annotations

from ..content.model import Edition
from .contract import Chrome, ExpiredView
from .page import PageInputs, Planned


def plan_expired(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    site, pages = inputs.site, []
    notice = inputs.config.expired == "notice"
    for i in sorted(site.expired):
        article, path = site.expired[i]
        if article.lang != edition.code or not inputs.wants(path):
            continue
        if notice:
            pages.append(Planned(path, "expired.html", edition.code, i, "expired", article.title, None, dict(
                site=chrome, expired=ExpiredView(article.title, article.date, article.expires))))
        else:
            pages.append(Planned(path, "root.html", edition.code, i, "removed", chrome.title, None, dict(
                site=chrome, target=chrome.home)))
    return pages
