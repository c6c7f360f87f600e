"""Which items of a WordPress export become articles, and where: the posts sorted from the pages and the items left
out (and why), each post's language, date, slug and translation group, then its file and translation key."""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from ..text.arabic import slugify
from . import wxr

IMPORTED = {"publish": False, "future": False, "draft": True, "pending": True}  # status -> draft:
NOT_IMPORTED = {"trash": "trashed", "private": "private", "auto-draft": "an auto-draft, never written",
                "inherit": "a revision"}


@dataclass(frozen=True)
class Left:
    """A post, page or other item that was not imported, or an alias that could not be kept."""

    where: str  # "export.xml:120" or the article file
    what: str  # 'post 105 «title»'
    why: str


@dataclass
class Post:
    """An item that will be an article, while its file is being planned."""

    item: wxr.Item
    lang: str
    date: dt.datetime
    draft: bool
    slug: str
    group: str
    path: str = ""  # content/<lang>/<yyyy>/<mm>/<slug>.md
    translation_key: str = ""


def when(text: str, zone: ZoneInfo, utc: bool) -> dt.datetime | None:
    if not text or text.startswith("0000"):
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace(" ", "T"))
    except ValueError:
        return None
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(zone) if utc else moment.replace(tzinfo=zone)


def language_of(item: wxr.Item, codes: tuple[str, ...], fallback: str) -> str:
    """Polylang's `language` term or WPML's export meta; else `fallback`. Unknown codes are returned as is."""
    term = next(iter(item.terms_of("language")), None)
    code = (term.slug if term else item.meta_value("_wpml_import_language_code")).strip().lower()
    if not code:
        return fallback
    if code in codes:
        return code
    short = re.split(r"[-_]", code)[0]
    return short if short in codes else code


def group_of(item: wxr.Item) -> str:
    term = next(iter(item.terms_of("post_translations")), None)
    if term:
        return f"polylang:{term.slug}"
    group = item.meta_value("_wpml_import_translation_group")
    return f"wpml:{group}" if group else ""


def slug_of(item: wxr.Item) -> str:
    decoded = unicodedata.normalize("NFC", unquote(item.name, errors="replace")).replace("\ufffd", "")
    return slugify(decoded) or slugify(item.title) or f"post-{item.id}"


def channel_language(export: wxr.Export, codes: tuple[str, ...]) -> str | None:
    """The export's own language (<language>ar</language>, "en-US"), when it is one of the site's."""
    code = export.language.strip().lower()
    if code in codes:
        return code
    short = re.split(r"[-_]", code)[0]
    return short if short in codes else None


def classify(export: wxr.Export, codes: tuple[str, ...], fallback: str, zone: ZoneInfo):
    """(posts to import, items left out, pages)."""
    posts, skipped, pages = [], [], []
    for item in export.items:
        where, what = f"{export.source}:{item.line}", f"{item.type} {item.id} «{item.title}»"
        if item.type == "page":
            pages.append(Left(where, what, "a page: pages are not imported; write it again as an article "
                                           "or a template if the new site needs it"))
            continue
        if item.type != "post":
            skipped.append(Left(where, what, {"attachment": "an attachment (its file is used where a post shows it)",
                                              "wp_block": "a reusable block (inlined where a post uses it)",
                                              "revision": "a revision"}.get(item.type, f'post type "{item.type}"')))
            continue
        if item.status not in IMPORTED:
            skipped.append(Left(where, what, NOT_IMPORTED.get(item.status, f'status "{item.status}"')))
            continue
        if item.password:
            skipped.append(Left(where, what, "password-protected (a static site cannot protect it)"))
            continue
        lang = language_of(item, codes, fallback)
        if lang not in codes:
            skipped.append(Left(where, what, f'its language "{lang}" is not in site.toml (add [languages.{lang}])'))
            continue
        date = (when(item.date_gmt, zone, utc=True) or when(item.date, zone, utc=False)  # a draft never dated:
                or when(item.modified_gmt, zone, utc=True) or when(item.modified, zone, utc=False))  # its last change
        if date is None:
            skipped.append(Left(where, what, "it has no date"))
            continue
        posts.append(Post(item, lang, date, IMPORTED[item.status], slug_of(item), group_of(item)))
    return posts, skipped, pages


def place(posts: list[Post], default_language: str) -> list[tuple[str, str]]:
    """Each post's file (a second post wanting one gets its WordPress id added) and translation key; what
    could not be linked (a group with two posts of one language: the first keeps it), for the report.

    WordPress wants one slug per site, so Polylang gives a translation that has its original's slug a "-2"
    (synchronized-post, synchronized-post-2); here each language has its own folder, and the translation
    gets its original's slug back (its old address stays an alias)."""
    groups: dict = defaultdict(list)
    for p in posts:
        if p.group:
            groups[p.group].append(p)
    for members in groups.values():
        for p in members:
            base, dash, number = p.slug.rpartition("-")
            if dash and number.isdigit() and any(o.slug == base and o.lang != p.lang for o in members):
                p.slug = base
    taken: set = set()
    for p in posts:
        folder = f"content/{p.lang}/{p.date:%Y}/{p.date:%m}"
        path = f"{folder}/{p.slug}.md"
        if path in taken:
            path = f"{folder}/{p.slug}-{p.item.id}.md"
        taken.add(path)
        p.path = path
    doubled = []
    for group, members in groups.items():
        one: dict = {}
        for p in sorted(members, key=lambda p: p.item.id):
            one.setdefault(p.lang, p)
        linked = list(one.values())
        doubled += [(p.path, f"its translation group ({group}) has another post in its language "
                             f"({one[p.lang].path}): not linked as a translation")
                    for p in members if all(p is not q for q in linked)]
        if len(linked) < 2:
            continue
        first = min(linked, key=lambda p: (p.lang != default_language, p.item.id))
        key = str(PurePosixPath(*PurePosixPath(first.path).parts[2:]).with_suffix(""))
        for p in linked:
            p.translation_key = key
    return doubled
