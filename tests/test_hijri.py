"""Hijri dates (issue 21): a language of site.toml may show each article's Hijri date (Umm al-Qura, through
hijridate) beside its Gregorian one, moved by `hijri_adjust` days; month names in Arabic on Arabic pages; the
masthead's date of the day is in the language's Chrome; a build goes stale at midnight when it shows one."""
from __future__ import annotations

import datetime as dt

import pytest
from lxml import html as lxml_html

from generator.build.freshness import valid_until
from generator.config import load
from generator.errors import BuildError
from generator.text.hijri import hijri_date
from tests.sites import SITE_TOML, article, read, run, write_site

SITE = f"""
-- content/ar/2024/06/eid.md --
{article("خبر بعد العيد", "2024-06-26T10:00:00+01:00")}
-- content/fr/2024/06/eid.md --
{article("Après l'Aïd", "2024-06-26T10:00:00+01:00")}
"""


def toml(adjust: int | None = None, fr: bool = False) -> str:
    text = SITE_TOML.replace('title = "مجلة الاختبار"\n\n[languages.fr]', 'title = "مجلة الاختبار"\nhijri = true\n\n[languages.fr]')
    if fr:
        text = text.rstrip("\n") + "\nhijri = true\n"
    if adjust is not None:
        text = text.replace("per_page = 2\n", f"per_page = 2\nhijri_adjust = {adjust}\n")
    return text


def hijri_of(root, page):
    found = lxml_html.fromstring(read(root, page).encode()).xpath("//span[@class='hijri']")
    return found[0].text_content() if found else None


def test_the_umm_al_qura_date_in_arabic_beside_the_gregorian_one(tmp_path):
    root = write_site(tmp_path, SITE, site_toml=toml())
    run(root)
    assert hijri_of(root, "ar/2024/06/eid/index.html") == "الموافق 20 ذو الحجة 1445 هـ"
    assert hijri_of(root, "fr/2024/06/eid/index.html") is None  # French does not ask for it


def test_the_adjustment_for_morocco_and_the_french_names(tmp_path):
    root = write_site(tmp_path, SITE, site_toml=toml(adjust=-1, fr=True))
    run(root)
    assert hijri_of(root, "ar/2024/06/eid/index.html") == "الموافق 19 ذو الحجة 1445 هـ"
    assert hijri_of(root, "fr/2024/06/eid/index.html") == "soit le 19 dhou al-hijja 1445 H"


def test_off_by_default_and_outside_the_calendar_nothing(tmp_path):
    root = write_site(tmp_path, SITE)
    run(root)
    assert hijri_of(root, "ar/2024/06/eid/index.html") is None
    assert hijri_date(dt.date(1900, 1, 1), 0, "ar_MA") is None  # before 1924: Umm al-Qura tables do not reach
    assert hijri_date(dt.date(2024, 3, 11), 0, "ar_MA") == "1 رمضان 1445 هـ"


def test_the_masthead_gets_the_day_and_the_build_goes_stale_at_midnight(tmp_path):
    from generator.pages.planner import Planner

    root = write_site(tmp_path, SITE, site_toml=toml())
    config = load(root)
    now = dt.datetime(2024, 6, 26, 21, 0, tzinfo=dt.timezone.utc)  # 22:00 in Casablanca
    midnight = dt.datetime(2024, 6, 27, tzinfo=dt.timezone(dt.timedelta(hours=1))).timestamp()
    assert valid_until([], now, config) == midnight
    assert valid_until([], now, load(write_site(tmp_path / "plain", SITE))) == float("inf")
    from generator.content.model import assemble
    from generator.errors import Problems

    site = assemble(config, [], Problems(), now)
    planner = Planner(site, {}, {}, None)
    assert planner.chrome(site.edition("ar")).hijri_today == "20 ذو الحجة 1445 هـ"
    assert planner.chrome(site.edition("fr")).hijri_today is None


@pytest.mark.parametrize("line, message", [
    ("hijri_adjust = 5", "site.toml:7: hijri_adjust is a number of days from -3 to 3 (Morocco: often -1), not 5"),
    ('hijri_adjust = "-1"', "site.toml:7: \"hijri_adjust\" must be a whole number, not '-1'"),
])
def test_bad_settings_are_reported_at_their_line(tmp_path, line, message):
    root = write_site(tmp_path, SITE, site_toml=SITE_TOML.replace("per_page = 2\n", f"per_page = 2\n{line}\n"))
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [message]


def test_hijri_of_a_language_must_be_true_or_false(tmp_path):
    root = write_site(tmp_path, SITE, site_toml=SITE_TOML.replace('locale = "ar_MA"\n', 'locale = "ar_MA"\nhijri = "yes"\n'))
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == ["site.toml:12: \"hijri\" must be true or false, not 'yes'"]
