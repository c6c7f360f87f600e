"""The breaking-news strip in a real browser (headless Chromium): visible at the top of the page at phone and
desktop widths, in both directions, inside the page's width, its link to the story, and axe-core clean, in the
light and dark colour schemes (issue 21). Skipped locally without the tools; on CI they must run."""
from __future__ import annotations

import pytest

from tests.sites import SITE_TOML, run
from tests.support import tools
from tests.test_pins import BEFORE, NEWS, write_site
from tests.test_theme_browser import chromium, check_page  # noqa: F401 (the fixtures)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("breaking"), NEWS, site_toml=SITE_TOML)
    run(root, now=BEFORE)
    with tools.serve_directory(root / "output") as base:
        yield base


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("lang, path, title", [
    ("ar", "ar/2025/06/calm/", "زلزال في الحوز"), ("ar", "ar/sections/مجتمع/", "زلزال في الحوز"),
    ("fr", "fr/", "Séisme dans le Haouz")])
def test_the_strip_is_visible_and_accessible(served, chromium, lang, path, title, width, scheme):
    opened = tools.open_page(chromium, served + path, width, 800, color_scheme=scheme)
    try:
        check_page(opened, lang)  # direction, no sideways scrolling, no console error, nothing from elsewhere
        page = opened.page
        strip = page.locator("header .breaking")
        assert strip.is_visible()
        box = strip.bounding_box()
        assert box and box["y"] < 60 and box["width"] <= width + 1, box  # at the top, inside the page
        link = strip.get_by_role("link", name=title)
        assert link.is_visible()
        region = page.get_by_role("region", name={"ar": "عاجل", "fr": "Dernière minute"}[lang])
        assert region.count() == 1  # a labelled region a screen reader can jump to
        assert tools.run_axe(page) == []
        link.click()
        page.wait_for_url("**/2025/06/quake/")
        assert page.locator("h1").first.inner_text().strip() == title
    finally:
        opened.close()
