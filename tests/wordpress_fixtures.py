"""Small WordPress exports written inline in a test: one post (or a few) per case, as WordPress writes them
(the same writer as benchmarks/make_wxr.py), imported into a fresh site and read back.

    path = write_export(tmp_path, post(1000, "x", "Title", "<p>Body.</p>"))
    root, report = imported(tmp_path, path)
    meta, body = article_of(root, report)"""
from __future__ import annotations

from datetime import datetime
from pathlib import Path

import yaml

from benchmarks.make_wxr import FOOTER, SITE, header, item, post_fields
from generator.content.front_matter import FrontMatterLoader
from generator.wordpress.importer import Options, import_export
from tests.sites import SITE_TOML

DATE = datetime(2024, 6, 1, 9, 0, 0)


def post(pid: int, slug: str, title: str, content: str, *, date: datetime = DATE, link: str | None = None,
         categories: tuple = (), meta: tuple = (), comments: tuple = (), **fields) -> str:
    """One <item>; `fields` overrides the wp: fields (status="draft", post_type="wp_block", is_sticky=1...)."""
    values = post_fields(pid, slug, date)
    values.update(fields)
    link = f"{SITE}/{date:%Y/%m/%d}/{slug}/" if link is None else link
    return item(values, title=title, link=link, creator="salma", content=content, categories=categories,
                meta=meta, comments=comments)


def attachment(aid: int, url: str, alt: str = "", parent: int = 0) -> str:
    values = post_fields(aid, f"file-{aid}", DATE, status="inherit", post_type="attachment", parent=parent,
                         attachment_url=url)
    return item(values, title=f"file {aid}", link=f"{SITE}/?attachment_id={aid}", creator="salma", content="",
                meta=(("_wp_attachment_image_alt", alt),) if alt else ())


def export_text(*items: str, categories: tuple = (), language: str = "ar", blog_url: str = SITE,
                site_url: str = SITE) -> str:
    text = header("Test", list(categories), []) + "\n".join(items) + "\n" + FOOTER
    text = text.replace("<language>ar</language>", f"<language>{language}</language>" if language else "")
    text = text.replace(f"<wp:base_blog_url>{SITE}</wp:base_blog_url>", f"<wp:base_blog_url>{blog_url}</wp:base_blog_url>")
    return text.replace(f"<wp:base_site_url>{SITE}</wp:base_site_url>", f"<wp:base_site_url>{site_url}</wp:base_site_url>")


def write_export(tmp_path: Path, *items: str, name: str = "export.xml", **channel) -> Path:
    path = tmp_path / name
    path.write_text(export_text(*items, **channel), encoding="utf-8")
    return path


def new_site(tmp_path: Path, name: str = "site", toml: str = SITE_TOML) -> Path:
    root = tmp_path / name
    root.mkdir(parents=True)
    (root / "site.toml").write_text(toml, encoding="utf-8")
    return root


def imported(tmp_path: Path, export: Path, name: str = "site", **options):
    root = new_site(tmp_path, name)
    return root, import_export(Options(export=export, site=root, **options))


def split(path: Path) -> tuple[dict, str]:
    text = path.read_text(encoding="utf-8")
    fm, body = text[4:].split("\n---\n", 1)
    return yaml.load(fm, FrontMatterLoader), body  # as majalla reads it: dates stay text


def article_of(root: Path, report, n: int = 0) -> tuple[dict, str]:
    """(front matter, body) of the n-th article of the report."""
    return split(root / report.articles[n])
