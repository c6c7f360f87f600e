"""The search fold (generator/search/fold.py): one table, read by the build for the index and by search.js
for the query. The Python rule alone (fast), then both readers on the same words in Chromium."""
from __future__ import annotations

import json

import pytest

from generator.search.fold import TABLE, fold_text, fold_token, fold_word, table_json
from tests import search_cases as cases
from tests.sites import article, run, write_site
from tests.support import tools


@pytest.mark.parametrize("written", ["والمدرسة", "بالمدرسة", "للمدرسة", "فالمدرسة", "كالمدرسة", "وبالمدرسة",
                                     "فللمدرسة", "مدرسة", "المَدْرَسَةُ", "ٱلْمَدْرَسَةُ", "الـــمدرسة", "«والمدرسة»،"])
def test_every_joined_prefix_folds_to_the_bare_word(written):
    assert fold_token(written) == fold_token("المدرسة") == "مدرسة"


def test_waw_alef_hamza_and_digits():
    assert fold_word("واحمد") == fold_word("أحمد") == fold_word("احمد") == "احمد"
    assert fold_word("2024") == fold_word("٢٠٢٤") == fold_word("۲۰۲۴") == "2024"  # the three digit sets are one
    assert fold_word("الإجتماعية") == fold_word("الاجتماعية")


def test_a_near_word_is_no_longer_a_prefix():
    """«المرأة» was folded to «مرا» by Pagefind's Snowball stemmer: a prefix of «مراكش», «مراكز», «مراقبة»."""
    woman = fold_word("المرأة")
    assert woman == fold_word("للمرأة") == fold_word("والمرأة") == "مراة"
    assert not any(fold_word(w).startswith(woman) for w in ("مراكش", "مراكز", "مراقبة"))


@pytest.mark.parametrize("word", ["كتاب", "لجنة", "وصل", "فقر", "بيت", "فريق", "وزن", "كلب"])
def test_a_first_letter_that_belongs_to_the_word_stays(word):
    assert fold_word(word) == word
    assert fold_word("للجنة") == fold_word("اللجنة") == "لجنة" != fold_word("الجنة")


def test_other_scripts_are_only_normalised():
    assert fold_word("Économie") == "économie" and fold_word("ﬁn") == "fin" and fold_word("ﻻزم") == "لازم"
    assert fold_word("والـ2024") == "وال2024"  # letters and digits mixed: not an Arabic word, no prefix taken


def test_the_folded_text_keeps_one_word_for_each_written_word():
    """Pagefind's word positions in the folded text must be those of the written text (its excerpts and
    matches are then shown on the written words): punctuation alone stays a word."""
    text = "قال أحمد — «والمدرسة» مغلقة، في ٢٠٢٤."
    assert fold_text(text).split() == ["قال", "احمد", "—", "مدرسة", "مغلقة", "في", "2024"]
    assert len(fold_text(text).split()) == len(text.split())


def test_the_table_is_json_and_what_search_js_gets():
    table = json.loads(table_json())
    assert table == json.loads(json.dumps(TABLE)) and table["prefix_languages"] == ["ar"]


@pytest.fixture(scope="module")
def search_page(tmp_path_factory):
    root = write_site(tmp_path_factory.mktemp("fold") / "site",
                      f"-- content/ar/2024/01/a.md --\n{article('خبر', '2024-01-10', 'نص.')}")
    run(root, search=True)
    return root / "output"


def test_search_js_folds_every_word_as_the_build_does(search_page):
    """Every word of the query set's articles and queries, and edge cases, through both readers."""
    words = {w for text in [*cases.AR_DOCS.values(), *cases.FR_DOCS.values()] for w in text.split()}
    words |= {w for case in [*cases.AR_CASES, *cases.FR_CASES] for w in case[0].split()}
    words |= {"ﻻ", "ﷲ", "İstanbul", "ٱلْمَدْرَسَةُ", "ـــمدرسة", "۱۲۳", "l’école", "(بالمغرب)", "—", "…", "2021-2026",
              "وللانتخابات", "فبالمدرسة", "ﷺ", "Ⅻ", "ǅ", "e\u0301cole", "\u0627\u0653", "اللّٰه"}
    words = sorted(words)
    with tools.browser() as browser, tools.serve_directory(search_page) as base:
        opened = tools.open_page(browser, base + "ar/search/")
        got = opened.page.evaluate("""async (words) => {
            const js = await import(document.querySelector('script[type="module"]').src);
            const fold = js.makeFold(JSON.parse(document.querySelector("form.search").dataset.fold));
            return words.map(fold.foldToken); }""", words)
        opened.close()
    assert len(words) > 400
    assert {w: g for w, g in zip(words, got) if g != fold_token(w)} == {}
