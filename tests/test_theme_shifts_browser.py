"""Layout shifts in Chromium on the home page and an article of each language, at phone and desktop widths.

Served from this machine the faces arrive before the first paint or after it, as the load of the moment
decides, and a test of that would pass or fail by chance. So the faces are held back until the page has
painted, then let go together: the case of a slow network, where a late face reflows the page (the 0.29 of
issue 20 was Kufi arriving after the first paint). The budget is the theme's, 0.05 (Lighthouse's "good" is
under 0.1): the sum of the shifts without recent input, once the faces are loaded and the pictures decoded."""
from __future__ import annotations

import re

import pytest

from tests.test_theme_browser import chromium, pages_of, served  # noqa: F401 (the module's fixtures)

BUDGET = 0.05
WIDTHS = (375, 1280)
OBSERVE = """window.__shifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shifts.push({
    value: e.value, moved: e.sources.map(s => s.node ? (s.node.nodeName + '.' + (s.node.className || '')) : '') }); })
  .observe({type: 'layout-shift', buffered: true});"""
SETTLED = """async () => {
    await document.fonts.ready;
    await Promise.all([...document.images].filter(i => i.complete || i.loading !== 'lazy').map(i => i.decode().catch(() => null)));
    await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));  // the shifts are reported
    return {faces: [...document.fonts].filter(f => f.status === 'loaded').length, shifts: window.__shifts};
}"""


def shifts_when_late(chromium, url: str, width: int, hold, rewrite=None) -> dict:  # noqa: F811
    """Open `url` with the responses whose address matches `hold` (a glob or a regular expression) held back
    until the page has painted; then let them go and return {faces: how many faces loaded, held: how many
    responses were held, shifts: [{value, moved}]}. `rewrite`: (address pattern, function of the text), a
    response changed on its way."""
    context = chromium.new_context(viewport={"width": width, "height": 800})
    held, released = [], []

    def hold_back(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    def rewritten(route):
        response = route.fetch()
        route.fulfill(response=response, body=rewrite[1](response.text()))

    try:
        context.add_init_script(OBSERVE)
        context.route(re.compile(r"^https?://(?!127\.0\.0\.1|localhost)"), lambda route: route.abort())
        context.route(hold, hold_back)
        if rewrite:
            context.route(rewrite[0], rewritten)
        page = context.new_page()
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0")
        released.append(True)
        for route in held:
            route.continue_()
        return {**page.evaluate(SETTLED), "held": len(held)}
    finally:
        context.close()


def total(shifts: list[dict]) -> float:
    return sum(s["value"] for s in shifts)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("what", ["home", "article"])
@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_late_faces_move_the_page_less_than_the_budget(sample, served, chromium, lang, what, width):  # noqa: F811
    path = pages_of(sample, lang)[what]
    result = shifts_when_late(chromium, served + path.lstrip("/"), width, "**/*.woff2")
    assert result["held"] >= 2 and result["faces"] >= 2, result  # the faces were late, and then they were used
    assert total(result["shifts"]) < BUDGET, result["shifts"]


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_the_measure_fails_the_faces_without_their_fallbacks(served, chromium, lang):  # noqa: F811
    """The same measure on the theme as it was: the stylesheet's fallback faces taken out of its font stacks, the
    front page at phone width moves by more than the budget when the faces come late (0.29 in Arabic)."""
    stacks = (re.compile(r"/style\.\w+\.css$"), lambda css: re.sub(r'"Noto [A-Za-z ]+ fallback", ', "", css))
    result = shifts_when_late(chromium, served + f"{lang}/", 375, "**/*.woff2", stacks)
    assert result["held"] >= 2 and total(result["shifts"]) > BUDGET, result
