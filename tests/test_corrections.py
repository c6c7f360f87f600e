"""Corrections and updates (issue 21): `corrections:` shows a notice on the article (latest first), moves its
dateModified, the feed entry's <updated> and the sitemap's lastmod, adds a JSON-LD `correction` of type
CorrectionComment, marks its cards, and lists it on the language's corrections page. Bad entries are errors
at their line."""
from __future__ import annotations

import json

import pytest
from lxml import etree, html as lxml_html

from generator.build.checking import check
from generator.build.options import BuildOptions
from generator.errors import BuildError
from tests.sites import NOW, article, read, run, write_site
from tests.support import schemaorg

AR = "content/ar/2024/06/minister.md"
FR = "content/fr/2024/06/minister.md"
SITE = f"""
-- {AR} --
---
title: الوزير يفتتح المعرض
date: 2024-06-26T10:00:00+01:00
corrections:
  - date: 2024-06-27
    text: صُحّح اسم الوزير.
  - date: 2024-06-28 09:30
    text: "صُحّح الرقم: 12 معرضا لا 21."
---
نص المقال.
-- {FR} --
---
title: Le ministre inaugure le salon
date: 2024-06-26T11:00:00+01:00
corrections:
  - date: 2024-06-26
    text: Le nom du ministre a été corrigé.
---
Le texte.
-- content/ar/2024/05/plain.md --
{article("خبر بلا تصحيح", "2024-05-02")}
"""
A = "ar/2024/06/minister/index.html"
F = "fr/2024/06/minister/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("corrections"), SITE)
    run(root)
    return root


def jsonld(root, page, kind):
    doc = lxml_html.fromstring(read(root, page).encode())
    nodes = [json.loads(e.text) for e in doc.xpath("//script[@type='application/ld+json']")]
    return next(n for n in nodes if n["@type"] == kind)


def test_the_notice_shows_every_correction_latest_first(site):
    doc = lxml_html.fromstring(read(site, A).encode())
    notice = doc.xpath("//aside[@class='corrections']")[0]
    items = [" ".join(li.text_content().split()) for li in notice.xpath(".//li")]
    assert len(items) == 2
    assert "12 معرضا لا 21" in items[0] and "اسم الوزير" in items[1]  # the latest first
    assert [t.get("datetime") for t in notice.xpath(".//time")] == ["2024-06-28T09:30:00+01:00",
                                                                     "2024-06-27T00:00:00+01:00"]
    assert notice.xpath(".//h2")[0].text == "تصحيحان"  # Arabic dual
    assert notice.xpath(".//a/@href") == ["/ar/corrections/"]
    # the article's own "updated" line says the latest change
    assert doc.xpath("//p[@class='meta']//time/@datetime") == ["2024-06-26T10:00:00+01:00",
                                                               "2024-06-28T09:30:00+01:00"]


def test_a_correction_the_day_of_publication_comes_after_it(site):
    doc = lxml_html.fromstring(read(site, F).encode())
    notice = doc.xpath("//aside[@class='corrections']")[0]
    assert notice.xpath(".//h2")[0].text == "Correction"
    assert notice.xpath(".//time/@datetime") == ["2024-06-26T11:00:00+01:00"]  # not midnight, before the story
    assert jsonld(site, F, "NewsArticle")["dateModified"] == "2024-06-26T11:00:00+01:00"


def test_json_ld_has_the_corrections_and_the_last_change(site):
    news = jsonld(site, A, "NewsArticle")
    assert schemaorg.problems(news) == []
    assert news["dateModified"] == "2024-06-28T09:30:00+01:00"
    assert news["datePublished"] == "2024-06-26T10:00:00+01:00"
    assert news["correction"] == [
        {"@type": "CorrectionComment", "text": "صُحّح الرقم: 12 معرضا لا 21.", "datePublished": "2024-06-28T09:30:00+01:00"},
        {"@type": "CorrectionComment", "text": "صُحّح اسم الوزير.", "datePublished": "2024-06-27T00:00:00+01:00"}]
    assert "correction" not in jsonld(site, "ar/2024/05/plain/index.html", "NewsArticle")


def test_the_feed_entry_and_the_sitemap_move_to_the_last_change(site):
    atom = {"a": "http://www.w3.org/2005/Atom"}
    for lang, updated in (("ar", "2024-06-28T09:30:00+01:00"), ("fr", "2024-06-26T11:00:00+01:00")):
        feed = etree.fromstring(read(site, f"{lang}/feed.xml").encode())
        entry = next(e for e in feed.findall("a:entry", atom) if "minister" in e.find("a:link", atom).get("href"))
        assert entry.findtext("a:updated", namespaces=atom) == updated
    ar_feed = etree.fromstring(read(site, "ar/feed.xml").encode())
    assert ar_feed.findtext("a:updated", namespaces=atom) == "2024-06-28T09:30:00+01:00"
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = etree.fromstring(read(site, "sitemap.xml").encode())
    lastmod = {u.findtext("s:loc", namespaces=sm): u.findtext("s:lastmod", namespaces=sm)
               for u in sitemap.findall("s:url", sm)}
    assert lastmod["https://example.ma/ar/2024/06/minister/"] == "2024-06-28T09:30:00+01:00"
    assert "https://example.ma/ar/corrections/" in lastmod and "https://example.ma/fr/corrections/" in lastmod


def test_cards_are_marked_updated(site):
    home = lxml_html.fromstring(read(site, "ar/index.html").encode())
    marked = [" ".join(c.xpath(".//*[@class='card-title']")[0].text_content().split()) for c in home.xpath("//article[contains(@class,'card')]")
              if c.xpath(".//span[contains(@class,'flag-updated')]")]
    assert marked == ["الوزير يفتتح المعرض"]
    assert "Mis à jour" in read(site, "fr/index.html")


def test_the_corrections_page_of_each_language(site):
    doc = lxml_html.fromstring(read(site, "ar/corrections/index.html").encode())
    assert doc.get("lang") == "ar" and doc.get("dir") == "rtl"
    rows = doc.xpath("//ol[@class='corrections-log']/li")
    assert len(rows) == 2 and "12 معرضا" in rows[0].text_content()
    assert rows[0].xpath(".//a/@href") == ["/ar/2024/06/minister/"]
    assert doc.xpath("//p[@class='count']")[0].text == "تصحيحان"
    fr = lxml_html.fromstring(read(site, "fr/corrections/index.html").encode())
    assert fr.get("dir") == "ltr" and len(fr.xpath("//ol[@class='corrections-log']/li")) == 1
    # linked across languages: switcher and hreflang
    assert fr.xpath("//link[@rel='alternate'][@hreflang='ar']/@href") == ["https://example.ma/ar/corrections/"]


def test_corrections_survive_the_cache(site):
    report = run(site)  # the same inputs: nothing to do
    assert report.rendered == 0
    (site / AR).write_text((site / AR).read_text().replace("نص المقال.", "نص المقال المعدل."), encoding="utf-8")
    (site / FR).touch()
    run(site, clean=False)
    assert "12 معرضا" in read(site, A) and "Le nom du ministre" in read(site, F)


BAD = {
    "no date": ("  - text: صُحّح.", f"{AR}:5: corrections: entry 1 has no date: give the day of the correction, like  - "
                                    "date: 2024-06-27  (then its text)"),
    "bad date": ("  - date: 2024-02-30\n    text: صُحّح.", f'{AR}:5: corrections: entry 1: date: "2024-02-30" is not a '
                 "date: 2024-02 has no day 30 (write YYYY-MM-DD, as in 2024-06-26, or with a time: 2024-06-26 10:00 "
                 "or 2024-06-26T10:00:00+01:00)"),
    "empty text": ("  - date: 2024-06-27\n    text: ''", f'{AR}:6: corrections: entry 1 has no text: say what was '
                   'corrected, like  text: "..."  under its date'),
    "before publication": ("  - date: 2024-06-27\n    text: أول.\n  - date: 2024-06-20\n    text: صُحّح.",
                           f"{AR}:7: corrections: entry 2 is dated 2024-06-20, before the article was published "
                           "(2024-06-26): a correction comes after publication; give its own date"),
    "not a list": None,
}


@pytest.mark.parametrize("case", [k for k in BAD if BAD[k]])
def test_bad_entries_are_errors_at_their_line(tmp_path, case):
    entries, message = BAD[case]
    root = write_site(tmp_path, f"""
-- {AR} --
---
title: خبر
date: 2024-06-26
corrections:
{entries}
---
نص.
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [message]
    found, _ = check(BuildOptions(site=root, jobs=1, now=NOW))  # check says the same
    assert [str(p) for p in found] == [message]


def test_corrections_must_be_a_list(tmp_path):
    root = write_site(tmp_path, f"""
-- {AR} --
---
title: خبر
date: 2024-06-26
corrections: صُحّح الاسم
---
نص.
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        f'{AR}:4: "corrections" must be a list of entries (each entry is a date and a text, like  - date: '
        '2024-06-27  then  text: "..."  on the next line)']


@pytest.mark.parametrize("lang, page, width", [("ar", A, 375), ("ar", A, 1280), ("fr", F, 375)])
def test_the_notice_is_visible_in_a_browser(site, lang, page, width):
    from tests.support import tools

    with tools.serve_directory(site / "output") as base, tools.browser() as chromium:
        opened = tools.open_page(chromium, base + page.removesuffix("index.html"), width=width)
        try:
            notice = opened.page.locator("aside.corrections")
            assert notice.is_visible()
            box, body = notice.bounding_box(), opened.page.locator(".body").bounding_box()
            assert box["y"] < body["y"]  # read before the text
            assert box["width"] <= width and box["height"] > 20
            inner = opened.page.evaluate("getComputedStyle(document.querySelector('aside.corrections')).direction")
            assert inner == ("rtl" if lang == "ar" else "ltr")
            style = opened.page.evaluate("""() => { const s = getComputedStyle(document.querySelector('aside.corrections'));
                return [s.borderInlineStartWidth, s.backgroundColor]; }""")
            assert style[0] == "4px" and style[1] != "rgba(0, 0, 0, 0)"
            assert opened.console_errors == [] and opened.external_requests == []
        finally:
            opened.close()


def test_a_language_without_corrections_has_no_corrections_page(tmp_path):
    """An empty corrections page would be linked from nowhere (an article links it only when it has a correction)
    and say nothing: it is not made, is in no sitemap, and the other language's corrections page has no hreflang
    to it; its switcher says there is no French version and leads to the French home."""
    root = write_site(tmp_path, SITE.split(f"-- {FR} --")[0] + f"-- {FR} --\n" + article("Le ministre", "2024-06-26"))
    run(root)
    out = root / "output"
    assert (out / "ar/corrections/index.html").is_file() and not (out / "fr/corrections").exists()
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = [u.findtext("s:loc", namespaces=sm) for u in etree.fromstring(read(root, "sitemap.xml").encode()).findall("s:url", sm)]
    assert "https://example.ma/ar/corrections/" in listed
    assert not [u for u in listed if u.endswith("/fr/corrections/")]
    ar = lxml_html.fromstring(read(root, "ar/corrections/index.html").encode())
    assert ar.xpath("//link[@rel='alternate'][@hreflang]") == []
    assert ar.xpath("//li[@class='untranslated']/a/@href") == ["/fr/"]
    assert not [p for p in out.rglob("*.html") if "/fr/corrections/" in p.read_text(encoding="utf-8")]


def test_a_site_without_corrections_has_no_corrections_pages(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2024/05/plain.md --
{article("خبر بلا تصحيح", "2024-05-02")}
-- content/fr/2024/05/plain.md --
{article("Une nouvelle sans correction", "2024-05-02")}
""")
    run(root)
    assert not (root / "output/ar/corrections").exists() and not (root / "output/fr/corrections").exists()
    assert "/corrections/" not in read(root, "sitemap.xml")
