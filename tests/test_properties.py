"""Properties that hold for any input (hypothesis): slugs, tag identity, front-matter parsing, URLs."""
from __future__ import annotations

import unicodedata
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.content.articles import ParseSettings, parse
from generator.config import Config, Language
from generator.text.arabic import SLUG_MAX_BYTES, cut_at_word, identity, slugify, url_quote, whole_slug
from generator.content.urls import Urls

# no deadline, no "too slow" health check: the suite runs on loaded machines, in parallel
checked = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text a writer (or a hostile file) may hold: any code point, with Arabic, marks and separators well represented.
ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
PRESENTATION = st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF)  # ligatures, NFKC-expanding forms
TRICKY = st.sampled_from(list("/\\.\0\t\n\r %?#&<>\"'`~-_\u200c\u200d\u200f\u202e\u0640\u064b\ufeff\u00a0İßﷺ"))
ANY = st.characters(codec="utf-8")  # every code point UTF-8 can hold
TEXT = st.text(st.one_of(ARABIC, PRESENTATION, TRICKY, ANY), max_size=120)
UNSAFE_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp"}

SETTINGS = ParseSettings("Africa/Casablanca", (("ar", "rtl"), ("fr", "ltr")))


def config(base_url: str) -> Config:
    return Config(root=Path("."), title="t", base_url=base_url, default_language="ar", timezone="Africa/Casablanca",
                  theme="majalla", per_page=2, languages=(Language("ar", "العربية", "rtl", "ar_MA", "t"),))


def assert_safe_segment(slug: str) -> None:
    assert slug not in (".", "..")
    assert not set(slug) & set("/\\\0")
    assert not any(unicodedata.category(ch) in UNSAFE_CATEGORIES for ch in slug), ascii(slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert len(slug.encode("utf-8")) <= SLUG_MAX_BYTES
    assert slug == unicodedata.normalize("NFC", slug)
    assert not slug or PurePosixPath(slug).parts == (slug,)


# ---- slugs -----------------------------------------------------------------------------------------
@checked
@given(TEXT)
@example("../../etc/passwd")
@example("ﷺ" * 40)
@example("ب" * 300)
@example("a\u0301" * 150)
def test_slug_is_one_safe_segment(text):
    slug = slugify(text)
    assert_safe_segment(slug)
    assert slugify(slug) == slug  # idempotent: a slug given as `slug:` stays what it is
    assert whole_slug(slug) == slug  # and is not cut again, so the build does not warn of it (`new` writes it)


@checked
@given(TEXT)
def test_slug_round_trips_through_percent_encoding(text):
    slug = slugify(text)
    quoted = url_quote(slug)
    assert quoted.isascii() and all(ch.isalnum() or ch in "%-_.~" for ch in quoted)
    assert unquote(quoted) == slug


@checked
@given(TEXT, st.sampled_from(["https://example.ma/", "https://example.github.io/magazine/"]))
def test_article_url_stays_inside_output(text, base_url):
    slug = slugify(text) or "x"
    urls = Urls(config(base_url))
    path = urls.path("ar", "2024", "06", slug)
    out = Path("/srv/output")
    target = out / urls.file(path)
    assert target.resolve().is_relative_to(out) and target.name == "index.html"
    assert target.parent.name == slug and target.parent.parent == out / "ar" / "2024" / "06"
    link = urls.link(path)
    assert link.isascii() and unquote(link) == path
    assert urls.absolute(path) == "https://" + base_url.split("/")[2] + link


# ---- tag identity ----------------------------------------------------------------------------------
@checked
@given(TEXT)
@example("الحماية الإجتماعية")
@example("ﷺ")
@example("\u0130")
def test_identity_is_idempotent(text):
    key = identity(text)
    assert identity(key) == key
    assert key == key.strip() and "  " not in key


@checked
@given(st.lists(st.sampled_from(["أ", "إ", "آ", "ٱ", "ا"]), min_size=1, max_size=5), st.text(ARABIC, max_size=10))
def test_identity_folds_alef_and_tashkeel_and_tatweel(alefs, rest):
    spelled = "".join(alefs) + rest
    plain = "ا" * len(alefs) + rest
    assert identity(spelled) == identity(plain)
    assert identity(spelled.replace("ا", "اَ", 1) + "\u0640") == identity(plain)


# ---- front matter ----------------------------------------------------------------------------------
@checked
@given(st.binary(max_size=400))
@example(b"---\n---\n")
@example(b"---\ntitle: [\n---\n")
@example(b"\xef\xbb\xbf---\ntitle: x\ndate: 2024-01-01\n---\n")
def test_any_bytes_parse_without_an_exception(data):
    result = parse(data, "content/ar/x.md", "ar", SETTINGS)
    errors = [p for p in result.problems if not p.warning]
    assert (result.article is None) == bool(errors)
    assert all(p.path == "content/ar/x.md" and p.line >= 0 and p.message for p in result.problems)


@checked
@given(st.text(st.one_of(TRICKY, ARABIC, st.sampled_from(list("-:[]{}!&*|>'\"#\n "))), max_size=200))
def test_any_front_matter_parses_without_an_exception(text):
    data = f"---\n{text}\n---\nنص.\n".encode()
    result = parse(data, "content/ar/x.md", "ar", SETTINGS)
    assert (result.article is None) == any(not p.warning for p in result.problems)


@checked
@given(TEXT, st.lists(TEXT, max_size=4))
@example("\u0600\x85\u0600", [])  # PyYAML dumps a NEL as a line break, which it then reads as a space
def test_front_matter_values_round_trip(title, tags):
    front = yaml.safe_dump({"title": title, "date": "2024-06-26", "tags": tags}, allow_unicode=True)
    written = yaml.safe_load(front)  # what the file says: not always the dumped values (the NEL above)
    result = parse(f"---\n{front}---\nنص.\n".encode(), "content/ar/x.md", "ar", SETTINGS)
    clean = lambda s: unicodedata.normalize("NFC", s).strip()  # noqa: E731
    if result.article is None:
        assert (not clean(written["title"]) or not all(clean(t) for t in written["tags"])
                or any(sep in t for t in written["tags"] for sep in "،؛;"))  # two tags meant: an error (issue 17)
        return
    assert result.article.title == clean(written["title"])
    assert result.article.tags == tuple(clean(t) for t in written["tags"])


@checked
@given(TEXT, st.integers(min_value=10, max_value=400))
def test_cut_at_word_respects_the_limit(text, limit):
    cut = cut_at_word(text, limit)
    assert len(cut) <= limit + 1


# ---- the quick inline processor: the same HTML as Python-Markdown's own ----------------------------
MARKDOWN_BITS = st.sampled_from([
    "نص", "Texte", " ", "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "``", "\\", "[", "]", "(", ")", "!",
    "<", ">", "&", "&amp;", "&#1604;", "#", "- ", "1. ", "> ", "[^1]", "[^1]: ملاحظة", "<b>", "</b>",
    "<https://example.ma>", "<a@b.ma>", "[رابط](https://example.ma)", "![صورة](a.jpg)", "{: .x }", "|", "---",
    "ـ", "\u064e", "é", "Rabat 2024", "~~~", "```",
])


@checked
@given(st.lists(MARKDOWN_BITS, max_size=40).map("".join), st.booleans())
def test_quick_inline_processing_changes_nothing(source, rtl):
    import markdown.treeprocessors

    from generator.content import markup

    quick = markup.converter(rtl)
    stock = markup.converter(rtl)
    stock.treeprocessors.register(markdown.treeprocessors.InlineProcessor(stock), "inline", 20)
    assert quick.convert(source) == stock.convert(source)


def test_the_quick_inline_processor_knows_every_inline_pattern():
    """A new extension with inline patterns of its own must add what they start with to INLINE_MARKUP."""
    from generator.content import markup

    for rtl in (True, False):
        assert {item.name for item in markup.converter(rtl).inlinePatterns._priority} == set(markup.INLINE_PATTERNS)


@checked
@given(TEXT, st.lists(TEXT, max_size=4), st.dictionaries(st.sampled_from(["slot", "until"]), TEXT, max_size=2))
@example("2030", ["yes", "2024-06-26", "a, b", "[x]"], {"until": "2025-07-01"})
def test_the_front_matter_writer_round_trips_through_the_reader(title, tags, pin):
    """content/front_matter.py (what `new` and `import-wordpress` write), read as the build reads front matter
    (no implicit timestamps): the same values. Line breaks YAML folds (a NEL, U+2028) are left to the writer's
    own quoting: what is read is what the file says."""
    from generator.content.front_matter import FrontMatterLoader
    from generator.content.front_matter import front_matter

    meta = {"title": title, "date": "2024-06-26T10:00:00+01:00", "tags": tags, "pinned": pin, "breaking": True}
    text = front_matter(meta)
    assert text.startswith("---\n") and text.endswith("\n---\n")
    breaks = ("\x85", "\u2028", "\u2029", "\r", "\ufeff")
    if any(b in v for v in (title, *tags, *pin.values()) for b in breaks):
        return
    assert yaml.load(text[4:-4], FrontMatterLoader) == meta
