"""Content is trusted, templates escape: raw HTML in a Markdown body is the writer's choice, but every
front-matter value that reaches a page arrives as text — in element content, in attributes, in JSON-LD
(no </script> breakout) and in the feeds and the sitemap (well-formed XML that gives the value back)."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.sites import article, run, write_site

# Quotes of both kinds, an element that would run script, a </script> breakout, an entity, a comment,
# a CDATA end: whatever of it reaches a page must reach it as these characters, not as markup.
HOSTILE = "خبر \"مقتبس\" 'x' </script><x-evil onmouseover=\"alert(1)\">&amp; <!-- c --> ]]> </title>"
FR_HOSTILE = "Titre \"cité\" 'x' </SCRIPT><x-evil onmouseover='alert(1)'>&amp; <!-- c --> ]]> </title>"
RAW_BODY = ('الفقرة الأولى.&nbsp;سطر<br>ثان.\n\n<div class="writer-box"><span data-x="1">HTML كتبه المحرر</span></div>\n\n'
            '* * *\n\n![صورة](cover.png)\n')
MARK = "<x-evil"
ATOM = "{http://www.w3.org/2005/Atom}"


class Page(HTMLParser):
    """Elements with their attributes, script contents by type, and the page's text."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_endtag(self, tag):
        if tag == "script" and self._script:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data):
        if self._script:
            self._script[1].append(data)
        else:
            self.text.append(data)


def hostile_article(title: str, lang: str) -> str:
    return article(title, "2024-06-26", RAW_BODY if lang == "ar" else "Premier paragraphe.\n",
                   author=title, dateline=title, section=title, tags=[title, "عادي" if lang == "ar" else "normal"],
                   summary=title, image="cover.png", image_alt=title, image_caption=title, note=title,
                   translation_key="hostile")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = write_site(tmp_path_factory.mktemp("escaping"), f"""
-- content/ar/2024/06/hostile.md --
{hostile_article(HOSTILE, "ar")}
-- content/fr/2024/06/hostile.md --
{hostile_article(FR_HOSTILE, "fr")}
""")
    from PIL import Image

    for lang in ("ar", "fr"):
        Image.new("RGB", (64, 36), (200, 120, 40)).save(root / f"content/{lang}/2024/06/cover.png")
    run(root)
    return root / "output"


def pages(out: Path) -> list[Path]:
    found = sorted(out.rglob("*.html"))
    assert len(found) > 20  # homes, the articles, their tags, section, author, dates...
    return found


def test_no_markup_from_front_matter_in_any_page(site):
    for path in pages(site):
        page = Page(path.read_text(encoding="utf-8"))
        assert not [t for t, _ in page.tags if t == "x-evil"], path
        assert not [a for _, attrs in page.tags for a in attrs if a == "onmouseover"], path
        for attrs, content in page.scripts:
            assert "</script" not in content.lower(), path
            assert "alert(1)" not in content or attrs.get("type") == "application/ld+json", path


def test_values_arrive_whole_as_text_and_in_attributes(site):
    for lang, value in (("ar", HOSTILE), ("fr", FR_HOSTILE)):
        page = Page((site / lang / "2024/06/hostile/index.html").read_text(encoding="utf-8"))
        assert value in "".join(page.text)  # the headline, the dateline, the caption… shown as text
        attribute_values = [v for _, attrs in page.tags for v in attrs.values() if v and MARK in v]
        assert attribute_values, "the alt text or the description carries the value"
        for v in attribute_values:  # a value cut short would mean a quote ended the attribute
            assert value in v, v
        alts = [attrs.get("alt") for tag, attrs in page.tags if tag == "img"]
        assert value in alts


def test_json_ld_parses_and_gives_the_values_back(site):
    seen = set()
    for path in pages(site):
        for attrs, content in Page(path.read_text(encoding="utf-8")).scripts:
            if attrs.get("type") != "application/ld+json":
                continue
            for s in walk_strings(json.loads(content)):
                if MARK in s:  # a value cut short would mean the JSON or the script was broken out of
                    value = HOSTILE if "خبر" in s else FR_HOSTILE
                    assert value in s
                    seen.add(value)
    assert seen == {HOSTILE, FR_HOSTILE}, "the articles' JSON-LD carries the headline"


def walk_strings(data):
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for v in data.values():
            yield from walk_strings(v)
    elif isinstance(data, list):
        for v in data:
            yield from walk_strings(v)


def test_feeds_and_sitemap_are_well_formed_and_give_the_values_back(site):
    for lang, value in (("ar", HOSTILE), ("fr", FR_HOSTILE)):
        feed = ET.parse(site / lang / "feed.xml").getroot()
        entry = feed.find(f"{ATOM}entry")
        assert entry.findtext(f"{ATOM}title") == value
        assert entry.findtext(f"{ATOM}summary") == value
        assert entry.find(f"{ATOM}author").findtext(f"{ATOM}name") == value
        content = entry.find(f"{ATOM}content")
        assert content is not None and content.get("type") == "html" and len(content) == 0
        if lang == "ar":  # the body travels as escaped HTML, the writer's HTML intact
            assert '<div class="writer-box"><span data-x="1">' in content.text
            assert "&nbsp;" in content.text and "<hr>" in content.text
        tag_feeds = list((site / lang / "tags").glob("*/feed.xml"))
        titles = {ET.parse(f).getroot().findtext(f"{ATOM}title") for f in tag_feeds}
        assert any(title.startswith(value) for title in titles)  # "<tag> – <site title>"
    ET.parse(site / "sitemap.xml")


def test_raw_html_in_the_body_is_the_writers_choice(site):
    html = (site / "ar/2024/06/hostile/index.html").read_text(encoding="utf-8")
    assert '<div class="writer-box"><span data-x="1">' in html
