"""Expiry (issue 21): `expires:` takes an article down at a date by the build's clock (SOURCE_DATE_EPOCH, else
now): it leaves lists, feeds, sitemaps and the search; its address keeps a short notice (or, with
`expired = "remove"`, leads to the language's home), never a bare 404; and the up-to-date check of a scheduled
build notices the time that passed the date."""
from __future__ import annotations

import datetime as dt

import pytest
from lxml import etree, html as lxml_html

from generator.cli import main
from generator.errors import BuildError
from tests.sites import SITE_TOML, article, read, run, write_site

EXPIRES = dt.datetime(2025, 7, 1, tzinfo=dt.timezone(dt.timedelta(hours=1)))
BEFORE, AFTER = EXPIRES - dt.timedelta(hours=1), EXPIRES + dt.timedelta(hours=1)
AR, FR = "ar/2025/06/offer/index.html", "fr/2025/06/offer/index.html"
SITE = f"""
-- content/ar/2025/06/offer.md --
{article("عرض صيفي محدود", "2025-06-01", "نص العرض.", expires="2025-07-01", section="اقتصاد", tags=["عروض"])}
-- content/fr/2025/06/offer.md --
{article("Une offre d'été limitée", "2025-06-01", "Le texte.", expires="2025-07-01", tags=["Offres"])}
-- content/ar/2025/05/stays.md --
{article("خبر باق", "2025-05-01", "نص [العرض](/ar/2025/06/offer/).", tags=["عروض"])}
-- content/fr/2025/05/stays.md --
{article("Une nouvelle qui reste", "2025-05-01", "Texte.")}
"""


def urls_in_sitemap(root):
    sm = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    return [u.findtext("s:loc", namespaces=sm) for u in etree.fromstring(read(root, "sitemap.xml").encode()).findall("s:url", sm)]


def feed_links(root, path):
    atom = {"a": "http://www.w3.org/2005/Atom"}
    return [e.find("a:link", atom).get("href") for e in etree.fromstring(read(root, path).encode()).findall("a:entry", atom)]


def test_before_its_date_the_article_is_everywhere(tmp_path):
    root = write_site(tmp_path, SITE)
    run(root, now=BEFORE)
    assert "نص العرض." in read(root, AR)
    assert "https://example.ma/ar/2025/06/offer/" in urls_in_sitemap(root)
    assert "https://example.ma/ar/2025/06/offer/" in feed_links(root, "ar/feed.xml")


@pytest.mark.parametrize("lang, page, title, notice", [
    ("ar", AR, "عرض صيفي محدود", "لم يعد هذا المقال متاحا منذ 1 يوليوز 2025."),
    ("fr", FR, "Une offre d'été limitée", "Cet article n’est plus disponible depuis le 1 juillet 2025.")])
def test_after_its_date_a_notice_stands_at_its_address_and_it_leaves_every_list(tmp_path, lang, page, title, notice):
    root = write_site(tmp_path, SITE)
    run(root, now=AFTER)
    doc = lxml_html.fromstring(read(root, page).encode())
    assert doc.get("lang") == lang and doc.get("dir") == ("rtl" if lang == "ar" else "ltr")
    section = doc.xpath("//section[@class='expired-notice']")[0]
    assert [p.text_content() for p in section.xpath("p")][:2] == [title, notice]
    assert "نص العرض." not in read(root, page) and "Le texte." not in read(root, page)
    assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert not doc.xpath("//script[@type='application/ld+json'][contains(., 'NewsArticle')]")
    assert "data-pagefind-body" not in read(root, page)  # out of the search
    assert not [u for u in urls_in_sitemap(root) if "/offer/" in u]
    assert not [u for u in feed_links(root, f"{lang}/feed.xml") if "/offer/" in u]
    home = read(root, f"{lang}/index.html")
    assert "/2025/06/offer/" not in home and title not in home
    assert "/2025/06/offer/" not in read(root, f"{lang}/2025/index.html")
    if lang == "ar":
        assert feed_links(root, "ar/tags/عروض/feed.xml") == ["https://example.ma/ar/2025/05/stays/"]
        assert not (root / "output/ar/sections/اقتصاد").exists()  # its only article is gone: so is the section


def test_removed_the_address_leads_home(tmp_path):
    root = write_site(tmp_path, SITE, site_toml=SITE_TOML.replace("per_page = 2\n", 'per_page = 2\nexpired = "remove"\n'))
    run(root, now=AFTER)
    page = read(root, AR)
    assert "عرض صيفي محدود" not in page and "نص العرض." not in page
    doc = lxml_html.fromstring(page.encode())
    assert doc.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=/ar/"]
    assert doc.get("lang") == "ar"
    assert not [u for u in urls_in_sitemap(root) if "/offer/" in u]


def test_a_scheduled_build_expires_it_with_source_date_epoch(tmp_path, monkeypatch, capsys):
    """The hourly rebuild with unchanged sources: the first build's up-to-date record must not outlive the
    expiry, nor a scheduled article's date."""
    root = write_site(tmp_path, SITE + f"""
-- content/ar/2025/07/later.md --
{article("خبر مجدول", "2025-07-01T00:30:00+01:00")}
""")
    site = ["build", "--site", str(root), "--no-search", "--jobs", "1"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(BEFORE.timestamp())))
    assert main(site) == 0
    assert "نص العرض." in read(root, AR) and not (root / "output/ar/2025/07/later").exists()
    assert main(site) == 0  # an hour's nothing: up to date
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int((EXPIRES + dt.timedelta(minutes=10)).timestamp())))
    assert main(site) == 0
    assert "نص العرض." not in read(root, AR) and "expired-notice" in read(root, AR)
    assert not (root / "output/ar/2025/07/later").exists()  # 00:10: not yet due
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(AFTER.timestamp())))
    assert main(site) == 0
    assert "خبر مجدول" in read(root, "ar/2025/07/later/index.html")


def test_expires_must_be_a_date_after_publication(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2025/06/a.md --
{article("أ", "2025-06-01", "نص.", expires="2025-05-01")}
-- content/ar/2025/06/b.md --
{article("ب", "2025-06-01", "نص.", expires="غدا")}
""")
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        "content/ar/2025/06/a.md:4: expires (2025-05-01 00:00) is not after the article's date (2025-06-01 00:00): "
        "give the day it is to be taken down, after publication",
        'content/ar/2025/06/b.md:4: expires: "غدا" is not a date (write YYYY-MM-DD, as in 2024-06-26, or with a '
        "time: 2024-06-26 10:00 or 2024-06-26T10:00:00+01:00)"]


def test_the_expired_setting_is_checked(tmp_path):
    root = write_site(tmp_path, SITE, site_toml=SITE_TOML.replace("per_page = 2\n", 'per_page = 2\nexpired = "hide"\n'))
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        'site.toml:7: expired must be "notice" (a short notice at the address) or "remove", not "hide"']


OLD = f"""
-- content/ar/2025/06/call.md --
{article("دعوة للترشح", "2025-06-01", "نص الدعوة.", expires="2025-07-01", aliases=["/2019/05/appel/", "/?p=321"])}
-- content/fr/2025/06/call.md --
{article("Appel à candidatures", "2025-06-01", "Le texte.", expires="2025-07-01", aliases=["/fr/appel.html", "/?p=654"])}
-- content/ar/2025/05/stays.md --
{article("خبر باق", "2025-05-01", "نص.")}
"""


def old_link(root, alias: str) -> str | None:
    import json

    part = json.loads(read(root, f"old-links/{('0' + alias.rpartition('=')[2])[-2:]}.json"))
    return part.get(alias)


@pytest.mark.parametrize("mode, ar_target, fr_target", [
    ("notice", "/ar/2025/06/call/", "/fr/2025/06/call/"), ("remove", "/ar/", "/fr/")])
def test_the_old_addresses_of_an_expired_article_are_no_bare_404(tmp_path, mode, ar_target, fr_target):
    """Its aliases and its WordPress short links (/?p=) lead where its own address does: to the notice, or with
    expired = "remove" to the language's home, never to the not-found page."""
    toml = SITE_TOML.replace("per_page = 2\n", f'per_page = 2\nexpired = "{mode}"\n')
    root = write_site(tmp_path, OLD, site_toml=toml)
    run(root, now=BEFORE)  # before: the aliases lead to the article
    assert 'url=/ar/2025/06/call/"' in read(root, "2019/05/appel/index.html")
    assert old_link(root, "/?p=321") == "/ar/2025/06/call/"
    run(root, now=AFTER)
    for page, lang, target in (("2019/05/appel/index.html", "ar", ar_target), ("fr/appel.html", "fr", fr_target)):
        doc = lxml_html.fromstring(read(root, page).encode())
        assert doc.get("lang") == lang and doc.get("dir") == ("rtl" if lang == "ar" else "ltr")
        assert doc.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url={target}"]
        assert "نص الدعوة." not in read(root, page) and "Le texte." not in read(root, page)
    assert (old_link(root, "/?p=321"), old_link(root, "/?p=654")) == (ar_target, fr_target)
    assert '<script src="/old-links/find.js"' in read(root, "index.html")  # the root page still reads the map
    assert not [u for u in urls_in_sitemap(root) if "appel" in u or "call" in u]
    if mode == "notice":
        assert "expired-notice" in read(root, "ar/2025/06/call/index.html")


def test_an_expired_article_without_old_addresses_makes_no_old_links_map(tmp_path):
    root = write_site(tmp_path, SITE)
    run(root, now=AFTER)
    assert not (root / "output/old-links").exists()


def test_an_expired_article_s_alias_at_another_address_is_an_error_at_its_line(tmp_path):
    root = write_site(tmp_path, f"""
-- content/ar/2025/06/call.md --
{article("دعوة", "2025-06-01", "نص.", expires="2025-07-01", aliases=["/ar/2025/05/stays/"])}
-- content/ar/2025/05/stays.md --
{article("خبر باق", "2025-05-01", "نص.")}
""")
    with pytest.raises(BuildError) as failed:
        run(root, now=AFTER)
    assert [str(p) for p in failed.value.problems] == [
        "content/ar/2025/06/call.md:5: wants to write output/ar/2025/05/stays/index.html, which "
        "content/ar/2025/05/stays.md writes already"]
