"""The speed issue: incremental builds proven by counting work, and equal to clean builds."""
from __future__ import annotations

import os
import shutil
import time

import pytest

from generator.theme.templates import BUNDLED_THEMES
from tests.sites import article, files, one_worker_plans_every_language, run, write_site


def make(tmp_path):
    return write_site(tmp_path / "site", f"""
-- content/ar/2024/01/a.md --
{article("أ", "2024-01-10", "نص أ.", section="مجتمع", tags=["وسم"])}
-- content/ar/2024/02/b.md --
{article("ب", "2024-02-10", "نص ب.", section="مجتمع", tags=["وسم", "آخر"])}
-- content/ar/2024/03/c.md --
{article("ج", "2024-03-10", "نص ج.", section="اقتصاد", tags=["آخر"], translation_key="c")}
-- content/fr/2024/03/c.md --
{article("C", "2024-03-10", "Texte c.", section="Économie", tags=["autre"], translation_key="c")}
-- content/ar/2023/05/old.md --
{article("قديم", "2023-05-10", "نص قديم.", section="ثقافة", tags=["ذاكرة"])}
-- content/ar/2024/01/photo.jpg --
not really a jpeg
""")


def test_second_build_parses_renders_and_writes_nothing(tmp_path):
    site = make(tmp_path)
    first = run(site)
    assert first.rendered > 20 and first.parsed == 5
    before = {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")}
    second = run(site)
    assert (second.parsed, second.rendered, second.copied, second.wrote) == (0, 0, 0, False)
    assert {p: p.stat().st_mtime_ns for p in (site / "output").rglob("*")} == before


def test_touching_a_file_without_changing_it_renders_nothing(tmp_path):
    site = make(tmp_path)
    run(site)
    path = site / "content/ar/2024/02/b.md"
    os.utime(path, (time.time() + 5, time.time() + 5))
    report = run(site)
    assert (report.parsed, report.rendered) == (0, 0)


def test_one_edit_renders_the_article_and_the_lists_that_show_it(tmp_path):
    site = make(tmp_path)
    run(site)
    path = site / "content/ar/2024/02/b.md"
    path.write_text(path.read_text(encoding="utf-8").replace("نص ب.", "نص ب المعدل."), encoding="utf-8")
    report = run(site)
    assert report.parsed == 1
    # the summary changed: the article, and every list, feed and neighbour that shows its card
    expected = {
        "ar/2024/02/b/index.html", "ar/index.html", "ar/page/2/index.html", "ar/feed.xml",
        "ar/2024/index.html", "ar/2024/02/index.html", "ar/sections/مجتمع/index.html", "ar/sections/مجتمع/feed.xml",
        "ar/tags/وسم/index.html", "ar/tags/وسم/feed.xml", "ar/tags/اخر/index.html", "ar/tags/اخر/feed.xml",
        "ar/authors/index.html",
        "ar/search/index.html",  # it names the search index's parts, one of which holds the article
        # related articles and newer/older neighbours show its card
        "ar/2024/01/a/index.html", "ar/2024/03/ج/index.html", "ar/2024/03/c/index.html",
    }
    rendered = set(report.rendered_paths)
    assert "ar/2024/02/b/index.html" in rendered
    assert rendered <= expected | {p for p in rendered if p.startswith(("ar/page/", "ar/2024/page/"))}
    assert not any(p.startswith("fr/") for p in rendered)
    assert "ar/2023/05/old/index.html" not in rendered and "ar/archive/index.html" not in rendered


def test_body_only_edit_renders_only_that_article_and_full_feeds(tmp_path):
    site = make(tmp_path)
    run(site)
    path = site / "content/ar/2024/02/b.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة ثانية.\n", encoding="utf-8")
    report = run(site)
    assert set(report.rendered_paths) == {"ar/2024/02/b/index.html", "ar/feed.xml", "ar/tags/وسم/feed.xml",
                                          "ar/tags/اخر/feed.xml", "ar/sections/مجتمع/feed.xml"}  # not the search page


def test_related_articles_are_found_again_only_when_tags_sections_or_dates_change(tmp_path, monkeypatch):
    from generator.content import model

    calls = []
    real = model.related_articles
    monkeypatch.setattr(model, "related_articles", lambda *args: calls.append(1) or real(*args))
    site = make(tmp_path)
    run(site)
    path = site / "content/ar/2024/02/b.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة ثانية.\n", encoding="utf-8")
    run(site)
    assert len(calls) == 1  # a text edit: the previous answer, from the cache
    path.write_text(path.read_text(encoding="utf-8").replace("- آخر", "- ذاكرة"), encoding="utf-8")
    run(site)
    assert len(calls) == 2
    assert "/ar/2023/05/old/" in (site / "output/ar/2024/02/b/index.html").read_text(encoding="utf-8")


def test_the_preview_and_the_published_site_keep_their_related_articles_apart(tmp_path, monkeypatch):
    """A writer runs `serve` (drafts and future articles in) and `build` in turn on one cache: each keeps its
    own answer, so neither makes the related articles again after the other ran (1.2 s at 10,000 articles a
    language, at every switch, when they shared one)."""
    from generator.content import model

    calls = []
    real = model.related_articles
    monkeypatch.setattr(model, "related_articles", lambda *args: calls.append(1) or real(*args))
    site = make(tmp_path)
    (site / "content/ar/2024/04/draft.md").parent.mkdir(parents=True)
    (site / "content/ar/2024/04/draft.md").write_text(article("مسودة", "2024-04-10", "نص.", tags=["وسم"], draft=True),
                                                      encoding="utf-8")
    preview = dict(output=site / ".cache/preview", drafts=True, future=True)
    path = site / "content/ar/2024/02/b.md"
    for n, options in enumerate(({}, preview, {}, preview)):
        path.write_text(path.read_text(encoding="utf-8") + f"\nفقرة {n}.\n", encoding="utf-8")  # a text edit
        run(site, **options)
    assert len(calls) == 2


def test_template_edit_renders_only_the_pages_that_use_it(tmp_path):
    site = make(tmp_path)
    (site / "templates").mkdir()
    shutil.copy(BUNDLED_THEMES / "majalla/templates/tags.html", site / "templates/tags.html")
    run(site)
    tags = site / "templates/tags.html"
    tags.write_text(tags.read_text(encoding="utf-8").replace("<h1>", '<h1 class="changed">'), encoding="utf-8")
    report = run(site)
    assert set(report.rendered_paths) == {"ar/tags/index.html", "fr/tags/index.html"}


def test_config_edit_renders_everything(tmp_path):
    site = make(tmp_path)
    first = run(site)
    toml = site / "site.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace("per_page = 2", "per_page = 3"), encoding="utf-8")
    report = run(site)
    assert report.parsed == 0  # parsing does not depend on per_page
    assert report.rendered >= first.rendered - 5


def test_deleting_an_article_leaves_no_stale_file(tmp_path):
    site = make(tmp_path)
    run(site)
    (site / "content/ar/2023/05/old.md").unlink()
    report = run(site)
    out = site / "output"
    assert not (out / "ar/2023").exists()
    assert not (out / "ar/tags/ذاكرة").exists()
    assert not (out / "ar/sections/ثقافة").exists()
    assert "2023" not in (out / "ar/archive/index.html").read_text(encoding="utf-8")
    assert report.removed >= 4


def test_clean_ignores_the_cache(tmp_path):
    site = make(tmp_path)
    run(site)
    report = run(site, clean=True)
    assert report.parsed == 5


def test_corrupt_cache_is_discarded_with_a_warning(tmp_path):
    site = make(tmp_path)
    run(site)
    (site / ".cache/majalla.sqlite").write_bytes(b"this is not a database" * 100)
    for suffix in ("-wal", "-shm"):
        (site / f".cache/majalla.sqlite{suffix}").unlink(missing_ok=True)
    report = run(site)
    assert report.parsed == 5
    assert any("cache" in w.message for w in report.warnings)


def test_foreign_cache_is_discarded(tmp_path):
    import sqlite3
    site = make(tmp_path)
    run(site)
    db = sqlite3.connect(site / ".cache/majalla.sqlite")
    db.execute("UPDATE meta SET value = 'someone-else' WHERE key = 'application'")
    db.commit()
    db.close()
    assert run(site).parsed == 5


def test_scheduled_article_appears_when_due(tmp_path):
    import datetime as dt
    site = make(tmp_path)
    (site / "content/ar/2024/12").mkdir(parents=True)
    (site / "content/ar/2024/12/soon.md").write_text(article("قريبا", "2025-06-01"), encoding="utf-8")
    run(site, now=dt.datetime(2025, 1, 1, tzinfo=dt.timezone.utc))
    assert not (site / "output/ar/2025").exists()
    report = run(site, now=dt.datetime(2025, 7, 1, tzinfo=dt.timezone.utc))
    assert report.wrote and (site / "output/ar/2025/06/soon/index.html").is_file()


@pytest.mark.parametrize("split", [False, True], ids=["one-plan", "planned-by-language"])
def test_incremental_equals_clean_after_every_step(tmp_path, monkeypatch, split):
    """`split`: the incremental builds plan the languages in a forked worker (one worker for all of them,
    as happens when a worker is free first), then again only the pages to render, as a large site would."""
    if split:
        calls = one_worker_plans_every_language(monkeypatch)
    site = make(tmp_path)
    clean_site = tmp_path / "clean"  # a copy of the site built from nothing: the site's own cache is kept

    def step(change):
        change()
        run(site, jobs=2 if split else 1)
        shutil.rmtree(clean_site, ignore_errors=True)
        shutil.copytree(site, clean_site, ignore=shutil.ignore_patterns("output", ".cache"))
        run(clean_site)
        incremental, clean = files(site / "output"), files(clean_site / "output")
        assert incremental.keys() == clean.keys()
        for path in incremental:
            assert incremental[path] == clean[path], path

    content = site / "content"
    step(lambda: None)
    step(lambda: (content / "ar/2024/02/b.md").write_text(article("ب معدل", "2024-02-11", "جديد.", tags=["وسم"]),
                                                          encoding="utf-8"))
    step(lambda: (content / "ar/2024/04").mkdir() or (content / "ar/2024/04/d.md").write_text(
        article("د", "2024-04-01", "نص.", section="اقتصاد", tags=["آخر", "جديد"], featured=True), encoding="utf-8"))
    step(lambda: (content / "ar/2024/01/a.md").unlink())
    step(lambda: (content / "fr/2024/03/c.md").write_text(article("C bis", "2024-03-10", "Texte.", translation_key="c"),
                                                          encoding="utf-8"))
    step(lambda: (content / "ar/2023/05/old.md").rename(content / "ar/2023/05/renamed.md"))
    step(lambda: (site / "static").mkdir() or (site / "static/robots.txt").write_text("Disallow: /x/\n"))
    step(lambda: (content / "ar/2024/03/c.md").unlink())
    # a tag's name is its most used spelling: two more «اخر» rename it on the cards of unchanged articles
    step(lambda: (content / "ar/2024/05").mkdir() or [(content / f"ar/2024/05/{n}.md").write_text(
        article(n, f"2024-05-0{n}", "نص.", tags=["اخر"]), encoding="utf-8") for n in "12"])
    if split:
        assert len(calls) >= 8  # every build after the first


def test_a_page_that_vanishes_from_output_during_a_split_plan_is_planned_and_made_again(tmp_path, monkeypatch):
    """A split plan plans again only the stale pages; one whose file is gone from output/ by the time the new
    tree is staged is planned then (output_plan.plan_more) and rendered."""
    from generator.build import pipeline as build_module

    one_worker_plans_every_language(monkeypatch)
    site = make(tmp_path)
    run(site, jobs=2)
    gone = site / "output/fr/2024/03/c/index.html"
    real = build_module.plan_output

    def plan_then_lose_a_file(*args):
        plan = real(*args)
        assert "fr/2024/03/c/index.html" not in {p.path for p in plan.pages}  # unchanged: not planned whole
        gone.unlink()
        return plan

    monkeypatch.setattr(build_module, "plan_output", plan_then_lose_a_file)
    monkeypatch.setattr(build_module, "PATCH_SHARE", 0)  # a new tree, whose unchanged files are linked
    path = site / "content/ar/2024/02/b.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nفقرة ثانية.\n", encoding="utf-8")
    report = run(site, jobs=2)
    assert "fr/2024/03/c/index.html" in report.rendered_paths and gone.is_file()
    monkeypatch.undo()
    run(site, output=tmp_path / "clean", clean=True)
    assert files(site / "output") == files(tmp_path / "clean")
