"""Sitemaps, the news sitemap and robots.txt: validated against the protocols' schemas (tests/data/xsd)."""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import quote

import pytest
from lxml import etree

from generator.pages import sitemaps
from tests.magazine import BASE, output_file, write_magazine
from tests.sites import NOW, files, one_worker_plans_every_language, read, run

XSD = Path(__file__).parent / "data" / "xsd"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"
NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@pytest.fixture(scope="module")
def schemas():
    return {name: etree.XMLSchema(etree.parse(str(XSD / f"{name}.xsd"))) for name in ("urlset", "siteindex")}


@pytest.fixture(scope="module")
def magazine(tmp_path_factory):
    root = write_magazine(tmp_path_factory.mktemp("sitemaps"))
    run(root)
    return root


def valid(schemas, name, path: Path) -> etree._Element:
    doc = etree.parse(str(path))
    assert schemas[name].validate(doc), f"{path.name}: {schemas[name].error_log}"
    return doc.getroot()


def listed_pages(out: Path) -> set[Path]:
    """Every HTML page a search engine should see: all but the root redirect, the 404s and the search pages."""
    return {p for p in out.rglob("*.html") if p.relative_to(out).as_posix() != "index.html"
            and p.name != "404.html" and p.parent.name != "search"}


def test_sitemap_lists_every_page_with_its_alternates(magazine, schemas):
    out = magazine / "output"
    urlset = valid(schemas, "urlset", out / "sitemap.xml")
    urls = urlset.findall(f"{SM}url")
    locs = [u.findtext(f"{SM}loc") for u in urls]
    assert len(locs) == len(set(locs))
    assert {output_file(out, loc) for loc in locs} == listed_pages(out)  # every page, and only pages that exist
    graph = {u.findtext(f"{SM}loc"): {a.get("hreflang"): a.get("href") for a in u.findall(f"{XHTML}link")}
             for u in urls}
    article = BASE + "/ar/2025/12/tanger-med/"
    assert graph[article] == {"ar": article, "fr": BASE + "/fr/2025/12/tanger-med/", "x-default": article}
    section = BASE + quote("/fr/sections/économie/")
    assert graph[section]["ar"] == BASE + quote("/ar/sections/اقتصاد/")
    assert graph[BASE + "/ar/2024/06/first/"] == {}  # no translation, no alternates
    for loc, alternates in graph.items():
        for lang, href in alternates.items():
            assert href in graph, href  # every alternate is itself listed...
            if lang != "x-default":
                assert graph[href] == alternates  # ...and names the same versions, itself included
    lastmods = {u.findtext(f"{SM}loc"): u.findtext(f"{SM}lastmod") for u in urls}
    assert lastmods[article] == "2025-12-31T10:00:00+01:00"
    assert lastmods[BASE + "/ar/"] == "2025-12-31T10:00:00+01:00"


def test_news_sitemap_has_the_last_two_days(magazine, schemas):
    out = magazine / "output"
    urlset = valid(schemas, "urlset", out / "news-sitemap.xml")
    news = [(u.findtext(f"{SM}loc"), u.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}name"),
             u.findtext(f"{NEWS}news/{NEWS}publication/{NEWS}language"),
             u.findtext(f"{NEWS}news/{NEWS}publication_date"), u.findtext(f"{NEWS}news/{NEWS}title"))
            for u in urlset.findall(f"{SM}url")]
    assert news == [
        (BASE + "/fr/2025/12/tanger-med/", "Le magazine de test", "fr", "2025-12-31T11:00:00+01:00",
         "Tanger Med\u202f: nouveau record"),  # French typography, as on the page
        (BASE + "/ar/2025/12/tanger-med/", "مجلة الاختبار", "ar", "2025-12-31T10:00:00+01:00",
         "Tanger Med: رقم قياسي جديد للحاويات"),
        (BASE + "/ar/2025/12/yesterday/", "مجلة الاختبار", "ar", "2025-12-30T20:00:00+01:00", "خبر الأمس"),
    ]  # "older" (2025-12-29) is past the window
    for loc, *_ in news:
        assert output_file(out, loc).is_file()


def test_robots_names_both_sitemaps(magazine):
    robots = read(magazine, "robots.txt")
    assert f"Sitemap: {BASE}/sitemap.xml" in robots.splitlines()
    assert f"Sitemap: {BASE}/news-sitemap.xml" in robots.splitlines()


def test_news_window_moves_with_the_clock(tmp_path, schemas, monkeypatch):
    root = write_magazine(tmp_path)
    (root / "static").mkdir()
    (root / "static/robots.txt").write_text("Disallow: /drafts/\n", encoding="utf-8")
    run(root, now=NOW + dt.timedelta(days=1, hours=6))  # 2026-01-02T06:00Z: only the two Tanger Med stories
    locs = [u.findtext(f"{SM}loc") for u in valid(schemas, "urlset", root / "output/news-sitemap.xml")]
    assert locs == [BASE + "/fr/2025/12/tanger-med/", BASE + "/ar/2025/12/tanger-med/"]
    monkeypatch.setattr(sitemaps, "NEWS_LIMIT", 1)
    run(root, now=NOW)
    locs = [u.findtext(f"{SM}loc") for u in valid(schemas, "urlset", root / "output/news-sitemap.xml")]
    assert locs == [BASE + "/fr/2025/12/tanger-med/"]
    run(root, now=NOW + dt.timedelta(days=3))  # nothing recent: no news sitemap (an empty one is not valid)
    assert not (root / "output/news-sitemap.xml").exists()
    robots = read(root, "robots.txt")
    assert "news-sitemap" not in robots and "Disallow: /drafts/" in robots


def test_a_large_site_gets_a_sitemap_index(tmp_path, schemas, monkeypatch):
    root = write_magazine(tmp_path)
    run(root)
    single = {u.findtext(f"{SM}loc") for u in valid(schemas, "urlset", root / "output/sitemap.xml")}
    monkeypatch.setattr(sitemaps, "SITEMAP_LIMIT", 10)
    run(root, clean=True)  # a change of majalla itself: the cache does not know it
    out = root / "output"
    index = valid(schemas, "siteindex", out / "sitemap.xml")
    parts = [s.findtext(f"{SM}loc") for s in index.findall(f"{SM}sitemap")]
    assert parts == [f"{BASE}/sitemap-{n}.xml" for n in range(1, len(parts) + 1)] and len(parts) > 1
    split = []
    for part in parts:
        urls = valid(schemas, "urlset", output_file(out, part)).findall(f"{SM}url")
        assert 1 <= len(urls) <= 10
        split += [u.findtext(f"{SM}loc") for u in urls]
    assert sorted(split) == sorted(single)
    assert f"Sitemap: {BASE}/sitemap.xml" in read(root, "robots.txt")


def test_sitemaps_follow_the_site_through_incremental_builds(tmp_path):
    root = write_magazine(tmp_path)
    run(root)
    path = root / "content/ar/2025/12/yesterday.md"
    path.write_text(path.read_text(encoding="utf-8").replace("\ntitle:", "\nslug: amss\ntitle:", 1), encoding="utf-8")
    run(root, now=NOW + dt.timedelta(hours=1))
    run(root, now=NOW + dt.timedelta(hours=1), output=tmp_path / "clean", clean=True)
    assert files(root / "output") == files(tmp_path / "clean")
    assert "/ar/2025/12/amss/" in read(root, "sitemap.xml") and "yesterday" not in read(root, "news-sitemap.xml")


def test_a_site_planned_by_language_lists_each_page_once(tmp_path, monkeypatch):
    """One forked worker plans both languages of a split plan (large sites, built again): the sitemap of the
    second build lists every page once, as a clean build does (it once listed the first language twice)."""
    root = write_magazine(tmp_path / "site")
    run(root, jobs=2)
    calls = one_worker_plans_every_language(monkeypatch)
    path = root / "content/fr/2025/12/tanger-med.md"
    path.write_text(path.read_text(encoding="utf-8").replace("nouveau record", "record battu"), encoding="utf-8")
    run(root, jobs=2)
    assert calls == [1]  # the second build was planned by language
    locs = [u.findtext(f"{SM}loc") for u in etree.parse(str(root / "output/sitemap.xml")).getroot()]
    assert len(locs) > 30 and len(locs) == len(set(locs))
    run(root, output=tmp_path / "clean", clean=True)
    assert read(root, "sitemap.xml") == (tmp_path / "clean/sitemap.xml").read_text(encoding="utf-8")
