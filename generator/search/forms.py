"""The search forms of an article page (the `search_forms` filter of partials/search-index.html): every word
whose Arabic-folded form (text.arabic.fold: no tashkeel, tatweel or hamza on alef) differs from how it is
written, so that Pagefind finds the word as a reader may type it. The search page folds the query the same
way (search.js) and cuts its excerpts before FORMS_MARK, so they show the text as written."""
from __future__ import annotations

import re
import unicodedata

from markupsafe import Markup

from ..text.arabic import ALEF_FOLD_FROM, TASHKEEL, TATWEEL, fold

FORMS_MARK = "⁂"  # starts the search forms in the indexed text; search.js cuts excerpts before it
MARKS = "\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"  # combining marks: part of a word
EDGES = re.compile(rf"^[^\w{MARKS}]+|[^\w{MARKS}]+$")
FOLDED_AWAY = re.compile(f"{TASHKEEL.pattern}|[{TATWEEL}{ALEF_FOLD_FROM}]")  # what fold() changes


def search_forms(*texts) -> str:
    """The folded forms of the words of `texts` (plain text or HTML) that are written otherwise,
    once each, in order, after FORMS_MARK; "" when there are none."""
    seen, forms = set(), []
    for text in texts:
        plain = Markup(text).striptags() if isinstance(text, Markup) else str(text)
        for token in dict.fromkeys(plain.split()):
            if FOLDED_AWAY.search(token) is None and unicodedata.is_normalized("NFKC", token):
                continue  # fold() would leave it as it is (most words: a page has hundreds)
            folded = EDGES.sub("", fold(token))
            if folded and folded != EDGES.sub("", unicodedata.normalize("NFC", token)) and folded not in seen:
                seen.add(folded)
                forms.append(folded)
    return f"{FORMS_MARK} {' '.join(forms)}" if forms else ""
