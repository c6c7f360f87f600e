"""French typography (text.typography) and the one rule of bidi runs (text.arabic.latin_runs), which the
templates' `isolate` filter and the article body share."""
from __future__ import annotations

import pytest

from generator.content.markup import render
from generator.text.arabic import isolate_latin
from generator.text.typography import typeset

N = "\u202f"


@pytest.mark.parametrize("text,expected", [
    ("Pourquoi ? Parce que!", f"Pourquoi{N}? Parce que{N}!"),
    ("Bilan : 10 millions", f"Bilan{N}: 10 millions"),
    ("à 10:30 sur https://x.ma/?q=a", "à 10:30 sur https://x.ma/?q=a"),
    ("« Tanger Med » et «Tanger Med»", f"«{N}Tanger Med{N}» et «{N}Tanger Med{N}»"),
    ("l'année d'aujourd'hui", "l’année d’aujourd’hui"),
    ("Trois choses ; &amp; puis", f"Trois choses{N}; &amp; puis"),
])
def test_french_spaces_and_apostrophes(text, expected):
    assert typeset(text, "fr") == typeset(text, "fr-MA") == expected
    assert typeset(text, "ar") == text  # another language's text is left as it is


def test_an_article_body_gets_its_language_typography_but_code_does_not():
    html = render("Bilan : l'année ?\n\n`l'code ?`\n", False, "fr").html
    assert f"Bilan{N}: l’année{N}?" in html and "<code dir=\"ltr\">l'code ?</code>" in html
    assert "Bilan : l'année ?" in render("Bilan : l'année ?", False, "en").html


@pytest.mark.parametrize("text,isolated", [
    ("Tanger Med: 10 ملايين حاوية", "<bdi>Tanger Med</bdi>: 10 ملايين حاوية"),
    ("Tanger Med, 2024 سنة", "<bdi>Tanger Med</bdi>, 2024 سنة"),
    ("شهادة ISO 9001 الدولية", "شهادة <bdi>ISO 9001</bdi> الدولية"),
    ("السيد M. Dupont قال", "السيد <bdi>M. Dupont</bdi> قال"),
    ("موقع www.hcp.ma.", "موقع <bdi>www.hcp.ma</bdi>."),
])
def test_a_latin_run_leaves_the_number_after_its_punctuation_to_the_arabic_sentence(text, isolated):
    assert str(isolate_latin(text)) == isolated
    body = render(text, True).html  # the article body isolates the same runs
    assert body == f"<p>{isolated}</p>"
