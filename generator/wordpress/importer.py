"""Import a WordPress export (WXR) into content/<lang>/<yyyy>/<mm>/<slug>.md: what each post becomes,
which are left out and why, and the files written (never over an existing one without `overwrite`)."""
from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit
from zoneinfo import ZoneInfo

import yaml

from .. import config as site_config
from ..content import aliases as old_urls
from ..errors import BuildError, Problem
from ..text.arabic import slugify
from . import wxr
from .html_to_markdown import to_markdown
from .shortcodes import Attachment

UPLOADS = "/wp-content/uploads/"
NO_DATE = "0000-00-00 00:00:00"
IMPORTED = {"publish": False, "future": False, "draft": True, "pending": True}  # status -> draft:
NOT_IMPORTED = {"trash": "trashed", "private": "private", "auto-draft": "an auto-draft, never written",
                "inherit": "a revision"}
DEFAULT_SECTIONS = {"uncategorized", "non-classe", "%d8%ba%d9%8a%d8%b1-%d9%85%d8%b5%d9%86%d9%81"}  # غير-مصنف
TAG = re.compile(r"<[^>]+>")


@dataclass(frozen=True)
class Options:
    export: Path
    site: Path
    uploads: Path | None = None
    lang: str | None = None  # the language of posts the export gives none; default: the site's default
    overwrite: bool = False


@dataclass(frozen=True)
class Left:
    """A post, page or other item that was not imported, or an alias that could not be kept."""

    where: str  # "export.xml:120" or the article file
    what: str  # 'post 105 «title»'
    why: str


@dataclass(frozen=True)
class Report:
    new: tuple[str, ...]  # files written this time (articles and images)
    unchanged: tuple[str, ...]  # already there with the same content
    kept: tuple[str, ...]  # already there with other content: not overwritten (use --overwrite)
    overwritten: tuple[str, ...]
    articles: tuple[str, ...]  # every article file the export gives, written or not
    skipped: tuple[Left, ...]
    pages: tuple[Left, ...]  # WordPress pages: reported, not imported
    shortcodes: tuple[tuple[str, str], ...]  # (article file, shortcode kept as text)
    images_missing: tuple[tuple[str, str], ...]  # (article file, URL not found in the uploads folder)
    images_linked: tuple[tuple[str, str], ...]  # (article file, URL kept: no uploads folder given)
    skipped_aliases: tuple[Left, ...]


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


@dataclass
class Plan:
    files: dict = field(default_factory=dict)  # site path -> bytes, or a Path to copy
    names: dict = field(default_factory=lambda: defaultdict(dict))  # folder -> {file name: upload}
    missing: dict = field(default_factory=dict)
    linked: dict = field(default_factory=dict)


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


def plain_text(fragment: str) -> str:
    return " ".join(html.unescape(TAG.sub(" ", fragment)).split())


def attachments_of(export: wxr.Export) -> dict[int, Attachment]:
    return {i.id: Attachment(i.id, i.attachment_url, i.meta_value("_wp_attachment_image_alt"), plain_text(i.excerpt),
                             i.parent, i.order) for i in export.items if i.type == "attachment" and i.attachment_url}


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
        date = when(item.date_gmt, zone, utc=True) or when(item.date, zone, utc=False)
        if date is None:
            skipped.append(Left(where, what, "it has no date"))
            continue
        posts.append(Post(item, lang, date, IMPORTED[item.status], slug_of(item), group_of(item)))
    return posts, skipped, pages


def place(posts: list[Post], default_language: str) -> None:
    """Each post's file (a second post wanting one gets its WordPress id added) and translation key."""
    taken: set = set()
    for p in posts:
        folder = f"content/{p.lang}/{p.date:%Y}/{p.date:%m}"
        path = f"{folder}/{p.slug}.md"
        if path in taken:
            path = f"{folder}/{p.slug}-{p.item.id}.md"
        taken.add(path)
        p.path = path
    groups: dict = defaultdict(list)
    for p in posts:
        if p.group:
            groups[p.group].append(p)
    for members in groups.values():
        if len(members) < 2:
            continue
        first = min(members, key=lambda p: (p.lang != default_language, p.item.id))
        key = str(PurePosixPath(*PurePosixPath(first.path).parts[2:]).with_suffix(""))
        for p in members:
            p.translation_key = key


def uploads_mapper(plan: Plan, uploads: Path | None, article: str):
    """The `local` function of one article: an upload URL becomes a file beside the article (copied from
    `uploads`), any other URL is kept. Missing files are noted, and so are URLs kept for lack of `uploads`."""
    folder = str(PurePosixPath(article).parent)

    def local(url: str) -> str:
        parts = urlsplit(url)
        path = unquote(parts.path)
        if UPLOADS not in path or parts.query:
            return url
        rel = path.split(UPLOADS, 1)[1]
        if uploads is None:
            plan.linked.setdefault((article, url), None)
            return url
        source = uploads / rel
        if ".." in PurePosixPath(rel).parts or not source.is_file():
            plan.missing.setdefault((article, url), None)
            return url
        names = plan.names[folder]
        name = unicodedata.normalize("NFC", PurePosixPath(rel).name)
        stem, suffix, n = PurePosixPath(name).stem, PurePosixPath(name).suffix, 2
        while names.get(name, rel) != rel:
            name, n = f"{stem}-{n}{suffix}", n + 1
        names[name] = rel
        plan.files[f"{folder}/{name}"] = source
        return quote(name)

    return local


def front_matter(p: Post, export: wxr.Export, attachments: dict, local, zone: ZoneInfo) -> dict:
    item = p.item
    meta: dict = {"title": " ".join(item.title.split()) or p.slug.replace("-", " "), "date": p.date.isoformat()}
    modified = when(item.modified_gmt, zone, utc=True)
    if modified and modified > p.date and not p.draft:
        meta["updated"] = modified.isoformat()
    author = dict(export.authors).get(item.creator, item.creator)
    if author:
        meta["author"] = author
    section = next((t.name for t in item.terms_of("category") if t.slug.lower() not in DEFAULT_SECTIONS), None)
    if section:
        meta["section"] = section
    tags = list(dict.fromkeys(t.name for t in item.terms_of("post_tag") if t.name.strip()))
    if tags:
        meta["tags"] = tags
    if p.translation_key:
        meta["translation_key"] = p.translation_key
    if plain_text(item.excerpt):
        meta["summary"] = plain_text(item.excerpt)
    thumbnail = attachments.get(int(item.meta_value("_thumbnail_id") or 0))
    if thumbnail:
        src = local(thumbnail.url)
        meta["image"] = src if "://" in src else unquote(src)
        if thumbnail.alt:
            meta["image_alt"] = thumbnail.alt
        if thumbnail.caption:
            meta["image_caption"] = thumbnail.caption
    if p.draft:
        meta["draft"] = True
    return meta


def old_url(p: Post, export: wxr.Export) -> tuple[str | None, str]:
    """The post's WordPress address as a site path ("/2024/06/26/سوق-السمك/"), or (None, why not)."""
    link, base = urlsplit(p.item.link), urlsplit(export.site_url).path.rstrip("/")
    path = link.path[len(base):] if base and link.path.startswith(base + "/") else link.path
    return old_urls.normalize(path + (f"?{link.query}" if link.query else ""))


def dump(meta: dict, body: str) -> bytes:
    text = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10_000, default_flow_style=False)
    return f"---\n{text}---\n{body}".encode("utf-8")


def plan_import(options: Options, config: site_config.Config, export: wxr.Export):
    zone = ZoneInfo(config.timezone)
    posts, skipped, pages = classify(export, config.codes, options.lang or config.default_language, zone)
    place(posts, config.default_language)
    attachments = attachments_of(export)
    plan, shortcodes_left, skipped_aliases = Plan(), [], []
    for p in posts:
        local = uploads_mapper(plan, options.uploads, p.path)
        meta = front_matter(p, export, attachments, local, zone)
        converted = to_markdown(p.item.content, attachments, p.item.id, local)
        shortcodes_left.extend((p.path, s) for s in converted.shortcodes_left)
        if not p.draft and p.item.link:
            alias, why = old_url(p, export)
            new_url = f"/{p.lang}/{p.date:%Y}/{p.date:%m}/{slugify(PurePosixPath(p.path).stem)}/"
            if alias is None:
                skipped_aliases.append(Left(p.path, p.item.link, why))
            elif alias != new_url:
                meta["aliases"] = [alias]
        if not converted.markdown.strip():
            meta["draft"] = True  # a post without text would not build: a draft, to be written (issue 17)
        plan.files[p.path] = dump(meta, converted.markdown)
    return plan, posts, skipped, pages, tuple(shortcodes_left), tuple(skipped_aliases)


def import_export(options: Options) -> Report:
    """Read the export, plan every file, write the new ones; a BuildError for an unusable export or site."""
    config = site_config.load(options.site)
    if options.lang and options.lang not in config.codes:
        raise BuildError([Problem("site.toml", 0, f'--lang {options.lang}: not a language of site.toml '
                                                  f'({", ".join(config.codes)})')])
    if options.uploads is not None and not options.uploads.is_dir():
        raise BuildError([Problem(str(options.uploads), 0, "--uploads: not a folder (give the copy of "
                                                          "wp-content/uploads/ of the old site)")])
    export = wxr.read(options.export, str(options.export))
    plan, posts, skipped, pages, shortcodes_left, skipped_aliases = plan_import(options, config, export)
    outcome: dict = defaultdict(list)
    for rel in sorted(plan.files):
        content = plan.files[rel]
        data = content if isinstance(content, bytes) else content.read_bytes()
        target = options.site / rel
        if target.exists():
            if target.read_bytes() == data:
                outcome["unchanged"].append(rel)
                continue
            if not options.overwrite:
                outcome["kept"].append(rel)
                continue
            outcome["overwritten"].append(rel)
        else:
            outcome["new"].append(rel)
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_name(f".{target.name}.importing")
        temporary.write_bytes(data)
        temporary.replace(target)
    return Report(
        new=tuple(outcome["new"]), unchanged=tuple(outcome["unchanged"]), kept=tuple(outcome["kept"]),
        overwritten=tuple(outcome["overwritten"]), articles=tuple(sorted(p.path for p in posts)),
        skipped=tuple(skipped), pages=tuple(pages), shortcodes=shortcodes_left,
        images_missing=tuple(plan.missing), images_linked=tuple(plan.linked), skipped_aliases=skipped_aliases,
    )
