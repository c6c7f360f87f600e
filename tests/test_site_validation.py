"""Whole-site validation: every HTML page of the sample magazine and of a generated 500-article site passes
the W3C Nu HTML checker (vnu), and every internal link — in pages, feeds and the sitemap — resolves to a
file of the output, and its #fragment to an id of that page."""
from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from generator.build.options import BuildOptions
from generator.build.pipeline import build
from benchmarks.corpus import make_site
from tests.sites import NOW
from tests.support import tools
from tests.support.hreflang import hreflang_problems

ORIGIN = "https://example.ma"  # base_url of both sites
LINK_ATTRIBUTES = {"href", "src", "poster", "action"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory, sample) -> dict[str, Path]:
    """{name: output folder}: the sample magazine (conftest.py) and a generated site."""
    generated = make_site(tmp_path_factory.mktemp("validation") / "generated", articles=500)
    build(BuildOptions(site=generated, jobs=2, now=NOW))
    return {"sample": sample, "generated": generated / "output"}


class Links(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name in LINK_ATTRIBUTES:
                self.links.append(value)
            elif name in ("srcset", "imagesrcset"):
                self.links.extend(part.split()[0] for part in value.split(",") if part.strip())
            elif name in ("id", "name"):
                self.ids.add(value)
        if tag == "meta" and dict(attrs).get("property") in ("og:url", "og:image"):
            self.links.append(dict(attrs).get("content") or "")


@lru_cache(maxsize=None)
def parsed(path: Path) -> Links:
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def target_of(page: str, link: str) -> tuple[str, str] | None:
    """(the output path an internal link leads to, its fragment); None for a link that leaves the site.
    `page` and the result are paths relative to output/ ("ar/index.html"); ".." first means outside."""
    parts = urlsplit(link)
    if parts.scheme in ("mailto", "tel", "data", "javascript"):
        return None
    if (parts.scheme or parts.netloc) and f"{parts.scheme}://{parts.netloc}" != ORIGIN:
        return None
    path = unquote(parts.path)
    if not path:
        return page, parts.fragment
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(posixpath.dirname(page), path)
    target = posixpath.normpath(joined) if joined.strip("/") else "."
    if path.endswith("/") or target == ".":
        target = "index.html" if target == "." else f"{target}/index.html"
    return target, parts.fragment


def broken_links(out: Path) -> list[str]:
    every = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()}
    folders = {posixpath.dirname(f) for f in every}
    sources: list[tuple[str, list[str]]] = [(p, parsed(out / p).links) for p in sorted(every) if p.endswith(".html")]
    for xml in sorted(p for p in every if p.endswith(".xml")):
        root = ET.parse(out / xml).getroot()
        found = [el.get("href") for el in root.iter() if el.get("href")]
        found += [el.text.strip() for el in root.iter() if el.tag.endswith(("}loc", "}id")) and el.text]
        sources.append((xml, found))
    broken = []
    for page, links in sources:
        for link in links:
            resolved = target_of(page, link)
            if resolved is None:
                continue
            target, fragment = resolved
            if target in folders and target not in every:
                target = f"{target}/index.html"
            if target not in every:
                broken.append(f"{page}: {link} -> no file {target}")
            elif fragment and target.endswith(".html") and unquote(fragment) not in parsed(out / target).ids:
                broken.append(f"{page}: {link} -> no id {unquote(fragment)!r} in {target}")
    return broken


@pytest.mark.parametrize("name", ["sample", "generated"])
def test_every_internal_link_resolves(sites, name):
    out = sites[name]
    assert len(list(out.rglob("*.html"))) > (900 if name == "generated" else 50)
    assert broken_links(out) == []


@pytest.mark.parametrize("name", ["sample", "generated"])
def test_every_hreflang_alternate_is_reciprocal(sites, name):
    """Every page A that lists B as an alternate is listed by B, with the same set; the root page (a redirect)
    lists none. The check itself is tested in test_hreflang.py."""
    out = sites[name]
    assert sum(1 for p in out.rglob("*.html") if 'hreflang="x-default"' in p.read_text(encoding="utf-8")) > 20
    assert hreflang_problems(out, ORIGIN + "/") == []


def test_the_link_check_finds_a_broken_link(tmp_path):
    out = tmp_path / "output"
    (out / "ar").mkdir(parents=True)
    (out / "ar" / "index.html").write_text('<a href="/ar/">home</a> <a href="/ar/gone/">x</a> '
                                           '<a href="#nowhere">y</a> <a href="https://elsewhere.org/">z</a> '
                                           '<a href="../../etc/passwd">w</a> <a href="https://example.ma/ar">v</a>')
    assert broken_links(out) == ["ar/index.html: /ar/gone/ -> no file ar/gone/index.html",
                                 "ar/index.html: #nowhere -> no id 'nowhere' in ar/index.html",
                                 "ar/index.html: ../../etc/passwd -> no file ../etc/passwd"]


def test_every_page_passes_the_nu_html_checker(sites):
    pages = [p for out in sites.values() for p in sorted(out.rglob("*.html"))]
    errors = tools.validate_html(pages)
    assert errors == [], "\n".join(errors[:50])


def test_pages_declare_what_the_checker_needs(sites):
    """Cheap guards for what vnu checks, so a local run without Java still catches the worst."""
    for out in sites.values():
        pages = sorted(out.rglob("*.html"))
        assert len(pages) > 50
        for page in pages:
            head = page.read_text(encoding="utf-8")[:600]
            assert re.match(r"<!DOCTYPE html>\s*<html lang=\"[a-z]{2}\" dir=\"(rtl|ltr)\"", head), page
            assert '<meta charset="utf-8">' in head, page
