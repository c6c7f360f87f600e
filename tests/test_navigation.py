"""The sections in every page's header: in the order site.toml's [sections] lists them, then by name
(Arabic-aware), never by size, so that publishing an article does not reorder the header of every page."""
from __future__ import annotations

import re

from generator.text.arabic import collation_key
from tests.sites import SITE_TOML, article, read, run, write_site

SECTIONS = '''
[sections]
sport = { ar = "رياضة", fr = "Sport" }
economy = { ar = "اقتصاد", fr = "Économie" }
culture = { ar = "ثقافة" }
'''


def header_sections(html: str) -> list[str]:
    nav = re.search(r'<nav class="sections".*?</nav>', html, re.S).group(0)
    return re.findall(r'<li><a href="[^"]*/sections/[^"]*"[^>]*>([^<]+)</a></li>', nav)


def footer_sections(html: str) -> list[str]:
    footer = re.search(r'<footer class="site-footer".*?</footer>', html, re.S).group(0)
    return re.findall(r'<li><a href="[^"]*/sections/[^"]*">([^<]+)</a></li>', footer)


def stories(lang: str, section: str, count: int, month: int) -> str:
    return "".join(f"-- content/{lang}/{section}-{n}.md --\n"
                   f"{article(f'{section} {n}', f'2024-{month:02d}-{n + 1:02d}', section=section)}"
                   for n in range(count))


def order(names):
    return sorted(names, key=lambda n: (collation_key(n), n))


def test_collation_is_arabic_aware_and_ignores_latin_accents():
    assert order(["أمن", "إعلام", "اقتصاد", "بيئة", "ٱلثقافة"]) == ["إعلام", "اقتصاد", "ٱلثقافة", "أمن", "بيئة"]
    assert sorted(["أمن", "إعلام", "اقتصاد"]) == ["أمن", "إعلام", "اقتصاد"]  # code points: hamza first
    assert order(["مَدرسة", "مـدرسة", "مدرسة"]) == ["مدرسة", "مـدرسة", "مَدرسة"]  # one key, then the name
    assert collation_key("مكتبة") == collation_key("مكتبت") and collation_key("مستشفى") == collation_key("مستشفي")
    assert order(["Sport", "Économie", "politique", "Culture"]) == ["Culture", "Économie", "politique", "Sport"]


def test_sections_follow_site_toml_then_names_not_article_counts(tmp_path):
    site = write_site(tmp_path, stories("ar", "ثقافة", 3, 1) + stories("ar", "اقتصاد", 2, 2)
                      + stories("ar", "رياضة", 1, 3) + stories("ar", "أمن", 4, 4) + stories("ar", "إعلام", 1, 5)
                      + stories("fr", "Politique", 3, 1) + stories("fr", "Économie", 1, 2)
                      + stories("fr", "Culture", 2, 3) + stories("fr", "Sport", 1, 4),
                      site_toml=SITE_TOML + SECTIONS)
    run(site)
    # listed first, in site.toml's order (not its keys' order, nor by size); then the rest by name
    ar = ["رياضة", "اقتصاد", "ثقافة", "إعلام", "أمن"]
    fr = ["Sport", "Économie", "Culture", "Politique"]  # «culture» has no French name in [sections]
    for page in ("ar/index.html", "ar/2024/04/أمن-0/index.html", "ar/tags/index.html"):
        assert header_sections(read(site, page)) == ar, page
        assert footer_sections(read(site, page)) == ar, page
    assert header_sections(read(site, "fr/index.html")) == fr
    blocks = re.findall(r'<section class="section-block".*?<h2[^>]*><a[^>]*>([^<]+)</a>',
                        read(site, "ar/index.html"), re.S)
    # the home page's section blocks keep the same order (a section whose stories the lead and the latest
    # already show has no block: every story once a page)
    assert len(blocks) >= 3 and blocks == [name for name in ar if name in blocks]


def test_publishing_an_article_does_not_reorder_every_header(tmp_path):
    site = write_site(tmp_path, stories("ar", "ثقافة", 2, 1) + stories("ar", "اقتصاد", 1, 2))
    run(site)
    before = header_sections(read(site, "ar/2024/01/ثقافة-0/index.html"))
    (site / "content/ar/late.md").write_text(article("خبر جديد", "2024-03-01", section="اقتصاد"), encoding="utf-8")
    (site / "content/ar/later.md").write_text(article("خبر أجد", "2024-03-02", section="اقتصاد"), encoding="utf-8")
    report = run(site)  # «اقتصاد» now has more articles than «ثقافة»
    assert header_sections(read(site, "ar/2024/01/ثقافة-0/index.html")) == before
    assert "ar/2024/01/ثقافة-0/index.html" not in report.rendered_paths  # an old story is left alone
    assert "ar/index.html" in report.rendered_paths
    assert before == ["اقتصاد", "ثقافة"]  # by name: no [sections] here
