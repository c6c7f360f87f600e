"""The details a typographer and an art director see in the majalla theme, measured in Chromium (issue 20):
the back-to-top arrow, the header search box, numbers beside Latin names in Arabic text, the faces of
figures and punctuation in Arabic text, scrolling tables, the favicon, the footnotes' «↩», the French
spaces and the search page's controls. Layout shift: tests/test_theme_shifts_browser.py (and Lighthouse's, in
benchmarks/lighthouse.py)."""
from __future__ import annotations

import pytest

from tests.sample import article_path
from tests.sites import article, run, write_site
from tests.support import tools
from tests.test_theme_browser import chromium, served  # noqa: F401 (the module's fixtures)

ARTICLE = "tanger-med-record-2024"
TABLE_ARTICLE = "care-economy-jobs-study"  # the sample story with a table and footnotes
HEADLINE = "Tanger Med: 10 ملايين حاوية"
DIGITS_HEADLINE = "«الميناء»: 10 ملايين حاوية في 2024"  # no Latin letter: every glyph is the Arabic faces'
DIGITS_TEXT = "بلغ النمو 19% في سنة 2024 (تقريبا)، أي «10 ملايين» حاوية."


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """A small magazine whose stories mix Latin names, figures and Arabic."""
    root = write_site(tmp_path_factory.mktemp("mixed"), f"""
-- content/ar/2025/01/port.md --
{article(HEADLINE, "2025-01-14T09:30:00+01:00", "نص عن الميناء.", summary=HEADLINE, section="اقتصاد")}
-- content/ar/2025/01/digits.md --
{article(DIGITS_HEADLINE, "2025-01-13", DIGITS_TEXT, section="اقتصاد")}
""")
    run(root)
    with tools.serve_directory(root / "output") as base:
        yield root / "output", base


def open_at(chromium, url: str, width: int = 375, **options):
    return tools.open_page(chromium, url, width, 800, **options)


# ---- back to top ------------------------------------------------------------------------------
def luminance(rgb: str) -> float:
    values = [int(v) / 255 for v in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    lin = [v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4 for v in values]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


@pytest.mark.parametrize("lang", ["ar", "fr"])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_back_to_top_arrow_is_drawn_against_its_disc(sample, served, chromium, lang, scheme):
    opened = open_at(chromium, served + article_path(sample, lang, ARTICLE).lstrip("/"), 1280, color_scheme=scheme)
    try:
        colours = opened.page.evaluate("""() => {
            const a = document.querySelector('.to-top'), arrow = a.querySelector('svg');
            return {disc: getComputedStyle(a).backgroundColor, arrow: getComputedStyle(arrow).fill,
                    drawn: arrow.getBoundingClientRect().width};
        }""")
        assert colours["drawn"] > 10, colours  # an arrow a font need not have: an SVG
        assert contrast(colours["arrow"], colours["disc"]) >= 4.5, colours
    finally:
        opened.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_back_to_top_button_covers_no_line_on_a_phone(sample, served, chromium, lang):
    opened = open_at(chromium, served + article_path(sample, lang, ARTICLE).lstrip("/"), 375)
    try:
        covered = opened.page.evaluate("""async () => {
            const lines = [];
            const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
            while (walker.nextNode()) {
                if (!walker.currentNode.textContent.trim()) continue;
                const range = document.createRange();
                range.selectNodeContents(walker.currentNode);
                lines.push(...[...range.getClientRects()].map(r => [r.left, r.top + scrollY, r.right, r.bottom + scrollY]));
            }
            const hits = [];
            for (let y = 0; y < document.documentElement.scrollHeight; y += 200) {
                scrollTo(0, y);
                await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
                const b = document.querySelector('.to-top').getBoundingClientRect();
                if (b.bottom < 0 || b.top > innerHeight) continue;
                const top = b.top + scrollY, bottom = b.bottom + scrollY;
                if (lines.some(([l, t, r, btm]) => l < b.right && r > b.left && t < bottom && btm > top)) hits.push(y);
            }
            return hits;
        }""")
        assert covered == [], f"the button covers text at scroll positions {covered}"
    finally:
        opened.close()


# ---- the header search box --------------------------------------------------------------------
BORDERS = """() => {
    const field = document.querySelector('.search-box input'), box = document.querySelector('.search-box');
    const button = box.querySelector('button').getBoundingClientRect(), input = field.getBoundingClientRect();
    const widths = e => { const c = getComputedStyle(e);
        return [c.borderLeftWidth, c.borderRightWidth, c.borderTopLeftRadius, c.borderTopRightRadius]; };
    return {field: widths(field), box: widths(box), button_first: button.left < input.left};
}"""


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_header_search_box_keeps_its_shape_while_empty(served, chromium, lang):
    """An empty field with dir="auto" is left to right even on an Arabic page: its borders and corners must
    not turn around until a word is typed."""
    opened = open_at(chromium, served + f"{lang}/", 1280)
    try:
        page = opened.page
        empty = page.evaluate(BORDERS)
        page.fill(".search-box input", "ميناء")
        arabic = page.evaluate(BORDERS)
        page.fill(".search-box input", "Tanger")
        latin = page.evaluate(BORDERS)
        assert empty == arabic == latin, (empty, arabic, latin)
        assert empty["button_first"] == (lang == "ar")  # the button at the end of the line, in either direction
    finally:
        opened.close()


# ---- bidi: a number beside the Arabic word it counts ------------------------------------------
PLACES = """(selector) => {
    const element = document.querySelector(selector), text = element.textContent;
    const box = (word) => {
        const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const at = walker.currentNode.textContent.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(walker.currentNode, at);
            range.setEnd(walker.currentNode, at + word.length);
            const r = range.getBoundingClientRect();
            return {left: r.left, right: r.right, top: r.top};
        }
        throw new Error(word + ' not in ' + text);
    };
    return {name: box('Tanger Med'), number: box('10'), word: box('ملايين')};
}"""


@pytest.mark.parametrize("where,selector", [("article", "h1"), ("home", ".card-title"), ("home", ".card-summary")])
def test_a_number_after_a_latin_name_stays_beside_its_arabic_word(mixed, chromium, where, selector):
    """«Tanger Med: 10 ملايين حاوية» reads, right to left: «Tanger Med», «:», «10», «ملايين»."""
    output, base = mixed
    url = base + ("ar/" if where == "home" else article_path(output, "ar", "port").lstrip("/"))
    opened = open_at(chromium, url, 1280)
    try:
        places = opened.page.evaluate(PLACES, selector if where == "article" else f".card:has(a[href*='port']) {selector}")
        name, number, word = places["name"], places["number"], places["word"]
        assert name["top"] == number["top"] == word["top"], places  # one line
        assert word["right"] <= number["left"] and number["right"] <= name["left"], places
    finally:
        opened.close()


# ---- the faces of figures, spaces and punctuation in Arabic text ------------------------------
def platform_fonts(page, selector: str) -> dict[str, int]:
    """{family: glyphs} of the fonts Chromium drew `selector`'s text with (CDP CSS.getPlatformFontsForNode);
    a family not from the page's @font-face is marked "(system)"."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts: dict[str, int] = {}
    for child in [node, *cdp.send("DOM.describeNode", {"nodeId": node, "depth": 1})["node"].get("children", [])]:
        child_id = child if isinstance(child, int) else child.get("nodeId")
        if not child_id:
            continue
        for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": child_id})["fonts"]:
            name = font["familyName"] + ("" if font["isCustomFont"] else " (system)")
            fonts[name] = fonts.get(name, 0) + font["glyphCount"]
    cdp.detach()
    return fonts


@pytest.mark.parametrize("selector,face", [("h1", "Noto Kufi Arabic"), (".body p", "Noto Naskh Arabic")])
def test_figures_and_punctuation_in_arabic_text_are_the_arabic_faces(mixed, chromium, selector, face):
    output, base = mixed
    opened = open_at(chromium, base + article_path(output, "ar", "digits").lstrip("/"), 1280)
    try:
        page = opened.page
        page.wait_for_function("() => [...document.fonts].filter(f => f.status === 'loading').length === 0")
        page.evaluate("document.fonts.ready.then(() => true)")
        fonts = platform_fonts(page, selector)
        assert list(fonts) == [face], fonts  # not Noto Serif's bold figures in a Kufi headline
    finally:
        opened.close()


# ---- tables, the favicon, the footnotes' way back ---------------------------------------------
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_table_scrolls_by_keyboard_and_has_room_around_it(sample, served, chromium, lang):
    slug = TABLE_ARTICLE if lang == "ar" else "etude-emplois-economie-du-care"
    opened = open_at(chromium, served + article_path(sample, lang, slug).lstrip("/"), 375)
    try:
        page = opened.page
        box = page.evaluate("""() => { const t = document.querySelector('.body table'), box = t.parentElement,
            c = getComputedStyle(box);
            return {scrolls: box.scrollWidth > box.clientWidth, focusable: box.tabIndex === 0,
                    margins: [parseFloat(c.marginBlockStart), parseFloat(c.marginBlockEnd)]}; }""")
        assert box["focusable"] and min(box["margins"]) >= 16, box
        assert tools.run_axe(page, impacts=("minor", "moderate", "serious", "critical"),
                             options={"runOnly": ["scrollable-region-focusable"]}) == []
        backref = page.evaluate("getComputedStyle(document.querySelector('.footnote-backref')).transform")
        assert backref == ("matrix(-1, 0, 0, 1, 0, 0)" if lang == "ar" else "none"), backref
    finally:
        opened.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_no_page_asks_for_a_file_that_is_not_there(sample, served, chromium, lang):
    """A page names its favicon (else every browser asks for /favicon.ico, a 404 on every page)."""
    for path in (f"/{lang}/", article_path(sample, lang, ARTICLE)):
        context = chromium.new_context()
        page = context.new_page()
        failed = []
        page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
        try:
            page.goto(served + path.lstrip("/"), wait_until="networkidle")
            icon = page.evaluate("document.querySelector('link[rel=icon]')?.href")
            assert icon and page.request.get(icon).ok, icon
            assert failed == []
        finally:
            context.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_front_pages_links_are_targets_a_thumb_can_hit(served, chromium, lang):
    """Lighthouse's target-size (WCAG 2.5.8): a card's section link, right above its title's, and a section
    block's "more" link are at least 24 px high on a phone (the French ones were 20 px)."""
    opened = open_at(chromium, f"{served}{lang}/")
    try:
        small = opened.page.evaluate("""() => [...document.querySelectorAll('main .card a, main .more a')]
            .map(a => [a.textContent.trim(), a.getBoundingClientRect().height]).filter(([, h]) => h < 24)""")
        assert small == []
    finally:
        opened.close()


# ---- French -------------------------------------------------------------------------------------
def test_french_pages_have_french_spaces_and_apostrophes(sample, served, chromium):
    opened = open_at(chromium, served + "fr/", 1280)
    try:
        page = opened.page
        assert page.inner_text(".search-box button") == "Rechercher"
        text = page.evaluate("document.querySelector('main').innerText")
        assert "'" not in text, "straight apostrophes"
        for mark in ":;?!»":
            assert f" {mark}" not in text and f"\u00a0{mark}" not in text, mark
        assert "« " not in text
    finally:
        opened.close()


# ---- the search page --------------------------------------------------------------------------
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_search_page_controls_wear_the_theme(served, chromium, scheme):
    opened = open_at(chromium, served + "ar/search/", 375, color_scheme=scheme)
    try:
        styles = opened.page.evaluate("""() => {
            const paper = getComputedStyle(document.body).backgroundColor;
            return {paper, controls: [...document.querySelectorAll('form.search input, form.search select, form.search button')]
                .map(e => { const c = getComputedStyle(e);
                    return {tag: e.tagName, background: c.backgroundColor, color: c.color, radius: c.borderTopLeftRadius,
                            family: c.fontFamily}; })};
        }""")
        for control in styles["controls"]:
            assert control["radius"] != "0px" and "Naskh" in control["family"], control
            assert contrast(control["background"], control["color"]) >= 4.5, control
            if control["tag"] != "BUTTON":
                assert control["background"] == styles["paper"], control  # dark mode too
        assert tools.run_axe(opened.page) == []
    finally:
        opened.close()
