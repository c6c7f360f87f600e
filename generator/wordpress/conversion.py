"""What converting a post's HTML needs from the export: its attachments (their alt text and captions), its
reusable blocks, a post's footnotes, and every address the post uses mapped to the new site's."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from . import wxr
from .addresses import Addresses
from .inline import Context, anchor_name
from .posts import Post
from .shortcodes import Attachment
from .uploads import Plan, uploads_mapper

TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def reusable_blocks(export: wxr.Export) -> dict[int, str]:
    """The content of the export's reusable blocks (synced patterns), by id."""
    return {i.id: i.content for i in export.items if i.type == "wp_block"}


def footnotes_of(item: wxr.Item) -> list:
    """WordPress 6.3+ footnotes: the post meta `footnotes`, a JSON list of {"id", "content"}."""
    try:
        notes = json.loads(item.meta_value("footnotes") or "[]")
    except ValueError:
        return []
    return notes if isinstance(notes, list) else []


def attachments_of(export: wxr.Export) -> dict[int, Attachment]:
    return {i.id: Attachment(i.id, i.attachment_url, i.meta_value("_wp_attachment_image_alt"), plain_text(i.excerpt),
                             i.parent, i.order) for i in export.items if i.type == "attachment" and i.attachment_url}


def absolute(url: str, export: wxr.Export, page: str) -> str:
    """An address relative to the old site ("/wp-content/uploads/x.jpg", "x.jpg") made absolute: from the
    root of the WordPress site, or from the post's old address, as a browser read it there."""
    url = url.strip()
    if not url or url.startswith(("#", "//")) or urlsplit(url).scheme:
        return url
    if url.startswith("/"):
        return export.home_url.rstrip("/") + url if export.home_url else url
    return urljoin(page, url) if page else url


def context_of(plan: Plan, uploads: Path | None, p: Post, export: wxr.Export, attachments: dict,
               addresses: Addresses, keep: set) -> Context:
    """What converting one post needs: every address the post uses, mapped (uploads copied beside the
    article, links to other posts made links to their articles, relative addresses made absolute), the ids
    other posts link to, and the alt text of its pictures."""
    local = uploads_mapper(plan, uploads, p.path)
    page = p.item.link if urlsplit(p.item.link).scheme in ("http", "https") else export.site_url.rstrip("/") + "/"

    def address(url: str) -> str:
        full = absolute(url, export, page)
        return addresses.link(full, anchor_name) or local(full)

    def media(url: str) -> tuple[str, bool]:
        new = address(url)
        return new, "://" not in new and not new.startswith(("/", "#", "mailto:"))

    def alt_of(attachment_id: int) -> str:
        found = attachments.get(attachment_id)
        return found.alt if found else ""

    return Context(link=address, image=address, media=media, alt_of=alt_of, keep=frozenset(keep))
