"""Atom feeds: per language, tag, section and author; parsed with feedparser as a reader would."""
from __future__ import annotations

import re
from urllib.parse import quote

import feedparser
import pytest
from lxml import etree

from generator.content.links import absolute_links
from generator.pages.feeds import entry_id
from tests.magazine import BASE, TOML, output_file, write_magazine
from tests.sites import read, run

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    root = write_magazine(tmp_path_factory.mktemp("feeds"))
    run(root)
    return root


def parse(root, path):
    feed = feedparser.parse((root / "output" / path).read_bytes())
    assert not feed.bozo, f"{path}: {feed.get('bozo_exception')}"
    return feed


def test_every_feed_parses_and_links_to_files_that_exist(magazine):
    out = magazine / "output"
    feeds = sorted(out.rglob("feed.xml"))
    kinds = {p.relative_to(out).parts[1] for p in feeds if len(p.relative_to(out).parts) > 2}
    assert kinds == {"tags", "sections", "authors"}
    for path in feeds:
        feed = parse(magazine, path.relative_to(out))
        assert feed.entries
        assert output_file(out, feed.feed.link).is_file()
        for entry in feed.entries:
            assert entry.link.startswith(BASE + "/") and output_file(out, entry.link).is_file(), entry.link
            for link in re.findall(r'(?:href|src)="([^"]*)"', entry.content[0].value):
                assert link.startswith(BASE + "/"), link  # relative links made absolute
                assert output_file(out, link.split("#")[0]).is_file(), link


def test_language_feed(magazine):
    feed = parse(magazine, "ar/feed.xml")
    xml = etree.parse(str(magazine / "output/ar/feed.xml")).getroot()
    assert xml.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert feed.feed.title == "مجلة الاختبار"
    # feed_limit = 3 in site.toml: the three newest of four
    assert [e.title for e in feed.entries] == ["Tanger Med: رقم قياسي جديد للحاويات", "خبر الأمس", "خبر أقدم من يومين"]
    assert xml.find(f"{ATOM}updated").text == "2025-12-31T10:00:00+01:00"
    first = feed.entries[0]
    assert first.id == "tag:example.ma,2025-12-31:ar/2025/12/tanger-med"
    assert first.published == "2025-12-31T10:00:00+01:00"
    assert first.author_detail.href == BASE + quote("/ar/authors/يوسف-الادريسي/")
    assert [t.term for t in first.tags] == ["اقتصاد", "ميناء طنجة المتوسط", "النقل البحري"]
    body = first.content[0].value
    assert f'href="{BASE}/ar/2025/12/tanger-med/report.pdf"' in body
    # the body's picture: a published variant (cover-<width>w.<hash>.png), its URL absolute
    assert re.search(rf'src="{re.escape(BASE)}/ar/2025/12/tanger-med/cover-\d+w\.[0-9a-f]+\.png"', body)
    assert f'href="{BASE}/ar/tags/"' in body
    assert f'href="{BASE}/ar/2025/12/tanger-med/#fn:1"' in body
    enclosure = [link for link in first.links if link.rel == "enclosure"]
    assert enclosure[0].href.startswith(f"{BASE}/ar/2025/12/tanger-med/cover-") and enclosure[0].type == "image/png"


def test_section_tag_and_author_feeds(magazine):
    section = parse(magazine, "fr/sections/économie/feed.xml")
    assert section.feed.title == "Économie – Le magazine de test"
    assert [e.title for e in section.entries] == ["Tanger Med\u202f: nouveau record"]  # French typography, as on the page
    tag = parse(magazine, "ar/tags/النقل-البحري/feed.xml")
    assert [e.title for e in tag.entries] == ["Tanger Med: رقم قياسي جديد للحاويات", "خبر أقدم من يومين"]
    assert tag.feed.link == BASE + quote("/ar/tags/النقل-البحري/")
    author = parse(magazine, "fr/authors/salma-el-alaoui/feed.xml")
    assert author.entries[0].title == "L’attaque </script><!-- & <b>«\u202ftitre\u202f»</b>"


def test_autodiscovery_on_the_pages_a_feed_belongs_to(magazine):
    def feeds(path):
        return re.findall(r'<link rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]*)"',
                          read(magazine, path))
    assert feeds("ar/2025/12/tanger-med/index.html") == ["/ar/feed.xml"]
    tag = quote("/ar/tags/النقل-البحري/")
    assert feeds("ar/tags/النقل-البحري/index.html") == ["/ar/feed.xml", tag + "feed.xml"]
    assert feeds("fr/sections/économie/index.html") == ["/fr/feed.xml", quote("/fr/sections/économie/feed.xml")]
    assert feeds("fr/authors/salma-el-alaoui/index.html")[1] == "/fr/authors/salma-el-alaoui/feed.xml"
    for href in feeds("ar/tags/النقل-البحري/index.html"):
        assert output_file(magazine / "output", href).is_file()


def test_entry_ids_survive_a_new_slug_and_title(tmp_path):
    root = write_magazine(tmp_path)
    run(root)
    before = parse(root, "ar/feed.xml").entries[0]
    path = root / "content/ar/2025/12/tanger-med.md"
    text = path.read_text(encoding="utf-8").replace("رقم قياسي", "رقم قياسي آخر")
    path.write_text(text.replace("\ntitle:", "\nslug: ميناء\ntitle:", 1), encoding="utf-8")
    run(root)
    after = parse(root, "ar/feed.xml").entries[0]
    assert after.link != before.link and after.link == BASE + quote("/ar/2025/12/ميناء/")
    assert after.title != before.title and after.id == before.id


def test_summary_feeds(tmp_path):
    root = write_magazine(tmp_path, TOML.replace("feed_limit = 3", 'feed_limit = 1\nfeed_content = "summary"'))
    run(root)
    feed = parse(root, "ar/feed.xml")
    assert len(feed.entries) == 1
    assert feed.entries[0].summary == "أرقام قياسية للميناء." and "content" not in feed.entries[0]


def test_entry_ids_and_absolute_links_units():
    assert entry_id("https://example.github.io/magazine/", "ar", "قصة 1", __import__("datetime").date(2024, 6, 1)) \
        == "tag:example.github.io,2024-06-01:magazine/ar/%D9%82%D8%B5%D8%A9%201"
    base = "https://example.ma/ar/2024/06/x/"
    html = ('<a href="r.pdf">r</a><img src="../y/p.png" srcset="a.webp 480w, /b.webp 960w">'
            '<a href="mailto:a@b.ma">m</a><a href="https://other.ma/">o</a>\x0c')
    assert absolute_links(html, base) == (
        '<a href="https://example.ma/ar/2024/06/x/r.pdf">r</a><img src="https://example.ma/ar/2024/06/y/p.png" '
        'srcset="https://example.ma/ar/2024/06/x/a.webp 480w, https://example.ma/b.webp 960w">'
        '<a href="mailto:a@b.ma">m</a><a href="https://other.ma/">o</a>')
