"""French typography of a text as writers type it: a narrow no-break space (U+202F) before « : ; ? ! » and
inside « », and the typographic apostrophe. What a French reader expects of a newspaper (Lexique des règles
typographiques en usage à l'Imprimerie nationale), and what keeps «?» from starting a line on a phone.

Only the language's own conventions: other languages' text is returned as it is."""
from __future__ import annotations

import re
from functools import lru_cache

NNBSP = "\u202f"
# A space, or none, before «?» and «!» ending a word: «Pourquoi ?», «Pourquoi?». Not inside a word or an
# address (?q=): the mark is followed by a space, a closing mark or the end.
HIGH_MARK = re.compile(r"(?<=[\w)\]»…%])[ \u00a0]?([?!]+)(?=[\s»)\]]|$)")
# «:» and «;» only after a space the writer typed: «Bilan : 10 millions», never «10:30», «https:» or «&amp;».
COLON = re.compile(r"(?<=[\w)\]»…%])[ \u00a0]([:;])(?=\s|$)")
GUILLEMET_OPEN = re.compile(r"«[ \u00a0]?(?=\S)")
GUILLEMET_CLOSE = re.compile(r"(?<=\S)[ \u00a0]?»")
APOSTROPHE = re.compile(r"(?<=[^\W\d_])'(?=[^\W\d_])")  # l'instant, aujourd'hui: between two letters only


@lru_cache(maxsize=65536)
def french(text: str) -> str:
    """`text` set in French: «Pourquoi ?», « Tanger Med », l’année."""
    if not text:
        return text
    text = APOSTROPHE.sub("’", text)
    text = HIGH_MARK.sub(lambda m: NNBSP + m.group(1), text)
    text = COLON.sub(lambda m: NNBSP + m.group(1), text)
    text = GUILLEMET_OPEN.sub("«" + NNBSP, text)
    return GUILLEMET_CLOSE.sub(NNBSP + "»", text)


def has_rules(lang: str) -> bool:
    """Whether `lang` (`fr`, `fr-MA`, `fr_CA`…) has typography rules here."""
    return lang.split("-")[0].split("_")[0].lower() == "fr"


def typeset(text: str | None, lang: str) -> str | None:
    """`text` with the typography of `lang`; unchanged in a language without rules."""
    if text and has_rules(lang):
        return french(text)
    return text
