"""Not-found pages: /<lang>/404.html in each language and direction; /404.html (the one GitHub Pages serves
for every missing address) says it in every language. The preview answers a missing page with the
nearest one (test_serve.py); the browser test is in test_theme_browser.py."""
from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from generator.preview.panel import not_found_page
from tests.sites import SITE_TOML, article, read, run, write_site

STORIES = f"""
-- content/ar/2024/06/a.md --
{article("خبر", "2024-06-26", section="مجتمع")}
-- content/fr/2024/06/a.md --
{article("Une nouvelle", "2024-06-26", section="Société")}
"""


def blocks(page: str) -> list[dict]:
    """The not-found messages of a page: their language, direction, heading and home link."""
    doc = lxml_html.fromstring(page.encode())
    return [{"lang": s.get("lang") or doc.get("lang"), "dir": s.get("dir") or doc.get("dir"),
             "heading": s.xpath("string(.//h1|.//h2)").strip(), "level": s.xpath("name(.//h1|.//h2)"),
             "home": s.xpath("string(.//p/a/@href)")}
            for s in doc.xpath("//main/section[@class='not-found']")]


def test_each_language_has_its_own_not_found_page(tmp_path):
    root = write_site(tmp_path, STORIES)
    run(root)
    fr, ar = read(root, "fr/404.html"), read(root, "ar/404.html")
    assert fr.startswith('<!DOCTYPE html>\n<html lang="fr" dir="ltr">') and "<title>Page introuvable – Le magazine" in fr
    assert blocks(fr) == [{"lang": "fr", "dir": "ltr", "heading": "Page introuvable", "level": "h1", "home": "/fr/"}]
    assert '<a href="/fr/sections/soci%C3%A9t%C3%A9/">Société</a>' in fr  # the French header and navigation
    assert ar.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')
    assert blocks(ar) == [{"lang": "ar", "dir": "rtl", "heading": "الصفحة غير موجودة", "level": "h1", "home": "/ar/"}]
    for page in (fr, ar):
        assert '<meta name="robots" content="noindex">' in page and 'rel="canonical"' not in page
        assert 'hreflang="ar" lang="ar"' in page and 'href="/fr/" hreflang="fr"' in page  # the switcher: homes
    assert "404.html" not in read(root, "sitemap.xml")


def test_the_root_not_found_page_speaks_every_language(tmp_path):
    root = write_site(tmp_path, STORIES)
    run(root)
    page = read(root, "404.html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="ar" dir="rtl">')  # in the default language's frame
    assert blocks(page) == [
        {"lang": "ar", "dir": "rtl", "heading": "الصفحة غير موجودة", "level": "h1", "home": "/ar/"},
        {"lang": "fr", "dir": "ltr", "heading": "Page introuvable", "level": "h2", "home": "/fr/"}]
    assert re.search(r'<section class="not-found" lang="fr" dir="ltr"[^>]*>.*Retournez à l’accueil\u202f: '
                     r'<a href="/fr/" hreflang="fr">Le magazine de test</a>', page, re.S)


def test_the_default_language_comes_first_and_a_sub_folder_is_followed(tmp_path):
    toml = SITE_TOML.replace('default_language = "ar"', 'default_language = "fr"').replace(
        "https://example.ma/", "https://example.ma/mag/")
    root = write_site(tmp_path, STORIES, site_toml=toml)
    run(root)
    page = read(root, "404.html")
    assert page.startswith('<!DOCTYPE html>\n<html lang="fr" dir="ltr">')
    assert [(b["lang"], b["dir"], b["home"]) for b in blocks(page)] == [("fr", "ltr", "/mag/fr/"),
                                                                       ("ar", "rtl", "/mag/ar/")]
    assert re.search(r'href="/mag/assets/style\.[0-9a-f]+\.css"', page)  # served at any address: links from the root
    assert [b["home"] for b in blocks(read(root, "ar/404.html"))] == ["/mag/ar/"]


def test_a_language_without_articles_still_has_its_page(tmp_path):
    root = write_site(tmp_path, f"-- content/ar/a.md --\n{article('خبر')}")
    run(root)
    assert blocks(read(root, "fr/404.html"))[0]["heading"] == "Page introuvable"


def test_the_messages_come_from_each_language_s_strings(tmp_path):
    root = write_site(tmp_path, STORIES)
    (root / "i18n").mkdir()
    (root / "i18n/fr.toml").write_text('not_found = "Cette page n’existe pas"\n', encoding="utf-8")
    run(root)
    assert [b["heading"] for b in blocks(read(root, "404.html"))] == ["الصفحة غير موجودة", "Cette page n’existe pas"]
    (root / "i18n/fr.toml").write_text('not_found = "Rien ici"\n', encoding="utf-8")
    report = run(root)  # a French string changed: the root page, in Arabic, is made again
    assert "404.html" in report.rendered_paths and "Rien ici" in read(root, "404.html")


def test_the_preview_finds_the_nearest_not_found_page(tmp_path):
    out = tmp_path / "out"
    for folder in ("", "fr/"):
        (out / folder).mkdir(parents=True, exist_ok=True)
        (out / folder / "404.html").write_text(folder or "root")
    assert not_found_page(out, "/fr/2024/nulle-part/") == out / "fr/404.html"
    assert not_found_page(out, "/%66r/x") == out / "fr/404.html"  # percent-encoded
    assert not_found_page(out, "/ar/x/") == out / "404.html"  # no Arabic one here: the root one
    assert not_found_page(out, "/../fr/x") == out / "fr/404.html"  # never above the folder
    assert not_found_page(out, "/fr/" + "x" * 5000 + "/%00") == out / "fr/404.html"
    assert not_found_page(Path(tmp_path / "empty"), "/fr/x") is None
