"""The search fold: the one form under which a word is indexed and asked for, in every language.

A word is NFKC-normalised; tashkeel and tatweel go; أ إ آ ٱ are ا; the Arabic-Indic and Persian digits are
ASCII ones (so «2024», «٢٠٢٤» and «۲۰۲۴» are one word), the typographic apostrophe the ASCII one; Latin is
lower-cased. A word made only of Arabic letters then loses its proclitics: و ف (and), ب ك ل (with, like, for)
and ال (the), alone or combined, as long as enough letters remain that the rest is still a word (so كتاب,
لجنة, وصل, فقر keep their first letter). ة is kept: stripping it is what made «المرأة» a prefix of «مراكش».
Because index and query are folded alike, an odd stem is harmless («وزارة», «الوزارة», «بوزارة» are all
«زارة»).

The rule is data (TABLE): the search page carries it as JSON and search.js applies it to the query the
same way (tests/test_search_fold.py runs both readers on the same words). Compared on the issue-19 query
set, this rule beat the maintained stemmers (Snowball Arabic, ISRI, Tashaphyne, qalsadi): they either miss
«و»+word or conflate near words (teachers with school, «مرا» inside «مراكش»); see benchmarks/README.md."""
from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from functools import lru_cache

TABLE = {
    "version": 2,
    # harakat, tanwin, shadda, sukun, superscript alef, Quranic marks, tatweel: the ranges of text.arabic
    "tashkeel": "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u0640]",
    "map": {**{c: "\u0627" for c in "\u0623\u0625\u0622\u0671"},
            **{chr(0x660 + i): str(i) for i in range(10)}, **{chr(0x6f0 + i): str(i) for i in range(10)},
            "\u2019": "'"},  # French typography writes «l’école»: indexed and asked for as «l'école»
    "stem_if": "^[\u0621-\u064a]+$",  # only words of Arabic letters lose proclitics
    # (prefix, letters that must remain after it): tried in order, again and again, until none applies
    "proclitics": [["^[وف]?[بك]?ال", 3], ["^[وف]?لل", 4], ["^[وفبكل]", 4]],
    # languages indexed as folded, unstemmed words: a genuine match of a query word starts with it
    "prefix_languages": ["ar"],
    # what a word may carry before and after it that is not part of it (quotes, brackets, commas)
    "edges": "^[^\\p{L}\\p{M}\\p{N}]+|[^\\p{L}\\p{M}\\p{N}]+$",
}
TASHKEEL = re.compile(TABLE["tashkeel"])
MAP = str.maketrans(TABLE["map"])
STEM_IF = re.compile(TABLE["stem_if"])
RULES = tuple((re.compile(pattern), keep) for pattern, keep in TABLE["proclitics"])


def table_json() -> str:
    """The table as search.js reads it (the search page's data-fold), ASCII-escaped (an Arabic page shows
    Western digits only; the digits folded away are in the table)."""
    return json.dumps(TABLE, ensure_ascii=True, separators=(",", ":"), sort_keys=True)


TABLE_DIGEST = hashlib.sha256(table_json().encode()).hexdigest()[:16]  # in every search record's digest


@lru_cache(maxsize=1 << 17)
def fold_word(word: str) -> str:
    """The searched form of one word (no spaces in it)."""
    w = unicodedata.normalize("NFC", TASHKEEL.sub("", unicodedata.normalize("NFKC", word))).translate(MAP).lower()
    if not STEM_IF.match(w):
        return w
    while True:
        for rx, keep in RULES:
            m = rx.match(w)
            if m and len(w) - m.end() >= keep:
                w = w[m.end():]
                break
        else:
            return w


def strip_edges(word: str) -> str:
    """The word without the punctuation around it; combining marks (tashkeel) are part of the word."""
    start, end = 0, len(word)
    while start < end and not in_word(word[start]):
        start += 1
    while end > start and not in_word(word[end - 1]):
        end -= 1
    return word[start:end]


def in_word(char: str) -> bool:
    """A letter, a mark or a number: TABLE["edges"]'s \\p{L}\\p{M}\\p{N} (Python's re has no \\p)."""
    return unicodedata.category(char)[0] in "LMN"


def fold_text(text: str) -> str:
    """One folded word for each whitespace-separated word of `text`, so that Pagefind's word positions in
    the folded text are those of the text as written (its excerpts are then cut from the written text).
    A word of punctuation only is kept as it is: Pagefind counts it as a position too."""
    return " ".join(fold_token(w) for w in text.split())


@lru_cache(maxsize=1 << 17)
def fold_token(token: str) -> str:
    core = strip_edges(token)
    return fold_word(core) if core else token
