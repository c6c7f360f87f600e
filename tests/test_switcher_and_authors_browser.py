"""The language switcher's honest label and an author's profile in a real browser (headless Chromium), on the
sample magazine: a story with no French version shows, in French, that it is not translated, and its link leads
to the French home; an author's page shows her photo, role and links, in both directions (issue 21). Skipped
locally without the tools; on CI they must run."""
from __future__ import annotations

import pytest

from tests.sample import article_path
from tests.support import tools
from tests.test_theme_browser import chromium, check_page, served  # noqa: F401 (the fixtures)

ARABIC_ONLY = "womens-football-after-wafcon"  # the sample has no French version of it


@pytest.mark.parametrize("width", [375, 1280])
def test_the_switcher_says_a_story_is_not_translated_and_leads_home(sample, served, chromium, width):
    path = article_path(sample, "ar", ARABIC_ONLY)
    opened = tools.open_page(chromium, served + path.lstrip("/"), width, 800)
    try:
        page = opened.page
        link = page.locator('.languages a[hreflang="fr"]')
        assert link.get_attribute("data-untranslated") is not None
        label = page.locator('.languages a[hreflang="fr"] .untranslated-label')
        assert label.is_visible() and "pas en français" in label.inner_text()
        name = page.evaluate("""() => { const a = document.querySelector('.languages a[hreflang="fr"]');
                                         return a.innerText + ' ' + a.textContent; }""")
        assert "Cet article n’est pas traduit en français" in name  # read out by a screen reader
        box = label.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width + 1, box
        assert tools.run_axe(page) == []
        link.click()
        page.wait_for_url("**/fr/")
        assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["fr", "ltr"]
        assert opened.console_errors == []
    finally:
        opened.close()


def test_the_translated_story_has_no_label(sample, served, chromium):
    path = article_path(sample, "ar", "tanger-med-record-2024")
    opened = tools.open_page(chromium, served + path.lstrip("/"), 1280, 800)
    try:
        assert opened.page.locator(".languages .untranslated-label").count() == 0
        assert tools.run_axe(opened.page) == []
    finally:
        opened.close()


@pytest.mark.parametrize("path, lang, kicker", [("/ar/authors/%D8%B3%D9%84%D9%85%D9%89-%D8%A7%D9%84%D8%B9%D9%84%D9%88%D9%8A/",
                                                  "ar", "كاتبة"), ("/fr/authors/salma-el-alaoui/", "fr", "Autrice")])
@pytest.mark.parametrize("width", [375, 1280])
def test_an_authors_page_shows_her_profile(served, chromium, path, lang, kicker, width):
    opened = tools.open_page(chromium, served + path.lstrip("/"), width, 800)
    try:
        page = opened.page
        check_page(opened, lang)  # direction, language, nothing wider than the screen, no console error
        photo = page.locator(".author-card img")
        assert photo.is_visible() and page.evaluate(
            "document.querySelector('.author-card img').naturalWidth") > 0  # the square variant loaded
        box = photo.bounding_box()
        assert abs(box["width"] - box["height"]) < 1 and box["width"] <= 161, box
        assert page.locator(".author-card .kicker").inner_text() == kicker
        assert page.locator(".author-links a").count() == 3
        assert tools.run_axe(page) == []
    finally:
        opened.close()
