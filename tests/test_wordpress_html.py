"""What a reader saw in WordPress is what the built page shows: the edge cases of issue 18 (one post each,
benchmarks/make_wxr.py --edge-cases) imported, built, and read back from the article pages: escaped text
stays text, nothing hostile survives, Markdown syntax in text stays text, tables, lists, definitions,
figures, footnotes, reusable blocks and embeds keep their structure, and every page is valid HTML."""
from __future__ import annotations

import re

import lxml.html
import pytest

from benchmarks.make_wxr import edge_export
from generator.wordpress.importer import Options, import_export
from generator.wordpress.report import render
from tests.sites import run
from tests.support import tools
from tests.wordpress_fixtures import new_site

OUT = "output/ar/2024/06"


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("edge")
    export = tmp / "edge.xml"
    # the old address that is a file the build makes has a test of its own (test_wordpress_addresses.py)
    export.write_text(edge_export().replace("/blog/sitemap.xml", "/blog/2024/06/20/feed-alias/"), encoding="utf-8")
    root = new_site(tmp)
    report = import_export(Options(export=export, site=root))
    run(root)
    return root, report


def body(edge, slug: str):
    root, _ = edge
    page = lxml.html.fromstring((root / OUT / slug / "index.html").read_text(encoding="utf-8"))
    [div] = page.xpath('//div[@class="body"]')
    return div


def text(node) -> str:
    return " ".join(node.text_content().split())


def test_escaped_markup_stays_text(edge):
    div = body(edge, "escaped-code")
    assert not div.xpath(".//script") and not div.xpath(".//path")
    assert ("WordPress shows this as code: <script>alert(1)</script> and a path <path to> and a mail "
            "<name@host.ma> and doubly escaped &lt;b&gt;.") == text(div)
    assert not div.xpath(".//a")  # the mail is not made a link


HOSTILE_ELEMENTS = ("script", "iframe", "object", "embed", "svg", "form", "style", "meta[@http-equiv]", "base")


def test_nothing_hostile_is_in_any_built_page(edge):
    root, report = edge
    div = body(edge, "hostile-html")
    assert text(div).startswith("Click here or there. Hover.")
    for page in (root / "output").rglob("*.html"):
        tree = lxml.html.fromstring(page.read_bytes())
        for name in HOSTILE_ELEMENTS:
            found = [e for e in tree.xpath(f"//{name}") if name != "script" or e.get("src") is None
                     and e.get("type") not in ("application/ld+json", "application/json")]
            assert not [e for e in found if e.xpath('ancestor::div[@class="body"]')], (page, name)
        for element in tree.iter():
            for attr, value in element.attrib.items():
                assert not attr.lower().startswith("on"), (page, attr)
                assert not re.match(r"\s*(javascript|vbscript|data):", value, re.I), (page, attr, value)
    assert any(path.endswith("hostile-html.md") and "left out as unsafe" in note for path, note in report.notes)
    assert "left out as unsafe: " in render(report)


def test_hostile_page_runs_nothing_in_chromium(edge):
    root, _ = edge
    with tools.serve_directory(root / "output") as base, tools.browser() as chromium:
        dialogs: list = []
        opened = tools.open_page(chromium, base + "ar/2024/06/hostile-html/")
        opened.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        opened.page.hover("div.body")
        for page in ("escaped-code", "markdown-syntax"):
            opened.page.goto(base + f"ar/2024/06/{page}/")
        assert dialogs == [] and opened.console_errors == []
        # pictures not given with --uploads stay on the old site, as the README says: nothing else is fetched
        assert all(url.startswith("https://asdaa.example.ma/") for url in opened.external_requests)
        opened.close()


def test_markdown_syntax_in_text_is_text(edge):
    div = body(edge, "markdown-syntax")
    assert not div.xpath(".//h1|.//h2|.//ol|.//ul|.//blockquote|.//hr|.//em|.//pre|.//a")
    lines = [text(p) for p in div.xpath("./p")]
    assert lines[:10] == ["# not a heading", "1. not a list", "- not a list either", "١. ليست قائمة",
                          "۱. فهرست نیست", "#المغرب وسم وليس عنوانا", "* star", "+ plus", "> not a quote",
                          "Text with \\*backslash stars\\* and *real stars* and under_scores_here and "
                          "[brackets](not a link) and `backticks` and bold."]
    assert lines[10:] == ["four spaces are not code", "---", "=== not a rule setext? ---"]


def test_classic_table_keeps_its_cells_and_footer(edge):
    div = body(edge, "classic-table")
    [table] = div.xpath(".//table")
    assert not table.xpath(".//br") and not div.xpath(".//blockquote")
    assert [text(c) for c in table.xpath("./thead/tr/th")] == ["المدينة", "السكان"]
    assert [[text(c) for c in tr.xpath("./td")] for tr in table.xpath("./tbody/tr")] == [
        ["الدار البيضاء", "3,752,000"], ["Rabat | Salé", "577,827"]]
    assert [text(c) for c in table.xpath("./tfoot/tr/td")] == ["المجموع", "4,329,827"]
    assert [text(p) for p in div.xpath("./p")] == ["Before the table.", "After the table."]


def test_nested_lists_keep_their_depth(edge):
    div = body(edge, "nested-lists")
    [four] = div.xpath("./ul/li/ul/li/ul/li/ol/li")
    assert text(four) == "four"
    assert [text(li).split()[0] for li in div.xpath("./ul/li")] == ["one", "back"]


def test_inline_semantics_and_definitions(edge):
    div = body(edge, "inline-semantics")
    for tag, inner in (("sub", "2"), ("sup", "2"), ("del", "old price"), ("s", "gone"), ("ins", "new"),
                       ("mark", "marked"), ("kbd", "Ctrl"), ("abbr", "ONU"), ("q", "quoted"), ("u", "under")):
        assert [text(e) for e in div.xpath(f".//{tag}")] == [inner], tag
    assert [text(e) for e in div.xpath(".//dl/dt")] == ["Term", "Mot"]
    assert [text(e) for e in div.xpath(".//dl/dd")] == ["Definition", "Définition"]
    [address] = div.xpath(".//address")
    assert address.xpath(".//br") and "Abdallah" in text(address) and "Casablanca" in text(address)


def test_title_with_markup_is_text(edge):
    root, _ = edge
    page = lxml.html.fromstring((root / OUT / "title-markup" / "index.html").read_text(encoding="utf-8"))
    assert [text(h) for h in page.xpath("//h1")] == ["Title with markup & entities"]


def test_alt_with_brackets_keeps_its_picture(edge):
    [img] = body(edge, "alt-brackets").xpath(".//img")
    assert img.get("alt") == "the [old] port ] (1920)"


def test_headings_shift_so_the_first_is_h2(edge):
    div = body(edge, "deep-headings")
    assert [(h.tag, text(h)) for h in div.xpath(".//h2|.//h3|.//h4|.//h5|.//h6")] == [
        ("h2", "First"), ("h3", "Second"), ("h4", "Third")]


def test_gallery_inside_a_quote_is_figures(edge):
    div = body(edge, "gallery-in-list")
    [quote] = div.xpath("./blockquote")
    assert [text(c) for c in quote.xpath("./figure/figcaption")] == ["Caption A", "Caption B"]
    assert len(quote.xpath("./figure//img")) == 2 and not quote.xpath(".//li")
    root, _ = edge
    for page in (root / "output").rglob("*.html"):
        assert 'markdown="' not in page.read_text(encoding="utf-8"), page


def test_footnotes_and_reusable_blocks_are_carried(edge):
    div = body(edge, "footnotes")
    notes = div.xpath('.//div[contains(@class, "footnote")]//li')
    assert [text(li).rstrip(" ↩").strip() for li in notes] == ["The first source, 2023.", "مصدر ثان"]
    refs = div.xpath(".//sup//a/@href")
    assert len(refs) == 2 and all(div.xpath(f'.//*[@id="{r[1:]}"]') for r in refs)
    assert "This reusable note appears in many posts." in text(body(edge, "reusable"))
    _, report = edge
    assert [s.why for s in report.skipped if s.what.startswith("wp_block")] == ["a reusable block (inlined where a post uses it)"]


def test_embeds_and_media_are_links_never_frames(edge):
    div = body(edge, "media")
    links = div.xpath(".//a/@href")
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in links and "https://twitter.com/x/status/1" in links
    assert "https://asdaa.example.ma/wp-content/uploads/2024/06/interview.mp3" in links
    assert "https://asdaa.example.ma/wp-content/uploads/2024/06/clip.mp4" in links  # root-relative, made absolute
    assert div.xpath('.//img[contains(@src, "cover.jpg")]') and "Cover text" in text(div)
    assert "A tweet" in text(div)
    srcs = body(edge, "root-relative").xpath(".//img/@src") + body(edge, "root-relative").xpath(".//a/@href")
    assert srcs == ["https://asdaa.example.ma/wp-content/uploads/2024/06/a.jpg",
                    "https://asdaa.example.ma/wp-content/uploads/2024/06/report.pdf"]


def test_deep_markup_and_code_are_kept(edge):
    _, report = edge
    soup = text(body(edge, "font-soup"))
    assert soup.split().count("x") == 400 and soup.endswith("end")
    div = body(edge, "pre-shortcodes")
    [pre] = div.xpath(".//pre")
    assert pre.text_content() == '[gallery ids="1,2"] and [contact-form-7 id="1"]\n\nkeep   spacing\n'
    assert [text(c) for c in div.xpath(".//code")][-1] == "[vc_row]"
    assert not [code for path, code in report.shortcodes if "pre-shortcodes" in path]


def test_every_imported_page_is_valid_html(edge):
    root, _ = edge
    pages = sorted((root / OUT).glob("*/index.html"))
    assert len(pages) >= 18
    assert tools.validate_html(pages) == []
