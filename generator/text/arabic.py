"""Arabic-aware text: tag identity, slugs, plain text, word counts, bidi isolation."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import quote

from markupsafe import Markup, escape

# Tashkeel (harakat, tanwin, shadda, sukun, superscript alef, Quranic marks) and tatweel.
TASHKEEL = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
TATWEEL = "\u0640"
ALEF_FOLD_FROM = "أإآٱ"
ALEF_FOLD = str.maketrans({c: "ا" for c in ALEF_FOLD_FROM})
SPACES = re.compile(r"\s+")
# What may not stand in a URL segment: anything but letters, marks, digits, "-" and "_".
SLUG_UNSAFE = re.compile(r"[^\w\-]+")
HYPHENS = re.compile(r"-{2,}")
# The one rule for the length of a slug (an article's, a tag's...), used by the build, `check` and `new`.
# A slug is one folder name on disk: file systems allow 255 bytes of UTF-8; keep room for "-2" de-duplication.
# That is 100 Arabic letters, or 200 Latin ones; percent-encoded in a link it is at most 600 bytes, far within
# what servers, CDNs and the sitemap protocol (2,048 characters a URL) accept.
SLUG_MAX_BYTES = 200


def strip_tashkeel(text: str) -> str:
    return TASHKEEL.sub("", text).replace(TATWEEL, "")


@lru_cache(maxsize=65536)
def identity(name: str) -> str:
    """The normalized form under which two spellings of one tag, section or author are one.

    NFKC; tashkeel and tatweel stripped; أ إ آ ٱ folded to ا; spaces trimmed and folded; Latin case-folded.
    """
    text = unicodedata.normalize("NFKC", name)
    text = strip_tashkeel(text).translate(ALEF_FOLD)
    text = SPACES.sub(" ", text).strip()
    return unicodedata.normalize("NFC", text.casefold())


COLLATION_FOLD = str.maketrans({"ٱ": "ا", "ة": "ت", "ى": "ي"})


@lru_cache(maxsize=65536)
def collation_key(name: str) -> str:
    """The key that puts names in alphabetical order, Arabic-aware: the first level of CLDR's Arabic
    collation (hamza on alef, waw or yeh sorts as the letter that carries it, ٱ as ا, ة as ت, ى as ي;
    tashkeel and tatweel are ignored), and Latin without accents or case. Sort by (key, name), so that two
    names with one key keep one order."""
    text = unicodedata.normalize("NFKD", strip_tashkeel(unicodedata.normalize("NFKC", name)).casefold())
    text = "".join(c for c in text if unicodedata.category(c) != "Mn").translate(COLLATION_FOLD)
    return SPACES.sub(" ", text).strip()


def slugify(text: str) -> str:
    """A URL segment that keeps Arabic: NFC, no tashkeel or tatweel, lower case, hyphens for the rest.

    Returns "" when nothing usable is left (a title of only punctuation). A slug longer than
    SLUG_MAX_BYTES in UTF-8 is cut (see `shorten`)."""
    return shorten(whole_slug(text))


def whole_slug(text: str) -> str:
    """`slugify(text)` before it is cut to SLUG_MAX_BYTES."""
    text = strip_tashkeel(unicodedata.normalize("NFKC", text)).lower()
    text = SLUG_UNSAFE.sub("-", text.replace("_", "-"))
    return unicodedata.normalize("NFC", HYPHENS.sub("-", text).strip("-"))


def shorten(slug: str) -> str:
    """A slug within SLUG_MAX_BYTES of UTF-8: cut at its last hyphen when one is in the second half, so
    whole words stay; else at the last letter that fits."""
    if len(slug.encode("utf-8")) <= SLUG_MAX_BYTES:
        return slug
    cut = slug.encode("utf-8")[:SLUG_MAX_BYTES].decode("utf-8", "ignore")
    if "-" in cut[len(cut) // 2:]:
        cut = cut[: cut.rindex("-")]
    return unicodedata.normalize("NFC", cut.strip("-"))


@lru_cache(maxsize=65536)
def url_quote(path: str) -> str:
    """Percent-encode a site path (UTF-8), keeping its slashes."""
    return quote(unicodedata.normalize("NFC", path), safe="/-_.~")


WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def word_count(text: str) -> int:
    """Words in plain text; an Arabic word with its attached و/ب/ال is one word, as readers count it."""
    return len(WORD.findall(strip_tashkeel(text)))


def cut_at_word(text: str, limit: int = 300) -> str:
    """`text` shortened to at most `limit` characters, at a word boundary, with an ellipsis if cut."""
    text = SPACES.sub(" ", text).strip()
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:،؛") + "…"


# A run of Latin-script text (with digits and the punctuation that lives inside such runs) that
# starts and ends with a Latin letter or digit, e.g. "Tanger Med", "COP22", "www.hcp.ma", "ISO 9001".
LATIN_RUN = re.compile(
    r"(?<![\w])(?:[A-Za-z\u00c0-\u024f][\w\u00c0-\u024f.@/:+&%'’-]*)"
    r"(?:[ \u00a0]+(?:[A-Za-z\u00c0-\u024f0-9][\w\u00c0-\u024f.@/:+&%'’-]*))*"
)
LATIN_RUN_END = re.compile(r"[.:,;'’/&+@-]+$")
# Where a run stops before a number: punctuation and a space, then a figure («Tanger Med: 10 ملايين»).
# The number is the Arabic sentence's («10 ملايين»), not the name's; "ISO 9001" and "COP 22" stay one run.
RUN_STOPS_BEFORE_NUMBER = re.compile(r"[.:,;!?]+[ \u00a0]+(?=\d)")
STRONG_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def latin_runs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each Latin run of `text` that right-to-left text isolates: the one rule of both
    homes of bidi isolation, the templates' `isolate` filter (isolate_latin) and the article body
    (content.markup). A run ends before its trailing punctuation and before punctuation that a number
    follows, which belong to the right-to-left sentence around it."""
    runs = []
    for match in LATIN_RUN.finditer(text):
        start, run = match.start(), match.group(0)
        for piece in RUN_STOPS_BEFORE_NUMBER.split(run)[:1]:  # what follows the stop is the sentence's
            trail = LATIN_RUN_END.search(piece)
            end = start + len(piece) - (len(trail.group(0)) if trail else 0)
            if end > start:
                runs.append((start, end))
    return runs


@lru_cache(maxsize=65536)
def isolate_latin(text: str) -> Markup:
    """Escape `text` and wrap each Latin run inside right-to-left text in <bdi>, so that
    neutral characters around it (colons, quotes, full stops) keep their right-to-left order."""
    if not STRONG_RTL.search(text):
        return Markup(escape(text))
    out, last = [], 0
    for start, end in latin_runs(text):
        out.append(escape(text[last:start]))
        out.append(Markup("<bdi>") + escape(text[start:end]) + Markup("</bdi>"))
        last = end
    out.append(escape(text[last:]))
    return Markup("").join(out)


def first_strong_is_latin(text: str) -> bool:
    for ch in text:
        bidi = unicodedata.bidirectional(ch)
        if bidi == "L":
            return True
        if bidi in ("R", "AL"):
            return False
    return False


def rtl_title(text: str, direction: str) -> str:
    """A title for <title> and og:title: in a right-to-left language, a title that starts with a Latin
    word is prefixed with RIGHT-TO-LEFT MARK so that tabs and share cards show it right to left."""
    if direction == "rtl" and first_strong_is_latin(text):
        return "\u200f" + text
    return text
