"""Atom feeds: one per language, tag, section and author, with entry ids that survive a change of URL."""
from __future__ import annotations

import mimetypes
from urllib.parse import quote, urlsplit

from ..content.corrections import last_change
from ..content.links import absolute
from ..content.model import Edition
from ..content.taxonomies import TAXONOMIES
from .contract import Chrome, FeedEntry, Link
from .page import PageInputs, Planned

FEED_FILE = "feed.xml"
FEED_KINDS = tuple(t.kind for t in TAXONOMIES if t.feed)  # besides the language's own feed


def feed_link(list_link: str) -> str:
    """The feed of a list page (its first page's link): "/ar/tags/x/" -> "/ar/tags/x/feed.xml"."""
    return list_link + FEED_FILE


def entry_id(base_url: str, lang: str, translation_key: str, date) -> str:
    """tag:example.ma,2024-06-26:ar/care-economy-conference-2024 (RFC 4151): the host and path of base_url,
    the date the story was first published, its language and translation key. A new slug, title or
    section leaves it unchanged, so feed readers do not show the story twice."""
    parts = urlsplit(base_url)
    prefix = parts.path.strip("/")
    specific = quote(f"{prefix + '/' if prefix else ''}{lang}/{translation_key}", safe="/-_.~")
    return f"tag:{parts.hostname},{date:%Y-%m-%d}:{specific}"


def plan_feeds(inputs: PageInputs, edition: Edition, chrome: Chrome) -> list[Planned]:
    """The language's feed, then one per tag, section and author of the edition."""
    title, made = edition.language.title, {}  # an article is in several feeds: its entry is made once
    feeds = [plan_feed(inputs, edition, chrome, inputs.urls.path(edition.code), title, edition.articles, made)]
    for kind in FEED_KINDS:
        for term in edition.terms[kind]:
            feeds.append(plan_feed(inputs, edition, chrome, term.path, f"{term.name} – {title}", term.articles, made))
    return [f for f in feeds if f is not None]


def plan_feed(inputs: PageInputs, edition: Edition, chrome: Chrome, list_path: str, title: str, ids,
              made: dict) -> Planned | None:
    config, urls, site = inputs.config, inputs.urls, inputs.site
    entries = ids[: config.feed_limit]
    path = list_path + FEED_FILE
    if not inputs.wants(path):
        return None
    # Atom requires <updated>: the newest entry's, or for a feed without entries the build's clock
    updated = max((last_change(site.articles[i].updated, site.articles[i].corrections) or site.articles[i].date
                   for i in entries), default=site.now)
    full = config.feed_content == "full"
    return Planned(path, "feed.xml", edition.code, f"content/{edition.code}/", "feed", title, None, dict(
        site=chrome,
        entries=tuple(made[i] if i in made else made.setdefault(i, feed_entry(inputs, i)) for i in entries),
        feed_title=title,
        target=urls.absolute(list_path), updated=updated,
        logo=urls.origin + urls.link(inputs.assets["logo.png"]) if "logo.png" in inputs.assets else None),
        bodies=entries if full else ())


def feed_entry(inputs: PageInputs, i: str) -> FeedEntry:
    card, article = inputs.cards[i], inputs.site.articles[i]
    origin = inputs.urls.origin
    image = absolute(card.image, card.permalink) if card.image else None
    return FeedEntry(
        article=card, id=entry_id(inputs.config.base_url, article.lang, article.translation_key, article.date),
        authors=tuple(Link(a.name, origin + a.url, 0, a.key) for a in card.authors),
        categories=tuple(([card.section.name] if card.section else []) + [t.name for t in card.tags]),
        image=image, image_type=mimetypes.guess_type(urlsplit(image).path)[0] if image else None,
        contributors=tuple(dict.fromkeys(
            Link(t.name, origin + t.url if t.url else "", 0, t.key)
            for t in (inputs.people[(article.lang, n)] for n in article.translators))),
    )
