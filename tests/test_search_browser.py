"""The search page in headless Chromium: on the sample magazine, and on a small site of spelling cases."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

import pytest

from generator.search.fold import fold_token
from tests.sites import article, run, write_site
from tests.support import tools

ROOT = Path(__file__).resolve().parents[1]

# One article writes each word with hamza, tashkeel or tatweel, the other without; a third matches nothing.
SPELLINGS = {
    "content/ar/2024/01/marked.md": article("خبر أول", "2024-01-10", "ٱلْمَدْرَسَةُ الإجتماعية في مـــكناس، ويحضر أحمد.",
                                            section="مجتمع"),
    "content/ar/2024/02/plain.md": article("خبر ثان", "2024-02-10", "المدرسة الاجتماعية في مكناس، ويغيب احمد.",
                                           section="اقتصاد"),
    "content/ar/2024/03/other.md": article("خبر ثالث", "2024-03-10", "لا علاقة لهذا النص بشيء.", section="اقتصاد"),
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory, sample):
    base = tmp_path_factory.mktemp("search")
    spellings = write_site(base / "spellings", "".join(f"-- {p} --\n{t}" for p, t in SPELLINGS.items()))
    run(spellings, search=True)
    unindexed = write_site(base / "unindexed", "".join(f"-- {p} --\n{t}" for p, t in SPELLINGS.items()))
    run(unindexed)
    return {"sample": sample, "spellings": spellings / "output", "unindexed": unindexed / "output"}


@pytest.fixture(scope="module")
def chromium():
    with tools.browser() as b:
        yield b


def open_search(chromium, base, path):
    opened = tools.open_page(chromium, base + path)
    opened.page.wait_for_selector(".search-results[aria-busy=false]", state="attached")
    return opened


def ask(page, query: str) -> list[dict]:
    page.fill("#search-q", query)
    return results(page)


def results(page) -> list[dict]:
    page.wait_for_selector(".search-results[aria-busy=false]", state="attached")
    return page.eval_on_selector_all(".search-result", """items => items.map(li => ({
        url: li.querySelector("h2 a").getAttribute("href"), title: li.querySelector("h2 a").textContent,
        date: li.querySelector("time")?.getAttribute("datetime"), section: li.querySelector(".search-section")?.textContent,
        excerpt: li.querySelector(".search-excerpt").innerHTML}))""")


def test_arabic_search_filters_and_accessibility(sites, chromium):
    with tools.serve_directory(sites["sample"]) as base:
        opened = open_search(chromium, base, "ar/search/")
        page = opened.page
        everything = ask(page, "الاجتماعية")
        assert len(everything) >= 3
        assert all(unquote(r["url"]).startswith("/ar/") for r in everything), everything  # no French ones
        # it writes «الإجتماعية» (and the query does not)
        assert "الإجتماعية" in (ROOT / "content/ar/2024/06/care-economy-conference.md").read_text(encoding="utf-8")
        assert "/ar/2024/06/care-economy-conference/" in [r["url"] for r in everything]
        for r in everything:
            assert r["title"] and re.match(r"\d{4}-\d\d-\d\d", r["date"]) and r["section"]
            assert "<mark>" in r["excerpt"]
        assert page.inner_text(".search-status") == f"{len(everything)} نتائج"
        assert tools.run_axe(page) == []

        page.select_option("#search-section", "مجتمع")
        society = results(page)
        assert 0 < len(society) < len(everything)
        assert {r["section"] for r in society} == {"مجتمع"}
        assert {r["url"] for r in society} < {r["url"] for r in everything}
        page.select_option("#search-year", "2024")
        both = results(page)
        assert both and all(r["date"].startswith("2024") and r["section"] == "مجتمع" for r in both)
        page.fill("#search-q", "")  # a filter alone lists its articles
        listed = results(page)
        assert len(listed) >= len(both) and all(r["date"].startswith("2024") for r in listed)
        assert "section=" in unquote(page.url) and "year=2024" in page.url

        page.set_viewport_size({"width": 390, "height": 844})
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        assert opened.external_requests == [] and opened.console_errors == []
        opened.close()


def test_french_page_searches_the_french_index(sites, chromium):
    with tools.serve_directory(sites["sample"]) as base:
        opened = open_search(chromium, base, "fr/search/")
        found = ask(opened.page, "sociale")
        assert found and all(r["url"].startswith("/fr/") for r in found)
        assert ask(opened.page, "الاجتماعية") == []
        assert opened.external_requests == [] and opened.console_errors == []
        opened.close()


def test_header_box_leads_to_the_search_page(sites, chromium):
    with tools.serve_directory(sites["sample"]) as base:
        opened = tools.open_page(chromium, base + "ar/")
        assert not opened.page.evaluate("[...document.scripts].some(s => /pagefind|search/.test(s.src))")
        opened.page.fill("#search-box-q", "الحماية")
        opened.page.press("#search-box-q", "Enter")
        opened.page.wait_for_url(re.compile(r"/ar/search/\?q="))
        found = results(opened.page)
        assert found and opened.page.input_value("#search-q") == "الحماية"
        assert opened.external_requests == [] and opened.console_errors == []
        opened.close()


def test_hamza_tashkeel_and_tatweel_match_both_ways_and_the_query_is_folded_alike(sites, chromium):
    with tools.serve_directory(sites["spellings"]) as base:
        opened = open_search(chromium, base, "ar/search/")
        for query in ["المدرسة", "ٱلمدرسة", "المَدْرَسَة", "الإجتماعية", "الاجتماعية", "مكناس", "مـكناس", "أحمد",
                      "احمد", "ٱلْمَدْرَسَةُ الاجتماعية"]:
            found = ask(opened.page, query)
            assert sorted(r["url"] for r in found) == ["/ar/2024/01/marked/", "/ar/2024/02/plain/"], query
            marked = next(r for r in found if r["url"] == "/ar/2024/01/marked/")
            assert "ٱلْمَدْرَسَةُ" in marked["excerpt"] and "مـــكناس" in marked["excerpt"], query  # the original text
            assert "<mark>" in marked["excerpt"], query
        assert ask(opened.page, "غائب") == []
        for r in ask(opened.page, "مكناس"):  # «مكناس،»: the comma is not part of the highlight
            assert re.search(r"<mark>مـ*كناس</mark>،", r["excerpt"]) and "،</mark>" not in r["excerpt"], r
        src = opened.page.get_attribute('script[type="module"]', "src")
        shown = opened.page.evaluate("""async (src) => (await import(src)).excerpt(
            {content: "قال: «والمدرسة»، (2024) و... انتهى", locations: [1, 2, 3]})""", src)
        assert shown == "قال: «<mark>والمدرسة</mark>»، (<mark>2024</mark>) <mark>و</mark>... انتهى"
        samples = ["الإجتماعيّة", "الـــمرأة", "ٱلرحمن", "آمال", "Économie", "ﻻزم", "كِتَابٌ", "ﷺ", "١٢", "«والمدرسة»"]
        folded = opened.page.evaluate("""async ([src, samples]) => {
            const fold = (await import(src)).makeFold(JSON.parse(document.querySelector("form.search").dataset.fold));
            return samples.map(fold.foldToken); }""", [src, samples])
        assert folded == [fold_token(s) for s in samples]  # the query is folded as the index was
        assert opened.external_requests == [] and opened.console_errors == []
        opened.close()


def test_search_markup_is_valid(sites):
    """The sample's pages are checked by test_site_validation; here the search pages of the other two sites."""
    pages = [sites[name] / lang / "search/index.html" for name in ("spellings", "unindexed") for lang in ("ar", "fr")]
    assert tools.validate_html([*pages, sites["spellings"] / "ar/2024/01/marked/index.html"]) == []


def test_without_an_index_the_page_says_so(sites, chromium):
    with tools.serve_directory(sites["unindexed"]) as base:
        opened = tools.open_page(chromium, base + "ar/search/")
        opened.page.wait_for_function("document.querySelector('.search-status').textContent.includes('فهرس البحث')")
        opened.close()


def test_a_language_without_articles_says_there_is_nothing_to_search(sites, chromium):
    """The spelling site has no French article: its French search page asks no index (Pagefind would
    answer from the Arabic one) and says so, in French, valid and accessible."""
    page = sites["spellings"] / "fr/search/index.html"
    assert tools.validate_html([page]) == []
    with tools.serve_directory(sites["spellings"]) as base:
        opened = tools.open_page(chromium, base + "fr/search/")
        assert opened.page.text_content(".search-status") == \
            "Rien à rechercher pour l’instant\u202f: aucun article n’a encore été publié."
        assert opened.page.evaluate("document.querySelectorAll('script[src], form.search').length") == 0
        assert opened.page.evaluate("getComputedStyle(document.documentElement).direction") == "ltr"
        assert tools.run_axe(opened.page) == [] and opened.console_errors == [] and opened.external_requests == []
        opened.close()
