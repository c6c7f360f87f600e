"""--uploads DIR: pictures and files the posts use are copied from DIR, and nothing outside DIR is ever read,
whatever the upload address says (an absolute remainder, percent-encoded slashes, "..", a link in DIR to
elsewhere); WordPress.com addresses (*.files.wordpress.com) are uploads too."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from benchmarks.make_wxr import SITE
from tests.wordpress_fixtures import article_of, attachment, imported, post, write_export

CANARY = b"canary: this file is outside the uploads folder\n"


@pytest.fixture
def folders(tmp_path):
    uploads = tmp_path / "uploads"
    (uploads / "2024/06").mkdir(parents=True)
    (uploads / "2024/06/a.jpg").write_bytes(b"a picture")
    secret = tmp_path / "secret"
    secret.mkdir()
    (secret / "canary.txt").write_bytes(CANARY)
    os.symlink(secret / "canary.txt", uploads / "2024/06/link.txt")
    return uploads, secret / "canary.txt"


def every_file(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_nothing_outside_the_uploads_folder_is_read(tmp_path, folders):
    uploads, canary = folders
    hostile = [f"{SITE}/wp-content/uploads/{canary}", f"{SITE}/wp-content/uploads//{canary}",
               f"{SITE}/wp-content/uploads/%2F{str(canary).lstrip('/').replace('/', '%2F')}",
               f"{SITE}/wp-content/uploads/2024/06/../../../secret/canary.txt",
               f"{SITE}/wp-content/uploads/2024/06/%2e%2e/%2e%2e/%2e%2e/secret/canary.txt",
               f"{SITE}/wp-content/uploads/2024/06/link.txt", f"/wp-content/uploads//{canary}",
               f"{SITE}/wp-content/uploads/2024/06/a.jpg"]
    content = "".join(f'<p><a href="{url}">file {n}</a> <img src="{url}" alt="p{n}"></p>\n'
                      for n, url in enumerate(hostile))
    export = write_export(tmp_path, post(1000, "x", "X", content,
                                         meta=(("_thumbnail_id", "900"),)), attachment(900, hostile[1], "t"))
    root, report = imported(tmp_path, export, uploads=uploads)
    copied = every_file(root / "content")
    assert not [p for p in copied if p.read_bytes() == CANARY]
    assert sorted(p.name for p in copied if not p.name.endswith(".md")) == ["a.jpg"]
    missing = {url for _, url in report.images_missing}
    assert {SITE + url if url.startswith("/") else url for url in hostile[:-1]} == missing
    _, body = article_of(root, report)
    assert "![p7](a.jpg)" in body and body.count("](a.jpg)") == 2


def test_wordpress_com_uploads_are_copied(tmp_path, folders):
    uploads, _ = folders
    url = "https://asdaa.files.wordpress.com/2024/06/a.jpg?w=604"
    export = write_export(tmp_path, post(1000, "x", "X", f'<p><img src="{url}" alt="from WordPress.com"></p>'))
    root, report = imported(tmp_path, export, uploads=uploads)
    _, body = article_of(root, report)
    assert "![from WordPress.com](a.jpg)" in body
    assert (root / report.articles[0]).with_name("a.jpg").read_bytes() == b"a picture"
