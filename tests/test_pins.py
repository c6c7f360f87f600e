"""Editors' picks and breaking news (issue 21): `pinned:` puts a story in a slot of its language's home page
(the lead, above the automatic rule; the editors' picks block) until a time, `breaking:` a strip on every page
of its language; both by the build's clock (SOURCE_DATE_EPOCH, else now), each story once on a page, and the
up-to-date check of a scheduled build goes stale when a pin or a strip ends."""
from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from generator.cli import main
from generator.errors import BuildError
from tests.sites import SITE_TOML, article, read, run, write_site

TZ = dt.timezone(dt.timedelta(hours=1))
ENDS = dt.datetime(2025, 7, 1, tzinfo=TZ)
BEFORE, AFTER = ENDS - dt.timedelta(hours=1), ENDS + dt.timedelta(hours=1)
SITE_WIDE = SITE_TOML.replace("per_page = 2\n", "per_page = 12\n")
SITE = f"""
-- content/ar/2025/06/old-lead.md --
{article("تحقيق الماء", "2025-06-01", "نص التحقيق.", pinned={"slot": "lead", "until": "2025-07-01"})}
-- content/ar/2025/06/pick-a.md --
{article("اختيار أول", "2025-06-10", "نص.", pinned="picks")}
-- content/ar/2025/06/pick-b.md --
{article("اختيار ثان", "2025-06-12", "نص.", pinned={"slot": "picks", "until": "2025-07-01"})}
-- content/ar/2025/06/newest.md --
{article("أحدث خبر", "2025-06-20", "نص.", featured=True)}
-- content/fr/2025/06/old-lead.md --
{article("L'enquête sur l'eau", "2025-06-01", "Texte.", pinned="lead")}
-- content/fr/2025/06/pick.md --
{article("Un choix", "2025-06-05", "Texte.", pinned="picks")}
-- content/fr/2025/06/newest.md --
{article("La plus récente", "2025-06-20", "Texte.", featured=True)}
"""


def home(root, lang):
    return lxml_html.fromstring(read(root, f"{lang}/index.html").encode())


def titles(doc, xpath):
    return [" ".join(t.text_content().split()) for t in doc.xpath(xpath + "//*[contains(@class, 'card-title')]")]


def every_card_title(doc):
    return [" ".join(t.text_content().split()) for t in doc.xpath("//main//*[contains(@class, 'card-title')]")]


@pytest.mark.parametrize("lang, lead, picks", [
    ("ar", "تحقيق الماء", ["اختيار ثان", "اختيار أول"]),
    ("fr", "L’enquête sur l’eau", ["Un choix"])])
def test_pinned_stories_take_their_slots_and_are_shown_once(tmp_path, lang, lead, picks):
    root = write_site(tmp_path, SITE, site_toml=SITE_WIDE)
    run(root, now=BEFORE)
    doc = home(root, lang)
    assert titles(doc, "//section[@class='lead-story']") == [lead]  # above the newest featured story
    assert titles(doc, "//section[@class='picks']") == picks  # newest first
    assert doc.xpath("//section[@class='picks']/h2/text()") == [{"ar": "اختيارات المحررين", "fr": "Le choix de la rédaction"}[lang]]
    shown = every_card_title(doc)
    assert len(shown) == len(set(shown)), shown  # every story once on the page
    assert lead not in titles(doc, "//section[@class='latest']")
    assert not set(picks) & set(titles(doc, "//section[@class='latest']"))


def test_past_its_date_a_pin_falls_back_to_the_automatic_rules(tmp_path):
    root = write_site(tmp_path, SITE, site_toml=SITE_WIDE)
    run(root, now=AFTER)
    doc = home(root, "ar")
    assert titles(doc, "//section[@class='lead-story']") == ["أحدث خبر"]  # the newest featured story
    assert titles(doc, "//section[@class='picks']") == ["اختيار أول"]  # pinned until removed
    assert "تحقيق الماء" in titles(doc, "//section[@class='latest']")
    assert "اختيار ثان" in titles(doc, "//section[@class='latest']")
    assert titles(home(root, "fr"), "//section[@class='lead-story']") == ["L’enquête sur l’eau"]  # no until


def test_the_picks_are_a_few_the_theme_says(tmp_path):
    stories = "".join(f"""
-- content/ar/2025/06/p{n}.md --
{article(f"اختيار {n}", f"2025-06-{n:02d}", "نص.", pinned="picks")}
""" for n in range(1, 7))
    root = write_site(tmp_path, stories, site_toml=SITE_WIDE)
    run(root, now=AFTER)
    doc = home(root, "ar")
    assert titles(doc, "//section[@class='lead-story']") == ["اختيار 6"]  # the newest story: the lead, not a pick
    assert titles(doc, "//section[@class='picks']") == ["اختيار 5", "اختيار 4", "اختيار 3", "اختيار 2"]  # theme: 4


def test_a_scheduled_build_ends_a_pin_with_source_date_epoch(tmp_path, monkeypatch):
    root = write_site(tmp_path, SITE, site_toml=SITE_WIDE)
    site = ["build", "--site", str(root), "--no-search", "--jobs", "1"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BEFORE.timestamp())))
    assert main(site) == 0
    assert titles(home(root, "ar"), "//section[@class='lead-story']") == ["تحقيق الماء"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((ENDS + dt.timedelta(minutes=10)).timestamp())))
    assert main(site) == 0  # not "up to date": the pin ended at midnight
    assert titles(home(root, "ar"), "//section[@class='lead-story']") == ["أحدث خبر"]


def test_pin_mistakes_are_reported_at_their_line_with_the_fix(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2025/06/a.md --
{article("أ", "2025-06-01", "نص.", pinned="lede")}
-- content/ar/2025/06/b.md --
{article("ب", "2025-06-01", "نص.", pinned={"slot": "lead", "until": "2025-05-01"})}
-- content/ar/2025/06/c.md --
{article("ج", "2025-06-01", "نص.", pinned={"slot": "picks", "untill": "2025-07-01"})}
-- content/ar/2025/06/d.md --
{article("د", "2025-06-01", "نص.", pinned=True)}
-- content/ar/2025/06/e.md --
{article("ه", "2025-06-01", "نص.", pinned={"slot": "lead", "until": "غدا"})}
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    shape = "pinned: lead, pinned: picks, or with an end, pinned: then  slot: lead  and  until: 2025-07-01  on the next two lines"
    assert [str(p) for p in failed.value.problems] == [
        f'content/ar/2025/06/a.md:4: pinned: "lede" is not a slot of the home page: did you mean "lead"? the slots '
        f"are lead and picks ({shape})",
        "content/ar/2025/06/b.md:6: pinned: until (2025-05-01 00:00) is not after the story's date (2025-06-01 00:00): "
        "give the day the pin ends, after the story's date, or leave until out (until removed)",
        f'content/ar/2025/06/c.md:6: pinned: unknown key "untill"; write {shape}',
        f"content/ar/2025/06/d.md:4: pinned: say which slot of the home page, not true: {shape}",
        'content/ar/2025/06/e.md:6: pinned: until: "غدا" is not a date (write YYYY-MM-DD, as in 2024-06-26, or with '
        f"a time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00) ({shape})"]


# ---- breaking: the strip on every page of its language -----------------------------------------------------
NEWS = f"""
-- content/ar/2025/06/quake.md --
{article("زلزال في الحوز", "2025-06-30T20:00:00+01:00", "نص الخبر.", breaking="2025-07-01T00:00:00+01:00", section="مجتمع")}
-- content/ar/2025/06/older.md --
{article("خبر عاجل أقدم", "2025-06-30T10:00:00+01:00", "نص.", breaking="2025-07-02", section="مجتمع")}
-- content/ar/2025/06/calm.md --
{article("خبر هادئ", "2025-06-29", "نص.", section="مجتمع")}
-- content/fr/2025/06/quake.md --
{article("Séisme dans le Haouz", "2025-06-30T20:00:00+01:00", "Texte.", breaking=True)}
-- content/fr/2025/06/calm.md --
{article("Une nouvelle calme", "2025-06-29", "Texte.")}
"""


def strip(root, path):
    doc = lxml_html.fromstring(read(root, path).encode())
    found = doc.xpath("//header[@class='site-header']//section[@class='breaking']")
    if not found:
        return None
    section = found[0]
    label = section.xpath(".//*[@id=section/@aria-labelledby]") or section.xpath(f".//*[@id='{section.get('aria-labelledby')}']")
    link = section.xpath(".//a")[0]
    return label[0].text_content(), link.text_content(), link.get("href")


@pytest.mark.parametrize("lang, label, title, pages", [
    ("ar", "عاجل", "زلزال في الحوز", ["ar/index.html", "ar/2025/06/calm/index.html", "ar/sections/مجتمع/index.html",
                                       "ar/archive/index.html", "ar/tags/index.html", "ar/404.html"]),
    ("fr", "Dernière minute", "Séisme dans le Haouz", ["fr/index.html", "fr/2025/06/calm/index.html",
                                                       "fr/2025/index.html", "fr/404.html"])])
def test_the_newest_breaking_story_is_a_strip_on_every_page_of_its_language(tmp_path, lang, label, title, pages):
    root = write_site(tmp_path, NEWS, site_toml=SITE_WIDE)
    run(root, now=BEFORE)  # 23:00 on 30 June: both Arabic strips on, the newest is shown
    for path in pages:
        assert strip(root, path) == (label, title, f"/{lang}/2025/06/quake/"), path
    other = {"ar": "fr", "fr": "ar"}[lang]
    assert strip(root, f"{other}/2025/06/calm/index.html")[1] != title  # each language its own strip
    page = lxml_html.fromstring(read(root, f"{lang}/2025/06/quake/index.html").encode())
    assert page.xpath("//section[@class='breaking']//a/@aria-current") == ["page"]  # on the story itself


def test_a_strip_ends_at_its_time_and_breaking_true_after_breaking_hours(tmp_path):
    root = write_site(tmp_path, NEWS, site_toml=SITE_WIDE.replace("per_page = 12\n", "per_page = 12\nbreaking_hours = 2\n"))
    run(root, now=BEFORE)  # 23:00: the French one (20:00 + 2 hours) has ended
    assert strip(root, "fr/index.html") is None
    run(root, now=AFTER)  # 01:00 on 1 July: the newest Arabic strip ended, the older one still runs
    assert strip(root, "ar/index.html") == ("عاجل", "خبر عاجل أقدم", "/ar/2025/06/older/")
    run(root, now=dt.datetime(2025, 7, 2, 1, tzinfo=TZ))
    assert strip(root, "ar/index.html") is None and strip(root, "ar/2025/06/calm/index.html") is None


def test_a_scheduled_build_takes_the_strip_down_with_source_date_epoch(tmp_path, monkeypatch, capsys):
    """Unchanged sources, a later clock: the build is not "up to date" when a strip ends, and every page of the
    language is written again (the strip is one Link of the language's Chrome, in each page's inputs)."""
    root = write_site(tmp_path, NEWS, site_toml=SITE_WIDE)
    site = ["build", "--site", str(root), "--no-search", "--jobs", "1"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 7, 1, 1, 30, tzinfo=TZ).timestamp())))
    assert main(site) == 0  # the French strip (20:00 + 6 hours) and the older Arabic one are on
    assert strip(root, "fr/2025/06/calm/index.html")[1] == "Séisme dans le Haouz"
    assert strip(root, "ar/2025/06/calm/index.html")[1] == "خبر عاجل أقدم"
    capsys.readouterr()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2025, 7, 1, 2, 10, tzinfo=TZ).timestamp())))
    assert main(site) == 0
    assert "up to date" not in capsys.readouterr().out
    assert strip(root, "fr/2025/06/calm/index.html") is None and strip(root, "fr/index.html") is None
    assert strip(root, "ar/2025/06/calm/index.html")[1] == "خبر عاجل أقدم"  # Arabic: until 2 July


def test_breaking_mistakes_are_reported_at_their_line(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2025/06/a.md --
{article("أ", "2025-06-01T10:00", "نص.", breaking="2025-06-01T09:00")}
-- content/ar/2025/06/b.md --
{article("ب", "2025-06-01", "نص.", breaking="حتى المساء")}
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        "content/ar/2025/06/a.md:4: breaking (2025-06-01 09:00) is not after the story's date (2025-06-01 10:00): "
        "give the time the strip ends, after the story's date, or write breaking: true",
        'content/ar/2025/06/b.md:4: breaking: "حتى المساء" is not a date (write YYYY-MM-DD, as in 2024-06-26, or with '
        "a time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00) (breaking: true (for breaking_hours of site.toml) or "
        "breaking: 2025-07-01T18:00 (until then))"]


def test_breaking_true_at_the_end_of_time_builds(tmp_path):
    """breaking: true on a story of 9999-12-31 23:00: its date plus breaking_hours is past the last datetime;
    the build goes on (the story is not due), no OverflowError."""
    root = write_site(tmp_path, NEWS + f"""
-- content/ar/2025/06/far.md --
{article("خبر بعيد", "9999-12-31T23:00", "نص.", breaking=True)}
""", site_toml=SITE_WIDE)
    run(root, now=BEFORE)
    assert strip(root, "ar/index.html")[1] == "زلزال في الحوز"
    assert not (root / "output/ar/9999").exists()


def test_a_pin_the_browser_editor_left_empty_is_no_pin(tmp_path):
    root = write_site(tmp_path, SITE + f"""
-- content/ar/2025/06/empty.md --
{article("خبر بلا تثبيت", "2025-06-25", "نص.", pinned={"slot": None, "until": None}, breaking=None)}
""", site_toml=SITE_WIDE)
    run(root, now=BEFORE)
    assert titles(home(root, "ar"), "//section[@class='lead-story']") == ["تحقيق الماء"]
    assert "خبر بلا تثبيت" not in titles(home(root, "ar"), "//section[@class='picks']")


def test_check_notes_the_pins_and_strips_that_have_ended(tmp_path, monkeypatch, capsys):
    """Past its end a pin or a strip does nothing: `check` says its lines can go, in both languages, as notes
    (the hourly Pages workflow runs `check --strict`: a story's strip ending must not stop the site's builds)."""
    root = write_site(tmp_path, SITE + f"""
-- content/fr/2025/06/flash.md --
{article("Dernière minute", "2025-06-30T18:00:00+01:00", "Texte.", breaking=True)}
-- content/ar/2025/06/flash.md --
{article("عاجل", "2025-06-30T20:00:00+01:00", "نص.", breaking="2025-07-02T12:00")}
""", site_toml=SITE_WIDE)
    site = ["check", "--strict", "--site", str(root), "--jobs", "1"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BEFORE.timestamp())))
    assert main(site) == 0
    assert "note:" not in capsys.readouterr().out  # every pin and strip still on
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(AFTER.timestamp())))
    assert main(site) == 0  # notes fail nothing, not even --strict
    out = capsys.readouterr().out.splitlines()
    assert [line for line in out if "note:" in line] == [
        "content/ar/2025/06/old-lead.md:4: note: pinned: the pin to lead ended on 2025-07-01 00:00: the story is back "
        "in its place by date; delete pinned: (with its slot and until) from the front matter",
        "content/ar/2025/06/pick-b.md:4: note: pinned: the pin to picks ended on 2025-07-01 00:00: the story is back "
        "in its place by date; delete pinned: (with its slot and until) from the front matter",
        "content/fr/2025/06/flash.md:4: note: breaking: the strip ended on 2025-07-01 00:00: delete the line "
        "breaking: from the front matter"]
    assert out[-1] == "checked 9 articles: 0 errors, 0 warnings, 3 notes"
    assert main(["build", "--site", str(root), "--jobs", "1", "--no-search"]) == 0
    assert "note:" not in capsys.readouterr().out  # the build's business is the site, not the front matter
