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


@pytest.fixture(scope="module")
def french_only(tmp_path_factory):
    """The sample with one French story whose Arabic version is gone: its switcher says «not in Arabic»."""
    from tests.sample import build_sample

    folder = tmp_path_factory.mktemp("french-only") / "site"
    output = build_sample(folder)
    (folder / "content/ar/2024/06/gnaoua-essaouira.md").unlink()
    from tests.sites import run

    run(folder, jobs=2, search=False)
    with tools.serve_directory(output) as base:
        yield output, base


HEADER_TARGETS = """() => [...document.querySelectorAll('header .site-title a, header .search-box button, header .languages a')]
  .filter(e => e.getBoundingClientRect().width > 0)  // the page's own language is not shown on a phone
  .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 20), r.left, r.right, r.top, r.bottom]; })"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_an_untranslated_storys_phone_header_keeps_its_targets_apart(sample, served, french_only, chromium, lang):
    """At 375 px the label «pas en français» / «غير مترجم» widens the switcher: the title gives way, every
    target of the header stays at least 24 px high and none covers another (Lighthouse's target-size failed
    on such articles: the link wrapped over the search button, the title's link ran under it)."""
    output, base = (sample, served) if lang == "ar" else french_only
    slug = ARABIC_ONLY if lang == "ar" else "festival-gnaoua-essaouira"
    opened = tools.open_page(chromium, base + article_path(output, lang, slug).lstrip("/"), 375, 800)
    try:
        page = opened.page
        assert page.locator(".languages .untranslated-label").is_visible()
        boxes = page.evaluate(HEADER_TARGETS)
        assert len(boxes) == 3, boxes  # the title, the search button, the other language
        assert all(bottom - top >= 24 for _, _, _, top, bottom in boxes), boxes
        for n, (a, l1, r1, t1, b1) in enumerate(boxes):
            for b, l2, r2, t2, b2 in boxes[n + 1:]:
                assert r1 <= l2 or r2 <= l1 or b1 <= t2 or b2 <= t1, f"{a!r} covers {b!r}: {boxes}"
        assert page.evaluate("document.querySelector('header').getBoundingClientRect().height") < 120
    finally:
        opened.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_wrapped_meta_line_starts_with_its_item_not_a_dot(sample, served, chromium, lang):
    """The date, the Hijri date and the reading time on a phone: when the line wraps, the dot between two
    items ends the first line; no line starts with «·» (it did on every article at 375 px)."""
    opened = tools.open_page(chromium, served + article_path(sample, lang, "tanger-med-record-2024").lstrip("/"), 375, 800)
    try:
        rows = opened.page.evaluate("""() => [...document.querySelector('.meta').children].map(e =>
            [Math.round(e.getBoundingClientRect().top), getComputedStyle(e, '::before').content,
             getComputedStyle(e, '::after').content])""")
        assert len({top for top, _, _ in rows}) > 1, rows  # it wraps at this width: the case looked at
        starts = [rows[0]] + [row for prev, row in zip(rows, rows[1:]) if row[0] > prev[0]]
        assert all(before in ("none", "normal", '""') for _, before, _ in starts), rows
        assert all("·" in after for _, _, after in rows[:-1]) and "·" not in rows[-1][2], rows
    finally:
        opened.close()
