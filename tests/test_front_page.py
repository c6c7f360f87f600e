"""The news front page (issue 20): the lead is news, every story is shown once, the edition's date in the
masthead, times of day on the edition's day; in Chromium, a phone header under 120 px whose sections scroll
sideways, and cards of one size a row."""
from __future__ import annotations

import re

import pytest

from tests.sites import article, run, write_site
from tests.support import tools

SITE_TOML = '''title = "مجلة"
base_url = "https://example.ma/"
default_language = "ar"
timezone = "Africa/Casablanca"
theme = "majalla"
per_page = 3

[languages.ar]
name = "العربية"
dir = "rtl"
locale = "ar_MA"
title = "مجلة"
'''


def front(tmp_path, stories: dict[str, dict]) -> str:
    text = "".join(f"-- content/ar/{name}.md --\n{article(**keys)}" for name, keys in stories.items())
    root = write_site(tmp_path, text, SITE_TOML)
    run(root)
    return (root / "output" / "ar" / "index.html").read_text(encoding="utf-8")


def lead_of(html: str) -> str:
    return re.search(r'<section class="lead-story".*?<a href="([^"]+)">', html, re.S).group(1)


def test_an_old_featured_story_does_not_lead_this_weeks_news(tmp_path):
    html = front(tmp_path, {
        "old": dict(title="قديم", date="2021-03-01", featured=True),
        "pictured": dict(title="بصورة", date="2025-01-10", image="https://example.org/p.jpg", image_alt="صورة"),
        "newest": dict(title="أحدث", date="2025-01-12T10:30:00"),
    })
    assert lead_of(html).endswith("/pictured/")  # not featured lately: the newest story with a picture


def test_the_newest_featured_story_of_the_last_days_leads(tmp_path):
    html = front(tmp_path, {
        "featured": dict(title="مميز", date="2025-01-10", featured=True),
        "newest": dict(title="أحدث", date="2025-01-12T10:30:00"),
    })
    assert lead_of(html).endswith("/featured/")


def test_every_story_is_shown_once_and_the_edition_is_dated(tmp_path):
    stories = {f"s{n}": dict(title=f"خبر {n}", date=f"2025-01-{n + 1:02d}T09:{n:02d}:00", section="اقتصاد")
               for n in range(1, 9)}
    html = front(tmp_path, stories)
    main = html.split('<main', 1)[1].split('</main>')[0]
    links = re.findall(r'class="card-title"><a href="([^"]+)"', main)
    assert len(links) == len(set(links)) and len(links) >= 6, links  # the lead, 3 latest, the section's others
    assert '<p class="edition"><time datetime="2025-01-09T09:08:00+01:00">' in html  # the newest story's day
    assert "09:08</time>" in html  # a story of the edition's day: its time of day
    assert "09:07</time>" not in html and "8 يناير 2025</time>" in html  # the day before: its date


@pytest.fixture(scope="module")
def browser():
    with tools.browser() as b:
        yield b


@pytest.fixture(scope="module")
def served(sample):
    with tools.serve_directory(sample) as base:
        yield base


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_a_phone_header_is_under_120_px_with_sections_that_scroll(served, browser, lang):
    opened = tools.open_page(browser, served + f"{lang}/", 375, 800)
    try:
        header = opened.page.evaluate("""() => { const strip = document.querySelector('.sections ul');
            return {height: document.querySelector('.site-header').getBoundingClientRect().height,
                    scrolls: strip.scrollWidth > strip.clientWidth, overflow: getComputedStyle(strip).overflowX,
                    rows: new Set([...strip.children].map(li => Math.round(li.getBoundingClientRect().top))).size}; }""")
        assert header["height"] < 120 and header["rows"] == 1 and header["overflow"] == "auto", header
    finally:
        opened.close()


@pytest.mark.parametrize("lang", ["ar", "fr"])
def test_cards_of_a_row_are_of_one_size(served, browser, lang):
    opened = tools.open_page(browser, served + f"{lang}/", 1280, 800)
    try:
        rows = opened.page.evaluate("""() => { const rows = {};
            for (const card of document.querySelectorAll('.latest .card')) {
                const image = card.querySelector('.card-image').getBoundingClientRect();
                (rows[Math.round(card.getBoundingClientRect().top)] ||= []).push([image.width, image.height].map(Math.round));
            }
            return Object.values(rows); }""")
        assert rows and all(len({tuple(size) for size in row}) == 1 for row in rows), rows
    finally:
        opened.close()
