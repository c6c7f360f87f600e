"""Series and dossiers (issue 21): `series:` groups articles of a language; the series page (its intro from
content/<lang>/series/<key>.md, then its parts in order: `part:` first, else by date), "part N of M" with
links to every part on each article, a feed per series, and the series linked across languages by site.toml's
[series]; JSON-LD isPartOf a CreativeWorkSeries; check warns of a series spelled nearly like another."""
from __future__ import annotations

import json

import pytest
from lxml import etree, html as lxml_html

from generator.build.checking import check
from generator.build.options import BuildOptions
from generator.errors import BuildError
from tests.sites import NOW, SITE_TOML, article, read, run, write_site
from tests.support import schemaorg

TOML = SITE_TOML + '''
[series]
care = { ar = "اقتصاد الرعاية", fr = "L’économie du care" }
'''
AR_SERIES, FR_SERIES = "اقتصاد الرعاية", "L’économie du care"


def parts(lang: str, series: str, titles) -> str:
    """Three parts: the first two numbered out of date order, the third by its date only."""
    return f"""
-- content/{lang}/2025/03/one.md --
{article(titles[0], "2025-03-10", "نص.", series=series, part=1)}
-- content/{lang}/2025/03/two.md --
{article(titles[1], "2025-03-01", "نص.", series=series, part=2)}
-- content/{lang}/2025/03/three.md --
{article(titles[2], "2025-03-20", "نص.", series=series)}
"""


SITE = parts("ar", AR_SERIES, ("الجزء الأول", "الجزء الثاني", "الجزء الثالث")) + \
    parts("fr", FR_SERIES, ("Premier épisode", "Deuxième épisode", "Troisième épisode")) + f"""
-- content/ar/series/care.md --
ملف عن **اقتصاد الرعاية** في المغرب.
-- content/ar/2025/04/other.md --
{article("خبر خارج السلسلة", "2025-04-01")}
"""
AR_PAGE, FR_PAGE = "ar/series/اقتصاد-الرعاية/index.html", "fr/series/l-économie-du-care/index.html"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("series"), SITE, site_toml=TOML)
    run(root)
    return root


def doc(root, page):
    return lxml_html.fromstring(read(root, page).encode())


def series_page(root, lang):
    found = [p for p in (root / "output" / lang / "series").iterdir() if p.is_dir()]
    assert len(found) == 1
    return f"{lang}/series/{found[0].name}/index.html"


def test_the_series_page_has_its_intro_and_its_parts_in_order(site):
    page = doc(site, series_page(site, "ar"))
    assert page.get("dir") == "rtl"
    assert page.xpath("//h1")[0].text_content() == AR_SERIES
    assert "ملف عن" in page.xpath("//div[contains(@class,'series-intro')]")[0].text_content()
    assert page.xpath("//div[contains(@class,'series-intro')]//strong")[0].text == "اقتصاد الرعاية"
    assert [a.text_content() for a in page.xpath("//ol[@class='series-parts']/li/h3/a")] == [
        "الجزء الأول", "الجزء الثاني", "الجزء الثالث"]
    fr = doc(site, series_page(site, "fr"))
    assert fr.get("dir") == "ltr" and not fr.xpath("//div[contains(@class,'series-intro')]")  # no intro: none
    assert [a.text_content() for a in fr.xpath("//ol[@class='series-parts']/li/h3/a")] == [
        "Premier épisode", "Deuxième épisode", "Troisième épisode"]


def test_each_part_says_its_place_and_links_the_others(site):
    page = doc(site, "ar/2025/03/two/index.html")
    nav = page.xpath("//nav[@class='series-nav']")[0]
    assert nav.xpath(".//p[@class='series-place']")[0].text == "الجزء 2 من 3"
    assert nav.xpath(".//ol/li/a/@href") == ["/ar/2025/03/one/", "/ar/2025/03/three/"]
    assert nav.xpath(".//*[@aria-current='page']")[0].text_content() == "الجزء الثاني"
    assert nav.xpath(".//h2/a/@href")[0].startswith("/ar/series/")
    fr = doc(site, "fr/2025/03/three/index.html").xpath("//nav[@class='series-nav']")[0]
    assert fr.xpath(".//p[@class='series-place']")[0].text == "Épisode 3 sur 3"
    assert not doc(site, "ar/2025/04/other/index.html").xpath("//nav[@class='series-nav']")


def test_json_ld_names_the_series_and_the_place(site):
    page = doc(site, "fr/2025/03/one/index.html")
    news = next(n for n in (json.loads(e.text) for e in page.xpath("//script[@type='application/ld+json']"))
                if n["@type"] == "NewsArticle")
    assert schemaorg.problems(news) == []
    assert news["isPartOf"]["@type"] == "CreativeWorkSeries" and news["isPartOf"]["name"] == FR_SERIES
    assert news["isPartOf"]["url"].startswith("https://example.ma/fr/series/") and news["position"] == 1


def test_a_feed_per_series(site):
    atom = {"a": "http://www.w3.org/2005/Atom"}
    for lang, count in (("ar", 3), ("fr", 3)):
        path = series_page(site, lang).replace("index.html", "feed.xml")
        feed = etree.fromstring(read(site, path).encode())
        assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
        assert len(feed.findall("a:entry", atom)) == count
    page = doc(site, series_page(site, "ar"))
    assert any(h.endswith("feed.xml") and "/series/" in h for h in
               page.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href"))


def test_the_series_pages_are_linked_across_languages_and_in_the_sitemap(site):
    ar, fr = series_page(site, "ar"), series_page(site, "fr")
    page = doc(site, ar)
    hreflang = {e.get("hreflang"): e.get("href") for e in page.xpath("//link[@rel='alternate'][@hreflang]")}
    assert hreflang["fr"].startswith("https://example.ma/fr/series/")
    switcher = page.xpath("//nav[@class='languages']//a[@hreflang='fr']/@href")[0]
    assert switcher.startswith("/fr/series/")
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = etree.fromstring(read(site, "sitemap.xml").encode())
    locs = [u.findtext("s:loc", namespaces=sm) for u in sitemap.findall("s:url", sm)]
    assert sum("/series/" in loc for loc in locs) == 2


def test_an_intro_may_be_named_by_the_series_slug_too(tmp_path):
    root = write_site(tmp_path, parts("fr", "Le grand dossier", ("Un", "Deux", "Trois")) + """
-- content/fr/series/le-grand-dossier.md --
Une *introduction*.
-- content/ar/2024/01/x.md --
---
title: خبر
date: 2024-01-01
---
نص.
""")
    run(root)
    assert "<em>introduction</em>" in read(root, "fr/series/le-grand-dossier/index.html")
    assert not (root / "output/fr/series/le-grand-dossier.md").exists()  # an intro is not published as a file
    assert not (root / "output/fr/series/le-grand-dossier/le-grand-dossier").exists()


@pytest.mark.parametrize("line, message", [
    ("part: 0", '"part" must be from 1 (the first part) to 10000, not 0'),
    ("part: deux", '"part" must be a whole number (1 for the first part), not text ("deux")'),
    ("part: true", '"part" must be a whole number (1 for the first part), not true/false (true)'),
])
def test_a_bad_part_is_an_error_at_its_line(tmp_path, line, message):
    root = write_site(tmp_path, f"""
-- content/ar/2025/03/x.md --
---
title: خبر
date: 2025-03-01
series: ملف
{line}
---
نص.
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [f"content/ar/2025/03/x.md:5: {message}"]


def test_a_part_without_a_series_is_an_error(tmp_path):
    root = write_site(tmp_path, """
-- content/ar/2025/03/x.md --
---
title: خبر
date: 2025-03-01
part: 2
---
نص.
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        'content/ar/2025/03/x.md:4: "part" places the article in a series: give the series too (series: ...)']


def test_check_warns_of_a_series_spelled_nearly_like_another(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2025/03/a.md --
{article("أ", "2025-03-01", "نص.", series="اقتصاد الرعاية")}
-- content/ar/2025/03/b.md --
{article("ب", "2025-03-02", "نص.", series="اقتصاد الرعاية")}
-- content/ar/2025/03/c.md --
{article("ج", "2025-03-03", "نص.", series="اقتصاد الرعايه")}
""")
    found, _ = check(BuildOptions(site=root, jobs=1, now=NOW))
    assert [str(p) for p in found] == [
        'content/ar/2025/03/c.md:4: warning: series "اقتصاد الرعايه" is nearly series "اقتصاد الرعاية" (2 articles): '
        "they are two series unless spelled alike"]


def test_a_bad_series_table_is_reported_at_its_line(tmp_path):
    root = write_site(tmp_path, parts("ar", "ملف", ("أ", "ب", "ج")),
                      site_toml=SITE_TOML + '\n[series]\ncare = { ar = "ملف", de = "Dossier" }\n')
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == ['site.toml:21: series.care: "de" is not one of the languages']


def test_a_long_series_links_the_first_the_last_and_the_near_parts(tmp_path):
    """A series of 40 parts: each part links a window of them (not 40), numbered by their place."""
    text = "".join(f"""
-- content/fr/2025/01/p{n:02d}.md --
{article(f"Épisode {n}", f"2025-01-{n % 28 + 1:02d}", "Texte.", series="Feuilleton", part=n)}
""" for n in range(1, 41))
    root = write_site(tmp_path, text + "\n-- content/ar/2025/01/x.md --\n" + article("خبر", "2025-01-01"))
    run(root)
    nav = doc(root, "fr/2025/01/p20/index.html").xpath("//nav[@class='series-nav']")[0]
    assert nav.xpath(".//p[@class='series-place']")[0].text == "Épisode 20 sur 40"
    assert [int(li.get("value")) for li in nav.xpath(".//ol/li")] == [1, *range(15, 26), 40]
    page = doc(root, "fr/series/feuilleton/index.html")
    assert len(page.xpath("//ol[@class='series-parts']/li")) == 40
