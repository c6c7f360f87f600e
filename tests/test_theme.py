"""The majalla theme without a browser: its stylesheet, fonts, UI strings and the pages it makes."""
from __future__ import annotations

import gzip
import re
import tomllib
from html import unescape
from pathlib import Path
from urllib.parse import quote

import pytest

from generator.config import load as load_config
from generator.errors import BuildError
from generator.pages.cards import reading_minutes
from generator.theme.strings import load_strings
from tests.sample import article_path
from tests.sites import article, read, run, write_site

THEME = Path(__file__).resolve().parent.parent / "themes" / "majalla"
CSS_FILES = sorted((THEME / "static").rglob("*.css"))
COMMENT = re.compile(r"/\*.*?\*/", re.S)
DIRECTION_WORD = re.compile(r"(^|-)(left|right|top|bottom)($|-)")
DIRECTION_VALUE = re.compile(r"\b(left|right|top|bottom)\b", re.I)


def physical_properties(css: str) -> list[str]:
    """Declarations that name a physical side: margin-left, border-bottom-width, top, text-align: right..."""
    found = []
    for block in re.findall(r"\{([^{}]*)\}", COMMENT.sub("", css)):
        for declaration in block.split(";"):
            if ":" not in declaration:
                continue
            name, value = (part.strip() for part in declaration.split(":", 1))
            if DIRECTION_WORD.search(name.lower()):
                found.append(name)
            elif DIRECTION_VALUE.search(value):
                found.append(f"{name}: {value}")
    return found


# ---- the stylesheet -------------------------------------------------------------------------------
def test_checker_finds_physical_properties():
    found = physical_properties("a { margin-left: 1px; text-align: right; top: 0; border-bottom-width: 1px }"
                                "/* left in a comment is fine */ b { inset-inline-start: 0; margin-block-end: 0 }")
    assert found == ["margin-left", "text-align: right", "top", "border-bottom-width"]


def test_stylesheet_and_templates_use_logical_properties_only():
    assert CSS_FILES
    for path in CSS_FILES:
        assert physical_properties(path.read_text(encoding="utf-8")) == [], path
    templates = sorted((THEME / "templates").rglob("*.html"))
    assert len(templates) > 10
    for path in templates:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\b(left|right)\b", text), path
        assert "style=" not in text, f"{path}: put styles in the stylesheet"


def font_faces(css: str) -> list[dict]:
    faces = []
    for block in re.findall(r"@font-face\s*\{(.*?)\}", COMMENT.sub("", css), re.S):
        faces.append({k.strip(): v.strip() for k, v in re.findall(r"([\w-]+)\s*:\s*([^;]+);?", block)})
    return faces


def test_fonts_are_self_hosted_subset_woff2_within_budget():
    css = (THEME / "static" / "style.css").read_text(encoding="utf-8")
    assert not re.search(r"https?://|//fonts\.", COMMENT.sub("", css)), "no font from a CDN"
    faces = [f for f in font_faces(css) if "url(" in f["src"]]  # ours; the others are the reader's (below)
    families = {f["font-family"].strip('"') for f in faces}
    assert {"Noto Naskh Arabic", "Noto Kufi Arabic", "Noto Serif"} <= families
    used = set()
    for face in faces:
        assert face["font-display"] == "swap", face
        assert face.get("unicode-range"), face
        url = re.search(r"url\(([^)]+)\)", face["src"]).group(1).strip("'\"")
        assert url.endswith(".woff2") and (THEME / "static" / url).is_file(), url
        used.add(url)
    fonts = sorted((THEME / "static" / "fonts").glob("*.woff2"))
    assert {f"fonts/{p.name}" for p in fonts} == used, "ship only the font files the stylesheet uses"
    assert sum(p.stat().st_size for p in fonts) <= 215_000
    for family in ("noto-naskh-arabic", "noto-kufi-arabic", "noto-serif"):
        assert "SIL Open Font License" in (THEME / "static" / "fonts" / f"OFL-{family}.txt").read_text(encoding="utf-8")



def test_each_face_stands_in_for_ours_while_it_loads_and_only_then():
    """A local face sized to ours follows each of our families in every font stack (the late faces of
    tests/test_theme_shifts_browser.py), within the characters ours draw: never a download, never the face of
    a character our faces leave to the next family."""
    css = COMMENT.sub("", (THEME / "static" / "style.css").read_text(encoding="utf-8"))
    ours = {f["font-family"].strip('"'): f for f in font_faces(css) if "url(" in f["src"]}
    fallbacks = [f for f in font_faces(css) if "url(" not in f["src"]]
    assert {f["font-family"].strip('"') for f in fallbacks} == {f"{family} fallback" for family in ours}
    for face in fallbacks:
        assert re.fullmatch(r'local\("[^"]+"\)(,\s*local\("[^"]+"\))*', face["src"]), face
        own = [f for f in font_faces(css) if f.get("font-family") == face["font-family"].replace(" fallback", "")]
        ranges = {r.strip() for f in own for r in f["unicode-range"].split(",")}
        assert {r.strip() for r in face["unicode-range"].split(",")} <= ranges, face
    stacks = re.findall(r"--font-\w+:\s*([^;]+);", css)
    assert len(stacks) == 6
    for stack in stacks:
        names = [n.strip().strip('"') for n in stack.split(",")]
        assert [names[n + 1] for n, name in enumerate(names) if name in ours] == \
            [f"{name} fallback" for name in names if name in ours], stack

def test_arabic_text_is_never_letter_spaced_and_body_is_large():
    css = COMMENT.sub("", (THEME / "static" / "style.css").read_text(encoding="utf-8"))
    assert "letter-spacing" not in css
    sizes = re.findall(r"--size-body:\s*([\d.]+)rem", css)  # Latin pages, then right-to-left pages
    assert len(sizes) == 2 and all(float(v) * 16 >= 18 for v in sizes), sizes


# ---- the built sample magazine ------------------------------------------------------------------
def test_assets_are_fingerprinted_and_fonts_rewritten(sample):
    page = (sample / "ar" / "index.html").read_text(encoding="utf-8")
    href = re.search(r'<link rel="stylesheet" href="(/assets/style\.[0-9a-f]{10}\.css)">', page).group(1)
    css = (sample / href.lstrip("/")).read_text(encoding="utf-8")
    fonts = re.findall(r"url\(([^)]+)\)", css)
    assert fonts and all(re.fullmatch(r"/assets/fonts/[\w-]+\.[0-9a-f]{10}\.woff2", f) for f in fonts), fonts
    assert all((sample / f.lstrip("/")).is_file() for f in fonts)


def test_article_page_weighs_at_most_60_kb_compressed(sample):
    css = next((sample / "assets").glob("style.*.css")).read_bytes()
    articles = [p for p in (sample / "ar").glob("*/*/*/index.html")] + list((sample / "fr").glob("*/*/*/index.html"))
    assert articles
    heaviest = max(articles, key=lambda p: p.stat().st_size)
    weight = len(gzip.compress(heaviest.read_bytes())) + len(gzip.compress(css))
    assert weight <= 60_000, (heaviest, weight)


def test_no_scripts_but_json_ld(sample):
    """Reading needs no JavaScript: only the search pages load a script (Pagefind's, and the query folding)."""
    pages = [p for p in sample.rglob("*.html") if p.parent.name != "search"]
    assert len(pages) > 50
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert 'type="application/ld+json"' in tag, (page, tag)


def test_arabic_pages_use_western_digits(sample):
    html = (sample / "ar" / "archive" / "index.html").read_text(encoding="utf-8")
    assert "2025" in html and "2024" in html
    for page in (sample / "ar").rglob("*.html"):
        assert not re.search("[\u0660-\u0669\u06f0-\u06f9]", page.read_text(encoding="utf-8")), page


def test_sample_article_page_parts(sample):
    path = article_path(sample, "ar", "tanger-med-record-2024")
    html = (sample / path.lstrip("/") / "index.html").read_text(encoding="utf-8")
    assert 'class="breadcrumb"' in html and 'href="/ar/"' in html and quote("/ar/sections/اقتصاد/") in html
    assert '<span class="dateline">طنجة</span>' in html and 'datetime="2025-01-14T09:30:00+01:00"' in html
    assert 'rel="author"' in html and "للقراءة" in html
    assert "<figcaption>" in html and 'class="lead-image"' in html
    assert 'rel="tag"' in html and 'class="related"' in html
    assert 'rel="prev"' in html and 'rel="next"' in html


# ---- UI strings -----------------------------------------------------------------------------------
def template_keys() -> set[str]:
    keys = set()
    for path in (THEME / "templates").rglob("*"):
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            keys.update(re.findall(r"""\bt\(\s*["'](\w+)["']\s*[,)]""", text))
            keys.update(f"kind_{k}" for k in ("tag", "section", "author", "year", "month") if '"kind_" ~' in text)
    return keys


def test_every_language_file_has_every_key_the_templates_use():
    used = template_keys()
    assert {"reading_time", "share", "articles_count", "back_to_top"} <= used
    languages = sorted((THEME / "i18n").glob("*.toml"))
    assert {"ar.toml", "fr.toml"} <= {p.name for p in languages}
    for path in languages:
        keys = set(tomllib.loads(path.read_text(encoding="utf-8")))
        assert used <= keys, f"{path.name} lacks {sorted(used - keys)}"


def test_arabic_plural_forms(tmp_path):
    site = write_site(tmp_path, "")
    strings = load_strings(load_config(site), THEME)
    ar, fr = strings["ar"], strings["fr"]
    assert [ar("articles_count", count=n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 102)] == [
        "لا مقالات", "مقال واحد", "مقالان", "3 مقالات", "10 مقالات", "11 مقالا", "99 مقالا", "100 مقال", "102 مقال"]
    assert [ar("reading_time", count=n) for n in (1, 2, 3, 11)] == [
        "دقيقة واحدة للقراءة", "دقيقتان للقراءة", "3 دقائق للقراءة", "11 دقيقة للقراءة"]
    assert [fr("articles_count", count=n) for n in (0, 1, 2)] == ["aucun article", "1 article", "2 articles"]


def test_a_missing_string_is_a_build_error_naming_the_key(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ")}
-- templates/article.html --
{{% extends "theme/article.html" %}}
{{% block main %}}{{{{ t("subscribe_now") }}}}{{% endblock %}}
""")
    with pytest.raises(BuildError) as info:
        run(site)
    message = str(info.value)
    assert 'missing UI string "subscribe_now"' in message and "templates/article.html:2" in message


# ---- pages made from small sites ------------------------------------------------------------------
def test_reading_time_counts_arabic_words_at_arabic_speed(tmp_path):
    vocalized = " ".join(["وَالْمُدَرِّسُونَ"] * 300)  # tashkeel must not split a word
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("أ", body=vocalized)}
-- content/fr/a.md --
{article("A", body=" ".join(["lecture"] * 300))}
""")
    run(site)
    assert "3 دقائق للقراءة" in read(site, "ar/2024/06/a/index.html")
    assert "2 min de lecture" in read(site, "fr/2024/06/a/index.html")
    assert reading_minutes(1, "ar") == 1 and reading_minutes(139, "ar") == 2 and reading_minutes(200, "xx") == 1


def test_share_links_are_plain_urls_of_the_permalink(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("مؤتمر & لقاء", slug="مؤتمر")}
""")
    run(site)
    html = read(site, "ar/2024/06/مؤتمر/index.html")
    permalink = quote(quote("https://example.ma/ar/2024/06/مؤتمر/", safe="/:"), safe="/")
    title = quote("مؤتمر & لقاء", safe="/")
    hrefs = [unescape(h) for h in re.findall(r'<section class="share share-end".*?</section>', html, re.S)[0].split('href="')[1:]]
    hrefs = [h.split('"')[0] for h in hrefs]
    assert hrefs == [
        f"https://wa.me/?text={title}%20{permalink}",
        f"https://www.facebook.com/sharer/sharer.php?u={permalink}",
        f"https://x.com/intent/post?text={title}&url={permalink}",
        f"https://t.me/share/url?url={permalink}&text={title}",
        f"mailto:?subject={title}&body={permalink}",
    ]


def test_related_by_normalized_tags_then_section_then_date_and_neighbours_in_language(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("المقال", "2024-06-10", section="مجتمع", tags=["الحماية الإجتماعية", "الرعاية"])}
-- content/ar/b.md --
{article("وسمان", "2024-01-01", tags=["الحماية الاجتماعية", "الرعايه", "الرعاية"])}
-- content/ar/c.md --
{article("وسم واحد", "2024-06-09", tags=["الْحِمَايَة الاجتماعية"])}
-- content/ar/d.md --
{article("القسم", "2024-06-11", section="مجتمع")}
-- content/ar/e.md --
{article("لا علاقة", "2024-06-12", section="رياضة")}
-- content/fr/x.md --
{article("Entre deux", "2024-06-10T12:00:00+01:00")}
""")
    run(site)
    html = read(site, "ar/2024/06/a/index.html")
    related = re.search(r'<section class="related".*?</section>', html, re.S).group(0)
    order = [t for t in ("وسمان", "وسم واحد", "القسم", "لا علاقة") if t in related]
    assert order == ["وسمان", "وسم واحد", "القسم", "لا علاقة"][: len(order)] and len(order) >= 3
    assert related.index("وسمان") < related.index("وسم واحد") < related.index("القسم")
    nav = re.search(r'<nav class="prev-next".*?</nav>', html, re.S).group(0)
    assert 'rel="prev"' in nav and "وسم واحد" in nav  # the older story, same language
    assert 'rel="next"' in nav and "القسم" in nav and "Entre deux" not in nav


def test_lists_count_with_arabic_plurals_and_paginate(tmp_path):
    stories = "\n".join(f"-- content/ar/s{n}.md --\n{article(f'خبر {n}', f'2024-05-{n + 1:02d}', tags=['بيئة'])}"
                        for n in range(11))
    site = write_site(tmp_path, stories)
    run(site)
    first = read(site, "ar/tags/بيئة/index.html")
    assert "11 مقالا" in first and 'class="kicker">وسم<' in first
    assert first.count('class="card') >= 2 and 'rel="next"' in first
    assert '<span aria-current="page">1</span>' in first and '<span class="gap">…</span>' in first
    last = read(site, "ar/tags/بيئة/page/6/index.html")
    assert 'rel="prev"' in last and 'rel="next"' not in last
    tags = read(site, "ar/tags/index.html")
    assert '<p class="count">وسم واحد</p>' in tags and 'بيئة <span class="count">(11)</span>' in tags


def test_home_has_lead_latest_cards_and_section_blocks(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("الخبر الأول", "2024-06-01", section="اقتصاد", featured=True, summary="ملخص الخبر الأول")}
-- content/ar/b.md --
{article("الخبر الثاني", "2024-06-02", section="ثقافة", summary="ملخص الخبر الثاني")}
-- content/ar/c.md --
{article("الخبر الثالث", "2024-06-03", section="اقتصاد")}
""")
    run(site)
    html = read(site, "ar/index.html")
    lead = re.search(r'<section class="lead-story".*?</section>', html, re.S).group(0)
    assert "الخبر الأول" in lead and "card-lead" in lead and "ملخص الخبر الأول" in lead
    latest = re.search(r'<section class="latest".*?</section>', html, re.S).group(0)
    assert "الخبر الثالث" in latest and "الخبر الأول" not in latest
    assert 'class="card-section"' in latest and "<time" in latest and "ملخص الخبر الثاني" in latest
    blocks = re.findall(r'<section class="section-block".*?</section>', html, re.S)
    assert blocks == []  # every story is above already: a story is shown once a page (tests/test_front_page.py)


def test_drafts_and_scheduled_stories_are_flagged(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/a.md --
{article("مسودة", "2024-06-01", draft=True)}
-- content/ar/b.md --
{article("لاحقا", "2027-01-01")}
""")
    run(site, drafts=True, future=True)
    assert '<span class="flag">مسودة</span>' in read(site, "ar/2024/06/a/index.html")
    assert '<span class="flag">مجدول</span>' in read(site, "ar/2027/01/b/index.html")
    home = read(site, "ar/index.html")
    assert '<span class="flag">مجدول</span>' in home and '<span class="flag">مسودة</span>' in home


def test_a_card_is_rendered_once_per_build_and_again_after_its_template_changes(tmp_path, monkeypatch):
    from generator.pages import contract
    from generator.theme.templates import BUNDLED_THEMES

    made = []
    real = contract.remember
    monkeypatch.setattr(contract, "_remembered", {})
    site = write_site(tmp_path / "site", f"""
-- content/ar/2024/01/a.md --
{article("أ", "2024-01-10", "نص أ.", section="مجتمع", tags=["وسم", "وسم آخر", "ثالث"])}
-- content/ar/2024/02/b.md --
{article("ب", "2024-02-10", "نص ب.", section="مجتمع", tags=["وسم", "وسم آخر", "ثالث"])}
""")
    env_calls = lambda *key, caller: made.append(key[0]) or real(*key, caller=caller)  # noqa: E731
    monkeypatch.setattr(contract, "remember", env_calls)
    (site / "templates/partials").mkdir(parents=True)
    card = site / "templates/partials/card.html"
    card.write_text((BUNDLED_THEMES / "majalla/templates/partials/card.html").read_text(encoding="utf-8"),
                    encoding="utf-8")
    run(site, live=True)
    shown = [p for p in (site / "output").rglob("*.html") if 'class="card' in p.read_text(encoding="utf-8")]
    assert len(shown) > 4 and len(made) > len(shown)  # the same cards on the home, section, tag, year... pages
    assert len(contract._remembered) < len(made) / 2  # most of them rendered once, then reused
    card.write_text(card.read_text(encoding="utf-8").replace('class="card-title"', 'class="card-title new"'),
                    encoding="utf-8")
    run(site, live=True)  # the kept Jinja environment of a preview: the remembered cards are forgotten
    assert 'class="card-title new"' in read(site, "ar/sections/مجتمع/index.html")
