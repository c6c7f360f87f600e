"""The majalla theme in a real browser (headless Chromium through Playwright), on the built sample magazine
(whose every page test_site_validation passes through the W3C Nu HTML checker). Skipped locally without the
tools; on CI (CI set) they must run."""
from __future__ import annotations

import time
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest

from tests.sample import article_path
from tests.support import tools

ARTICLE = "tanger-med-record-2024"  # in both languages, with a lead picture, a section and tags
WIDTHS = (375, 1280)


@pytest.fixture(scope="module")
def served(sample):
    with tools.serve_directory(sample) as base:
        yield base


@pytest.fixture(scope="module")
def chromium():
    with tools.browser() as b:
        yield b


def pages_of(sample: Path, lang: str) -> dict[str, str]:
    """{what: site path} for the pages checked in each language."""
    article = article_path(sample, lang, ARTICLE)
    html = (sample / article.lstrip("/") / "index.html").read_text(encoding="utf-8")
    tag = html.split('rel="tag"')[0].rsplit('href="', 1)[1].split('"')[0]
    return {"home": f"/{lang}/", "article": article, "tag": tag, "archive": f"/{lang}/archive/",
            "not-found": f"/{lang}/404.html"}


def page_cases():
    return [(lang, what, width) for lang in ("ar", "fr") for what in ("home", "article", "tag", "archive", "not-found")
            for width in WIDTHS]


def check_page(opened, lang: str) -> None:
    page = opened.page
    direction = page.evaluate("getComputedStyle(document.documentElement).direction")
    assert direction == ("rtl" if lang == "ar" else "ltr")
    assert page.evaluate("document.documentElement.lang") == lang
    overflow = page.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        // what a strip that scrolls sideways holds beyond its edge (the phone's sections) is not overflow
        const inStrip = e => { for (let a = e.parentElement; a; a = a.parentElement) {
            if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
        const wide = [...document.querySelectorAll('body *')].filter(e => {
            const r = e.getBoundingClientRect();
            return r.width && (r.right > width + 1 || r.left < -1) && getComputedStyle(e).position !== 'absolute'
                && !e.closest('.visually-hidden, .skip-link') && !inStrip(e);
        }).map(e => e.tagName + '.' + e.className);
        return {scroll: document.documentElement.scrollWidth, width, wide: wide.slice(0, 5)};
    }""")
    assert overflow["scroll"] <= overflow["width"] and not overflow["wide"], overflow
    assert opened.console_errors == []
    assert opened.external_requests == []


@pytest.mark.parametrize("lang,what,width", page_cases())
def test_pages_in_both_directions_at_phone_and_desktop_widths(sample, served, chromium, lang, what, width):
    """Direction, no horizontal scrolling, no console error, nothing from another host, and axe-core finds no
    serious or critical violation; at phone width in the dark colour scheme too."""
    path = pages_of(sample, lang)[what]
    opened = tools.open_page(chromium, served + path.lstrip("/"), width, 800)
    try:
        check_page(opened, lang)
        assert tools.run_axe(opened.page) == []
        if width == min(WIDTHS):
            opened.page.emulate_media(color_scheme="dark")
            background = opened.page.evaluate("getComputedStyle(document.body).backgroundColor")
            assert background == "rgb(19, 18, 17)", background  # the dark palette is on
            assert tools.run_axe(opened.page) == []
            check_page(opened, lang)
    finally:
        opened.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_root_not_found_page_reads_in_both_directions(served, chromium, scheme):
    """/404.html (the one GitHub Pages serves for any address) says it in Arabic, right to left, and in
    French, left to right and in the Latin faces; the French block is in French for assistive technology."""
    opened = tools.open_page(chromium, served + "404.html", 375, 800, color_scheme=scheme)
    try:
        blocks = opened.page.evaluate("""() => [...document.querySelectorAll('main .not-found')].map(e => {
            const heading = e.querySelector('h1, h2'), c = getComputedStyle(e);
            return {lang: e.closest('[lang]').lang, direction: c.direction, align: c.textAlign,
                    body: c.fontFamily, heading: getComputedStyle(heading).fontFamily,
                    start: heading.getBoundingClientRect()[c.direction === 'rtl' ? 'right' : 'left']};
        })""")
        assert [(b["lang"], b["direction"]) for b in blocks] == [("ar", "rtl"), ("fr", "ltr")]
        assert "Kufi" in blocks[0]["heading"] and "Naskh" in blocks[0]["body"]
        assert blocks[1]["heading"].startswith('"Noto Serif"') and blocks[1]["body"].startswith('"Noto Serif"')
        width = opened.page.evaluate("document.documentElement.clientWidth")
        assert blocks[0]["start"] > width / 2 > blocks[1]["start"]  # each heading starts on its own side
        check_page(opened, "ar")
        assert tools.run_axe(opened.page) == []
    finally:
        opened.close()


def test_language_switcher_lands_on_the_translation(sample, served, chromium):
    ar, fr = pages_of(sample, "ar")["article"], pages_of(sample, "fr")["article"]
    opened = tools.open_page(chromium, served + ar.lstrip("/"), 375, 800)
    try:
        page = opened.page
        page.click('.languages a[hreflang="fr"]')
        page.wait_for_url(f"**{fr}")
        assert page.evaluate("[document.documentElement.lang, getComputedStyle(document.documentElement).direction]") \
            == ["fr", "ltr"]
        page.click('.languages a[hreflang="ar"]')
        page.wait_for_url(f"**{quote(unquote(ar))}")
        assert page.evaluate("document.documentElement.dir") == "rtl"
    finally:
        opened.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_back_to_top_works_without_javascript(sample, served, chromium, lang):
    path = pages_of(sample, lang)["article"]
    opened = tools.open_page(chromium, served + path.lstrip("/"), 375, 700, java_script_enabled=False,
                             reduced_motion="reduce")
    try:
        page = opened.page
        button = page.locator(".to-top")
        assert not in_viewport(button), "hidden until the reader scrolls"
        page.mouse.wheel(0, 100_000)
        wait_until(page, "scrollY > 1000")  # the wheel scrolls asynchronously
        assert in_viewport(button)
        button.click()
        wait_until(page, "scrollY === 0")
        assert urlsplit(page.url).fragment == "top"
    finally:
        opened.close()


def wait_until(page, expression: str, timeout: float = 20.0) -> None:
    """Evaluate `expression` until it is true. Not wait_for_function: it polls from inside the page, which a
    page without JavaScript never does (it evaluates once)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"{expression} still false after {timeout} s"
        page.wait_for_timeout(50)


def in_viewport(locator) -> bool:
    box = locator.bounding_box()
    size = locator.page.viewport_size
    return bool(box) and box["y"] >= 0 and box["y"] + box["height"] <= size["height"]


def font_files(opened) -> list[str]:
    opened.page.evaluate("document.fonts.ready.then(() => true)")
    names = opened.page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
    return sorted(Path(urlsplit(n).path).name for n in names if n.endswith(".woff2"))


def test_a_page_loads_only_the_faces_it_uses(sample, served, chromium):
    fr = tools.open_page(chromium, served + pages_of(sample, "fr")["article"].lstrip("/"), 1280, 800)
    ar = tools.open_page(chromium, served + pages_of(sample, "ar")["article"].lstrip("/"), 1280, 800)
    try:
        french, arabic = font_files(fr), font_files(ar)
        assert french and not [f for f in french if "arabic" in f], french
        assert all(f.startswith("noto-serif-latin-") for f in french)
        assert any(f.startswith("noto-naskh-arabic-arabic-400") for f in arabic), arabic
        assert any(f.startswith("noto-kufi-arabic-arabic-700") for f in arabic), arabic
        for loaded in (french, arabic):  # what one page downloads
            assert sum((sample / "assets" / "fonts" / f).stat().st_size for f in set(loaded)) <= 200_000, loaded
    finally:
        fr.close()
        ar.close()


def test_arabic_typography(sample, served, chromium):
    opened = tools.open_page(chromium, served + pages_of(sample, "ar")["article"].lstrip("/"), 375, 800)
    try:
        styles = opened.page.evaluate("""() => ['body', 'h1', '.body p', '.sections a', '.meta', '.card-title']
            .map(s => document.querySelector(s)).filter(Boolean).map(e => {
                const c = getComputedStyle(e);
                return {letter: c.letterSpacing, size: parseFloat(c.fontSize), line: parseFloat(c.lineHeight),
                        family: c.fontFamily};
            })""")
        assert all(s["letter"] == "normal" for s in styles), styles
        body = styles[2]
        assert body["size"] >= 18 and body["line"] / body["size"] >= 1.6 and "Naskh" in body["family"]
        assert "Kufi" in styles[1]["family"]
    finally:
        opened.close()


def test_print_leaves_out_navigation_and_sharing(sample, served, chromium):
    opened = tools.open_page(chromium, served + pages_of(sample, "ar")["article"].lstrip("/"), 1280, 800)
    try:
        page = opened.page
        shown = "s => [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display)"
        assert "none" not in page.evaluate(shown, ".share, .sections, .to-top-track, .related")
        page.emulate_media(media="print")
        assert set(page.evaluate(shown, ".share, .sections, .to-top-track, .related, .prev-next")) == {"none"}
        assert page.evaluate("getComputedStyle(document.querySelector('.body p')).color") == "rgb(0, 0, 0)"
        assert page.evaluate("getComputedStyle(document.querySelector('.body a[href^=\"http\"]'), '::after').content") \
            .startswith('" <')
    finally:
        opened.close()


def test_skip_link_is_the_first_stop_and_shows_on_focus(sample, served, chromium):
    opened = tools.open_page(chromium, served + "ar/", 375, 800)
    try:
        page = opened.page
        link = page.locator(".skip-link")
        assert not in_viewport(link)
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link" and in_viewport(link)
        page.keyboard.press("Enter")
        page.wait_for_function("location.hash === '#main'", timeout=5000)  # the jump is asynchronous
        assert urlsplit(page.url).fragment == "main"
    finally:
        opened.close()
