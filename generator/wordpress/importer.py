"""Import a WordPress export (WXR) into content/<lang>/<yyyy>/<mm>/<slug>.md: what each post becomes,
which are left out and why, and the files written (never over an existing one without `overwrite`)."""
from __future__ import annotations

import hashlib
import os
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote
from zoneinfo import ZoneInfo

from .. import config as site_config
from ..content.front_matter import dump
from ..errors import BuildError, Problem
from ..text.arabic import slugify
from . import cache, comments, wxr
from .addresses import addresses_of, built_file, hosts_of, site_path
from .conversion import attachments_of, context_of, footnotes_of, plain_text, reusable_blocks
from .html_to_markdown import plain_title, to_markdown
from .posts import Left, Post, channel_language, classify, place, when
from .uploads import Plan

DEFAULT_SECTIONS = {"uncategorized", "non-classe", "%d8%ba%d9%8a%d8%b1-%d9%85%d8%b5%d9%86%d9%81"}  # غير-مصنف
NEXTPAGE = re.compile(r"<!--\s*nextpage\s*-->")


@dataclass(frozen=True)
class Options:
    export: Path
    site: Path
    uploads: Path | None = None
    lang: str | None = None  # the language of posts the export gives none; default: the site's default
    overwrite: bool = False
    comments: bool = True  # approved comments as a read-only archive under each article


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
    said: tuple[str, ...] = ()  # what reading the export had to decide (an encoding it did not trust)
    notes: tuple[tuple[str, str], ...] = ()  # (article file, what of the post could not be carried as it was)
    comments: tuple[int, int] = (0, 0)  # (approved comments kept under their articles, comments left out)


def sections_of(item: wxr.Item, export: wxr.Export) -> tuple[str | None, list[str]]:
    """(the post's section, its other categories): the section is Yoast's primary category when it names one
    of the post's, else its first; WordPress's default "Uncategorized" is none. The others become tags."""
    names = [t for t in item.terms_of("category") if t.slug.lower() not in DEFAULT_SECTIONS and t.name.strip()]
    primary = item.meta_value("_yoast_wpseo_primary_category") or item.meta_value("rank_math_primary_category")
    slug = next((s for term_id, taxonomy, s in export.categories
                 if taxonomy == "category" and str(term_id) == primary.strip()), None)
    first = next((t for t in names if t.slug == slug), names[0] if names else None)
    return (first.name if first else None), [t.name for t in names if t is not first]


def front_matter(p: Post, export: wxr.Export, attachments: dict, local, zone: ZoneInfo) -> dict:
    item = p.item
    meta: dict = {"title": plain_title(item.title)[0] or p.slug.replace("-", " "), "date": p.date.isoformat()}
    modified = when(item.modified_gmt, zone, utc=True)
    if modified and modified > p.date and not p.draft:
        meta["updated"] = modified.isoformat()
    author = dict(export.authors).get(item.creator, item.creator)
    if author:
        meta["author"] = author
    section, others = sections_of(item, export)
    if section:
        meta["section"] = section
    tags = list(dict.fromkeys([t.name for t in item.terms_of("post_tag") if t.name.strip()] + others))
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
    if item.sticky:  # "stick to the top of the blog": the home page's lead spot
        meta["featured"] = True
    if p.draft:
        meta["draft"] = True
    return meta


def new_url(p: Post) -> str:
    """The article's address on the new site, as the build makes it."""
    return f"/{p.lang}/{p.date:%Y}/{p.date:%m}/{slugify(PurePosixPath(p.path).stem)}/"


def plan_import(options: Options, config: site_config.Config, export: wxr.Export):
    zone = ZoneInfo(config.timezone)
    fallback = options.lang or channel_language(export, config.codes) or config.default_language
    posts, skipped, pages = classify(export, config.codes, fallback, zone)
    doubled = place(posts, config.default_language)
    attachments = attachments_of(export)
    reusable = reusable_blocks(export)
    published = [p for p in posts if not p.draft]
    addresses = addresses_of(((p.item.id, p.item.link, new_url(p)) for p in published),
                             hosts_of(export.site_url, export.home_url), config.base_path)
    wanted = addresses.fragments(p.item.content for p in posts)
    plan, shortcodes_left, skipped_aliases, notes, counts = Plan(), [], [], list(doubled), [0, 0]
    for p in posts:
        ctx = context_of(plan, options.uploads, p, export, attachments, addresses, wanted.get(new_url(p), set()))
        meta = front_matter(p, export, attachments, ctx.image, zone)
        try:
            converted = to_markdown(p.item.content, attachments, p.item.id, ctx, reusable, footnotes_of(p.item))
        except RecursionError:  # a last resort: dom.py and blocks.py bound the depth they recurse to
            skipped.append(Left(p.item.where, f"post {p.item.id} «{p.item.title}»", "its HTML is nested too deeply to "
                                "convert: open it in WordPress, clean its markup (Code editor), and export it again"))
            posts = [q for q in posts if q is not p]
            continue
        shortcodes_left.extend((p.path, s) for s in converted.shortcodes_left)
        notes.extend((p.path, note) for note in converted.notes)
        others = sections_of(p.item, export)[1]
        if others:
            notes.append((p.path, f"section: {meta['section']}; its other categories made tags: {', '.join(others)}"))
        if "<" in p.item.title and plain_title(p.item.title)[1]:
            notes.append((p.path, f"its title held markup ({p.item.title}): kept as its text"))
        if not p.draft:
            alias, why = site_path(p.item.link, config.base_path) if p.item.link else (
                None, "the export gives no old address (<link> is empty): no redirect")
            alias, why = (None, built_file(alias, config.codes)) if alias and built_file(alias, config.codes) else (alias, why)
            old = []
            if alias is None:
                skipped_aliases.append(Left(p.path, p.item.link or f"post {p.item.id}", why))
            else:
                breaks = NEXTPAGE.findall(p.item.content)  # WordPress served page 2 of a post at <address>2/
                more = [f"{alias}{n}/" for n in range(2, len(breaks) + 2)] if alias.endswith("/") else []
                old = ([alias] if alias != new_url(p) else []) + more
                if breaks:
                    notes.append((p.path, f"a post of {len(breaks) + 1} pages (<!--nextpage-->) is one article here; "
                                          f"the old address of each page leads to it"))
            short = site_path(f"{export.site_url.rstrip('/')}/?p={p.item.id}", config.base_path)[0] \
                if export.site_url and p.item.id else None  # its short link, which WordPress answers for every post
            old += [short] if short and short not in old else []
            if old:
                meta["aliases"] = old
        body = converted.markdown
        if p.item.comments:
            kept = comments.archive(p.item.comments, p.lang) if options.comments else None
            counts[0] += kept.kept if kept else 0
            counts[1] += kept.left if kept else len(p.item.comments)
            if kept and kept.markdown:
                body = (body + "\n" if body else "") + kept.markdown
        if not converted.markdown.strip():
            meta["draft"] = True  # a post without text would not build: a draft, to be written (issue 17)
        plan.files[p.path] = dump(meta, body)
    return plan, posts, skipped, pages, tuple(shortcodes_left), tuple(skipped_aliases), tuple(notes), tuple(counts)


def import_export(options: Options) -> Report:
    """Read the export, plan every file, write the new ones; a BuildError for an unusable export or site."""
    config = site_config.load(options.site)
    if options.lang and options.lang not in config.codes:
        raise BuildError([Problem("site.toml", 0, f'--lang {options.lang}: not a language of site.toml '
                                                  f'({", ".join(config.codes)})')])
    if options.uploads is not None and not options.uploads.is_dir():
        raise BuildError([Problem(str(options.uploads), 0, "--uploads: not a folder (give the copy of "
                                                          "wp-content/uploads/ of the old site)")])
    try:
        key = cache.key_of(options, (options.site / "site.toml").read_bytes())
    except OSError as exc:
        raise BuildError([Problem(str(options.export), 0, f"cannot be read: {exc.strerror or exc}")]) from None
    saved = cache.load(options.site, key)
    if saved is not None:
        return replayed(saved["report"])
    export = wxr.read(options.export, str(options.export))
    plan, posts, skipped, pages, shortcodes_left, skipped_aliases, notes, counts = plan_import(options, config, export)
    outcome: dict = defaultdict(list)
    digests, uploads = {}, {}
    for rel in sorted(plan.files):
        content = plan.files[rel]
        data = content if isinstance(content, bytes) else content.read_bytes()
        digests[rel] = hashlib.sha256(data).hexdigest()
        if isinstance(content, Path):
            uploads[str(content)] = cache.stat_of(content)
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
        temporary = target.with_name(f".{target.name}.{os.getpid()}.importing")  # two imports at once never share one
        temporary.write_bytes(data)
        temporary.replace(target)
    report = Report(
        new=tuple(outcome["new"]), unchanged=tuple(outcome["unchanged"]), kept=tuple(outcome["kept"]),
        overwritten=tuple(outcome["overwritten"]), articles=tuple(sorted(p.path for p in posts)),
        skipped=tuple(skipped), pages=tuple(pages), shortcodes=shortcodes_left,
        images_missing=tuple(plan.missing), images_linked=tuple(plan.linked), skipped_aliases=skipped_aliases,
        said=export.notes, notes=notes, comments=counts,
    )
    if not report.kept:
        cache.save(options.site, key, digests, uploads, report)
    return report


def replayed(saved: dict) -> Report:
    """The report of the last import, every file of which is on disk as it planned: nothing new."""
    def lefts(rows) -> tuple[Left, ...]:
        return tuple(Left(**row) for row in rows)

    def pairs(rows) -> tuple:
        return tuple(tuple(row) for row in rows)

    files = sorted(set(saved["new"]) | set(saved["unchanged"]) | set(saved["overwritten"]))
    return Report(new=(), unchanged=tuple(files), kept=(), overwritten=(), articles=tuple(saved["articles"]),
                  skipped=lefts(saved["skipped"]), pages=lefts(saved["pages"]), shortcodes=pairs(saved["shortcodes"]),
                  images_missing=pairs(saved["images_missing"]), images_linked=pairs(saved["images_linked"]),
                  skipped_aliases=lefts(saved["skipped_aliases"]), said=tuple(saved["said"]),
                  notes=pairs(saved["notes"]), comments=tuple(saved["comments"]))
