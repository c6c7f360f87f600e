"""What every page tells search engines and social networks: canonical, hreflang, Open Graph, Twitter
card, JSON-LD; titles that stay right-to-left; sections that keep their name in every language."""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import html as lxml_html

from generator.errors import BuildError
from generator.pages.head import script_json
from generator.text.arabic import rtl_title
from tests.magazine import BASE, TOML, output_file, write_magazine
from tests.sites import SITE_TOML, article, read, run, write_site

RLM = "\u200f"
ARTICLE_FIELDS = ("headline", "datePublished", "dateModified", "author", "image", "inLanguage", "publisher")


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    root = write_magazine(tmp_path_factory.mktemp("head"))
    run(root)
    return root


def head(path: Path) -> dict:
    doc = lxml_html.fromstring(path.read_bytes())
    return {
        "lang": doc.get("lang"),
        "title": doc.findtext(".//title"),
        "canonical": [e.get("href") for e in doc.xpath("//head/link[@rel='canonical']")],
        "alternates": {e.get("hreflang"): e.get("href") for e in doc.xpath("//head/link[@rel='alternate'][@hreflang]")},
        "meta": [(e.get("property") or e.get("name"), e.get("content")) for e in doc.xpath("//head/meta")],
        "jsonld": [json.loads(e.text) for e in doc.xpath("//script[@type='application/ld+json']")],
    }


def meta(page: dict, key: str) -> list[str]:
    return [content for name, content in page["meta"] if name == key]


def ld(page: dict, kind: str) -> dict | None:
    return next((d for d in page["jsonld"] if d["@type"] == kind), None)


def test_every_page_canonical_hreflang_and_json_ld(magazine):
    out = magazine / "output"
    pages = {p: head(p) for p in out.rglob("*.html") if p.relative_to(out).as_posix() != "index.html"
             and p.name != "404.html"}  # the root redirect and the not-found pages have no canonical
    assert len(pages) > 30
    articles = translated = 0
    for path, page in pages.items():
        assert len(page["canonical"]) == 1, path
        canonical = page["canonical"][0]
        assert canonical.startswith(BASE + "/") and output_file(out, canonical) == path, (path, canonical)
        alternates = page["alternates"]
        if alternates:
            translated += 1
            assert alternates[page["lang"]] == canonical  # names itself
            assert alternates["x-default"] == alternates["ar"]  # the default language
            for lang, href in alternates.items():
                target = output_file(out, href)
                assert target.is_file(), href
                assert pages[target]["alternates"] == alternates, (path, href)  # reciprocal
                assert pages[target]["lang"] == (lang if lang != "x-default" else "ar")
        assert meta(page, "og:url") == [canonical]
        assert meta(page, "og:locale") == [{"ar": "ar_MA", "fr": "fr_MA"}[page["lang"]]]
        news = ld(page, "NewsArticle")
        if path.parent.parent.name == "12" or "/2024/06/first" in path.as_posix() or "securite" in path.as_posix():
            articles += 1
            assert news and all(news.get(k) for k in ARTICLE_FIELDS), path
            assert news["mainEntityOfPage"]["@id"] == canonical
            assert news["publisher"]["logo"]["url"].startswith(BASE + "/assets/logo.")
            assert output_file(out, news["publisher"]["logo"]["url"]).is_file()
            assert all(output_file(out, a["url"]).is_file() for a in news["author"] if "url" in a)
            crumbs = ld(page, "BreadcrumbList")["itemListElement"]
            assert crumbs[-1]["item"] == canonical and crumbs[0]["item"] == f"{BASE}/{page['lang']}/"
        else:
            assert news is None, path
    assert articles == 6
    assert translated >= 12  # the homes, tag indexes, archives, searches, 2025, 2025/12, a section, a story


def test_article_metadata(magazine):
    page = head(magazine / "output/ar/2025/12/tanger-med/index.html")
    news = ld(page, "NewsArticle")
    assert news["headline"] == "Tanger Med: رقم قياسي جديد للحاويات"
    assert news["datePublished"] == "2025-12-31T10:00:00+01:00" and news["inLanguage"] == "ar"
    assert news["author"] == [{"@type": "Person", "name": "يوسف الإدريسي",
                               "url": BASE + quote("/ar/authors/يوسف-الادريسي/")}]
    social = BASE + "/ar/2025/12/tanger-med/cover-social-"  # the social card cropped from the lead picture
    assert len(news["image"]) == 1 and news["image"][0].startswith(social)
    assert news["articleSection"] == "اقتصاد" and news["keywords"] == ["ميناء طنجة المتوسط", "النقل البحري"]
    assert news["dateline"] == "طنجة"
    assert [c["name"] for c in ld(page, "BreadcrumbList")["itemListElement"]] == \
        ["الرئيسية", "اقتصاد", "Tanger Med: رقم قياسي جديد للحاويات"]
    assert meta(page, "og:type") == ["article"] and meta(page, "og:locale:alternate") == ["fr_MA"]
    assert meta(page, "article:published_time") == ["2025-12-31T10:00:00+01:00"]
    assert meta(page, "article:modified_time") == ["2025-12-31T10:00:00+01:00"]
    assert meta(page, "article:section") == ["اقتصاد"]
    assert meta(page, "article:tag") == ["ميناء طنجة المتوسط", "النقل البحري"]
    assert meta(page, "og:image") == news["image"]
    assert meta(page, "twitter:card") == ["summary_large_image"]
    assert meta(page, "description") == ["أرقام قياسية للميناء."]
    # the magazine as author is an organization; no picture: the publisher's logo stands in
    other = ld(head(magazine / "output/ar/2025/12/yesterday/index.html"), "NewsArticle")
    assert other["author"][0]["@type"] == "Organization" and other["image"][0].startswith(BASE + "/assets/logo.")


def test_home_and_list_pages(magazine):
    home = head(magazine / "output/ar/index.html")
    assert ld(home, "WebSite") == {"@context": "https://schema.org", "@type": "WebSite", "name": "مجلة الاختبار",
                                   "url": BASE + "/ar/", "inLanguage": "ar",
                                   "publisher": ld(home, "WebSite")["publisher"]}
    assert ld(home, "BreadcrumbList") is None and meta(home, "og:type") == ["website"]
    month = head(magazine / "output/ar/2025/12/index.html")
    assert [c["item"] for c in ld(month, "BreadcrumbList")["itemListElement"]] == \
        [BASE + "/ar/", BASE + "/ar/archive/", BASE + "/ar/2025/", BASE + "/ar/2025/12/"]
    year = head(magazine / "output/ar/2025/page/2/index.html")
    assert year["canonical"] == [BASE + "/ar/2025/page/2/"] and year["alternates"] == {}
    assert [c["name"] for c in ld(year, "BreadcrumbList")["itemListElement"]] == ["الرئيسية", "الأرشيف", "2025"]
    tag = head(magazine / "output/ar/tags/النقل-البحري/index.html")
    assert [c["name"] for c in ld(tag, "BreadcrumbList")["itemListElement"]] == ["الرئيسية", "الوسوم", "النقل البحري"]
    missing = head(magazine / "output/404.html")
    assert missing["canonical"] == [] and meta(missing, "robots") == ["noindex"]


def test_json_ld_cannot_break_out_of_its_script(magazine):
    text = read(magazine, "fr/2025/11/securite/index.html")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S)
    assert len(scripts) == 2  # the title's "</script>" did not end the first one early
    assert all("<" not in s and ">" not in s and "&" not in s for s in scripts)
    news = ld(head(magazine / "output/fr/2025/11/securite/index.html"), "NewsArticle")
    assert news["headline"] == "L’attaque </script><!-- & <b>«\u202ftitre\u202f»</b>"
    assert script_json({"t": "</script>\u2028&"}) == '{"t":"\\u003c/script\\u003e\\u2028\\u0026"}'


@pytest.mark.parametrize("title,direction,marked", [
    ("Tanger Med: رقم قياسي", "rtl", True),
    ("2024: COP22 في مراكش", "rtl", True),  # digits are weak: the first strong letter is Latin
    ("«Tanger Med» يتخطى", "rtl", True),
    ("ميناء «Tanger Med» يتخطى", "rtl", False),
    ("Tanger Med : record", "ltr", False),
    ("", "rtl", False),
])
def test_rtl_title(title, direction, marked):
    assert rtl_title(title, direction) == (RLM + title if marked else title)


def test_latin_first_arabic_titles_stay_right_to_left(magazine):
    page = head(magazine / "output/ar/2025/12/tanger-med/index.html")
    assert page["title"].startswith(RLM + "Tanger Med")
    assert meta(page, "og:title") == [RLM + "Tanger Med: رقم قياسي جديد للحاويات"]
    assert meta(page, "twitter:title") == meta(page, "og:title")
    french = head(magazine / "output/fr/2025/12/tanger-med/index.html")
    assert meta(french, "og:title") == ["Tanger Med\u202f: nouveau record"]


def test_sections_named_in_every_language(magazine):
    ar_section = read(magazine, "ar/sections/اقتصاد/index.html")
    fr_url = quote("/fr/sections/économie/")
    assert f'href="{fr_url}" hreflang="fr"' in ar_section  # the switcher lands on the same section
    fr_section = head(magazine / "output/fr/sections/économie/index.html")
    assert fr_section["alternates"]["ar"] == BASE + quote("/ar/sections/اقتصاد/")
    # an article that writes the section otherwise shows site.toml's name: page, breadcrumb, feed
    fr_article = head(magazine / "output/fr/2025/12/tanger-med/index.html")
    assert meta(fr_article, "article:section") == ["Économie"]
    # a section without a [sections] entry has no counterpart
    assert 'href="/fr/" hreflang="fr"' in read(magazine, "ar/sections/مجتمع/index.html")


def test_site_toml_names_win_over_the_spelling_of_articles(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ", section="الاقتصاد")}
-- content/ar/b.md --
{article("ب", section="الاقتصاد")}
-- content/fr/a.md --
{article("A", section="economie")}
""", site_toml=SITE_TOML + '\n[sections]\neconomy = { ar = "الإقتصاد", fr = "Economie" }\n')
    run(root)
    fr = read(root, "fr/2024/06/a/index.html")
    assert "Economie" in fr and "economie<" not in fr
    assert "<title>Economie – Le magazine de test</title>" in read(root, "fr/sections/economie/feed.xml")
    assert 'hreflang="ar"' in read(root, "fr/sections/economie/index.html")
    assert "الإقتصاد" in read(root, "ar/2024/06/a/index.html")


def test_one_name_for_two_sections_is_an_error(tmp_path):
    root = write_site(tmp_path, f"-- content/ar/a.md --\n{article('أ')}", site_toml=SITE_TOML + (
        '\n[sections]\neconomy = { ar = "اقتصاد" }\nmoney = { ar = "إقتصاد", fr = "Argent" }\n'))
    with pytest.raises(BuildError) as error:
        run(root)
    assert 'sections.money: "إقتصاد" (ar) is already the name of sections.economy' in str(error.value)
