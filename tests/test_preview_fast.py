"""The preview shows a saved article first (preview/fast.py): one page rendered from what the last build read,
written as the build writes, the browsers told to reload; then the normal passes, whose output replaces it and
is byte-identical to a clean build. Saves that move the article in the site, and every other change, take the
normal path."""
from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from generator.build.options import BuildOptions
from generator.build.pipeline import build
from generator.build.rendering import Renderer
from generator.preview import fast
from generator.preview.builder import Built, EditorCheck, Preview, Settings
from generator.preview.passes import HOLD, Passes, Say
from tests.sites import article, write_site
from tests.support import tools
from tests.support.serving import Server

STORY = "content/ar/2024/06/story.md"
PAGE = "ar/2024/06/story/index.html"
BASE = "http://127.0.0.1:8000/"
EPOCH = "1719792000"  # 2024-07-01: the clock of every build here (the preview's and the clean ones)


def story(body: str = "النص الأول للقصة.", title: str = "قصة للمعاينة", **keys) -> str:
    return article(title, "2024-06-26", body, **{"tags": ["سياسة"], "section": "أخبار", **keys})


@pytest.fixture
def site(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return write_site(tmp_path / "site", f"""
-- {STORY} --
{story()}
-- content/ar/2024/06/other.md --
{article("خبر آخر", "2024-06-25", "نص آخر.", tags=["سياسة"], section="أخبار")}
-- content/ar/2024/06/third.md --
{article("خبر ثالث", "2024-06-27", "نص ثالث.", section="أخبار")}
-- content/fr/2024/06/story.md --
{article("Une histoire", "2024-06-26", "Le texte.")}
""")


class Recorder:
    """The builder's passes with what they tell the server recorded, and the pages rendered counted."""

    def __init__(self, site: Path, monkeypatch, search: bool = False):
        self.site = site
        self.preview = Preview(Settings(site, BASE, jobs=1, search=search, quiet=True))
        self.told: list = []  # (what was told, pages rendered until then, the article's page then)
        self.rendered = 0
        real = Renderer.render

        def counted(renderer, page):
            self.rendered += 1
            return real(renderer, page)
        monkeypatch.setattr(Renderer, "render", counted)
        self.passes = Passes(self.preview, self.tell, Say(self.preview), threading.Event())
        self.passes.first()
        assert self.told[-1][0].problems == ()

    def tell(self, said: Built | EditorCheck) -> None:
        page = self.preview.out / PAGE
        self.told.append((said, self.rendered, page.read_text(encoding="utf-8") if page.exists() else None))

    def save(self, *names: str, text: str | None = None) -> list:
        """Write `text` into the one file named (when given), then the passes of that burst; what they told."""
        if text is not None:
            (self.site / names[0]).write_text(text, encoding="utf-8")
        self.told, self.rendered = [], 0
        self.passes.changed(tuple(str(self.site / n) for n in names))
        return self.told

    def firsts(self) -> list:
        return [t for t in self.told if isinstance(t[0], Built) and t[0].first]


def clean_build(site: Path, out: Path, search: bool = False) -> Path:
    build(BuildOptions(site=site, output=out, drafts=True, future=True, base_url=BASE, jobs=1, search=search,
                       live=True))
    return out


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def assert_same_as_clean(recorder: Recorder, tmp_path: Path) -> None:
    clean = clean_build(recorder.site, tmp_path / "clean", recorder.preview.settings.search)
    assert tree(recorder.preview.out) == tree(clean)


def test_a_saved_article_is_shown_first_alone_then_the_build_replaces_it(site, monkeypatch, tmp_path):
    r = Recorder(site, monkeypatch)
    home_before = (r.preview.out / "ar/index.html").read_text(encoding="utf-8")
    told = r.save(STORY, text=story("النص الثاني للقصة.", title="عنوان جديد للقصة"))
    first, rendered, page = told[0]
    assert first.first and first.reload and first.problems == ()
    assert rendered == 1  # one page rendered before any build
    assert "النص الثاني للقصة" in page and "عنوان جديد للقصة" in page and "النص الأول" not in page
    # the rest of the site is the last build's until the build has run
    assert len(r.firsts()) == 1
    assert not any(isinstance(t[0], Built) and not t[0].first for t in told[:1])
    last, rendered_after, page_after = told[-1]
    assert not last.first and last.problems == () and rendered_after > 1
    assert "عنوان جديد للقصة" not in home_before
    assert "عنوان جديد للقصة" in (r.preview.out / "ar/index.html").read_text(encoding="utf-8")
    assert_same_as_clean(r, tmp_path)


def test_after_the_page_shown_first_one_build_brings_the_pages_and_the_index(site, monkeypatch, tmp_path):
    """The page the writer has open is served first; the pages and the search index then come in one build
    (before, a pass for the pages came first and the index waited a whole build more: 132 s at 10,000
    articles a language on a loaded machine). A save that cannot be shown first keeps the two passes, the
    pages first."""
    r = Recorder(site, monkeypatch, search=True)
    builds: list = []
    real = r.preview.rebuild
    monkeypatch.setattr(r.preview, "rebuild", lambda search_later=False: builds.append(search_later) or real(
        search_later=search_later))
    told = r.save(STORY, text=story("نص يبحث عنه القراء."))
    kinds = [("first" if t[0].first else "built") for t in told if isinstance(t[0], Built)]
    assert kinds == ["first", "built"] and builds == [False]  # the page, then the pages with the index
    assert told[0][1] == 1 and "نص يبحث عنه القراء" in told[0][2]
    assert "نص يبحث عنه القراء" in (r.preview.out / PAGE).read_text(encoding="utf-8")
    assert_same_as_clean(r, tmp_path)  # the search index too
    builds.clear()
    told = r.save(STORY, text=story("نص آخر.", tags=["اقتصاد"]))  # its tags moved: the normal path
    kinds = [("first" if t[0].first else "built") for t in told if isinstance(t[0], Built)]
    assert kinds == ["built", "built"] and builds == [True, False]  # the pages, then the search index


@pytest.mark.parametrize("change", [
    dict(slug="another-slug"), dict(tags=["اقتصاد"]), dict(section="رياضة"), dict(series="ملف"),
    dict(translation_key="another-story"), dict(draft=True), dict(featured=True), dict(aliases=["/old/"]),
    dict(author="سلمى"), dict(translator="Anne"), dict(date="2024-06-20"),
])
def test_a_save_that_moves_the_article_takes_the_normal_path(site, monkeypatch, tmp_path, change):
    r = Recorder(site, monkeypatch)
    text = story("نص جديد.", **{k: v for k, v in change.items() if k != "date"})
    if "date" in change:
        text = text.replace("date: 2024-06-26", f"date: {change['date']}")
    told = r.save(STORY, text=text)
    assert r.firsts() == [] and told and told[-1][0].problems == ()
    assert_same_as_clean(r, tmp_path)


def test_every_other_change_takes_the_normal_path(site, monkeypatch, tmp_path):
    r = Recorder(site, monkeypatch)
    # a new article
    assert r.save("content/ar/2024/06/new.md", text=article("خبر جديد", "2024-06-28", "نص.")) and r.firsts() == []
    # two articles in one burst
    (site / "content/ar/2024/06/other.md").write_text(article("خبر آخر", "2024-06-25", "نص معدل.", tags=["سياسة"],
                                                              section="أخبار"), encoding="utf-8")
    (site / STORY).write_text(story("نص معدل للقصة."), encoding="utf-8")
    r.save("content/ar/2024/06/other.md", STORY)
    assert r.firsts() == [] and "نص معدل للقصة" in (r.preview.out / PAGE).read_text(encoding="utf-8")
    # a deleted article
    (site / "content/ar/2024/06/new.md").unlink()
    r.save("content/ar/2024/06/new.md")
    assert r.firsts() == [] and not (r.preview.out / "ar/2024/06/new/index.html").exists()
    # a template, the settings, a UI string
    override = site / "templates/article.html"
    override.parent.mkdir()
    override.write_text('{% extends "theme/article.html" %}{% block main %}<p>أول</p>{{ super() }}{% endblock %}')
    r.save("templates/article.html")
    assert r.firsts() == [] and "<p>أول</p>" in (r.preview.out / PAGE).read_text(encoding="utf-8")
    settings = site / "site.toml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("per_page", "per_page") + "\n", encoding="utf-8")
    r.save("site.toml")
    assert r.firsts() == []
    # a save without a change: nothing to show first
    r.save(STORY, text=story("نص معدل للقصة."))
    assert r.firsts() == []
    assert_same_as_clean(r, tmp_path)


@pytest.mark.parametrize("read", ["the old text", "the new text"])
def test_a_save_made_while_a_build_ran_is_shown_first_once_it_has_ended(site, monkeypatch, tmp_path, read):
    """The writer saves again while the build of their last save runs (on a big archive it runs for a while):
    that save is shown first once the build has ended, planned from the site the build kept, whether the build
    read the new text or not (before, it waited for a whole build: 77 s at 10,000 articles a language)."""
    r = Recorder(site, monkeypatch)
    real = r.preview.rebuild
    again = story("نص حفظ أثناء البناء.")

    def saved_during(search_later=False):
        if read == "the new text":
            (site / STORY).write_text(again, encoding="utf-8")
        outcome = real(search_later=search_later)
        if read == "the old text":
            (site / STORY).write_text(again, encoding="utf-8")
        return outcome

    monkeypatch.setattr(r.preview, "rebuild", saved_during)
    r.save(STORY, text=story("نص أول."))
    monkeypatch.setattr(r.preview, "rebuild", real)
    told = r.save(STORY)  # the watcher's next burst: the save made during that build
    assert len(r.firsts()) == (read == "the old text")
    if r.firsts():
        assert told[0][1] == 1 and "نص حفظ أثناء البناء" in told[0][2]
    assert "نص حفظ أثناء البناء" in (r.preview.out / PAGE).read_text(encoding="utf-8")
    assert_same_as_clean(r, tmp_path)


def test_a_broken_save_is_never_shown_first_and_the_build_reports_it(site, monkeypatch):
    r = Recorder(site, monkeypatch)
    before = (r.preview.out / PAGE).read_bytes()
    told = r.save(STORY, text="---\ntitle: قصة للمعاينة\ndate: 2024-13-40\n---\nنص مكسور.\n")
    assert r.firsts() == [] and r.rendered == 0
    assert told[-1][0].problems and f"{STORY}:3" in str(told[-1][0].problems[0])
    assert (r.preview.out / PAGE).read_bytes() == before
    # fixed: the last build failed, so the fix takes the normal path, which clears the report
    told = r.save(STORY, text=story("نص مصلح."))
    assert r.firsts() == [] and told[-1][0].problems == ()
    # then the next save is shown first again
    r.save(STORY, text=story("نص بعد الإصلاح."))
    assert len(r.firsts()) == 1


def test_a_page_shown_first_is_made_again_by_the_next_build_even_when_its_text_comes_back(site, monkeypatch,
                                                                                        tmp_path):
    """The page written first is not what any build recorded: a build after the text was put back (the same
    inputs as the last build) still makes it again."""
    r = Recorder(site, monkeypatch)
    original = (site / STORY).read_bytes()
    (site / STORY).write_text(story("نص لن يبقى."), encoding="utf-8")
    assert fast.show_first(r.passes.kept, STORY) is not None
    assert "نص لن يبقى" in (r.preview.out / PAGE).read_text(encoding="utf-8")
    (site / STORY).write_bytes(original)  # put back before the build ran (the builder was killed, say)
    assert r.preview.rebuild().problems == ()
    assert_same_as_clean(r, tmp_path)


def test_the_open_page_reloads_with_the_saved_article_before_the_rest_is_built(site, monkeypatch, tmp_path):
    """The real preview and a browser: the builds of the save wait (HOLD) until the test lets them go; meanwhile
    the open page has reloaded by itself with the new text, and the home page is still the last build's."""
    hold = tmp_path / "hold"
    monkeypatch.setenv(HOLD, str(hold))
    server = Server(site)
    try:
        with tools.browser() as browser:
            opened = tools.open_page(browser, server.url + "ar/2024/06/story/")
            page = opened.page
            page.wait_for_function("() => window.LiveReload && window.LiveReload.connector && "
                                   "window.LiveReload.connector._isSocketConnected()", timeout=20000)
            hold.touch()
            mark = len(server.drain())
            (site / STORY).write_text(story("نص يظهر أولا.", title="عنوان يظهر أولا"), encoding="utf-8")
            page.wait_for_function("() => document.body?.innerText.includes('نص يظهر أولا')", timeout=20000)
            server.wait_for_line("shown first in", 10)
            status, home = server.get("/ar/")
            assert status == 200 and "عنوان يظهر أولا" not in home  # the builds are still held
            assert not any("rebuilt in" in line for line in server.drain()[mark:])
            hold.unlink()
            server.wait_for("/ar/", lambda t: "عنوان يظهر أولا" in t)
            assert opened.external_requests == []
            opened.close()
    finally:
        server.stop()


def test_the_builder_holds_one_site_at_a_time_and_a_restarted_one_shows_first_too(site, monkeypatch):
    """The kept site is let go of before each build (two would double the preview's memory); a builder started
    again on a preview that is up to date reads the site all the same (its first build does not stop at "up to
    date"), so its first save is shown first."""
    r = Recorder(site, monkeypatch)
    real = Preview.rebuild
    kept_during: list = []

    def rebuild(preview, *args, **kwargs):
        kept_during.append(r.passes.kept)
        return real(preview, *args, **kwargs)
    monkeypatch.setattr(Preview, "rebuild", rebuild)
    r.save(STORY, text=story("نص للذاكرة."))
    assert kept_during == [None] and r.passes.kept is not None
    again = Recorder(site, monkeypatch)  # the builder started again (killed, say): the preview is up to date
    assert again.passes.kept is not None
    again.save(STORY, text=story("نص بعد إعادة التشغيل."))
    assert len(again.firsts()) == 1


def test_the_builders_passes_leave_no_site_that_only_the_cycle_collector_frees(site, monkeypatch):
    """The builder builds save after save in one process, with the cycle collector off while it builds (the
    model has millions of objects). What a build leaves in a reference cycle stays until a full collection,
    which a big heap rarely gets: a planner in a cycle of its own (a card maker's lambda holding it) kept the
    whole site of every build, and the preview grew by 150 MB a save at 10,000 articles a language (1.93 GB
    after seven). After a save's passes, nothing of a site is garbage that only a collection would free."""
    import gc

    from generator.content.articles import Article
    from generator.content.model import Edition, Site

    r = Recorder(site, monkeypatch)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        r.save(STORY, text=story("نص بعد الحفظ."))
        gc.collect()
        held = {type(o).__name__ for o in gc.garbage if isinstance(o, (Article, Edition, Site))}
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert held == set()


def indexed_words(out: Path) -> str:
    """The text of every fragment of the search index in `out` (what a search shows and finds)."""
    import gzip

    return " ".join(gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
                    for f in sorted((out / "pagefind").rglob("fragment/*")))


def test_the_search_index_finds_the_saved_text_before_the_build_of_the_rest(site, monkeypatch, tmp_path):
    """After the page shown first, the part of the index that holds the article is made again from the kept
    site, before the build of the rest: the search finds the new text seconds after a save, not after a build
    of the whole archive (10 to 14 s at 10,000 articles a language). The build then makes the part again, and
    the preview is a clean build's, index included."""
    r = Recorder(site, monkeypatch, search=True)
    before_passes: list = []
    real = r.passes.passes
    monkeypatch.setattr(r.passes, "passes", lambda paths, shown=False: (
        before_passes.append(indexed_words(r.preview.out)), real(paths, shown)))
    r.save(STORY, text=story("كلمةجديدةللبحث في النص."))
    assert len(r.firsts()) == 1
    assert "كلمةجديدةللبحث" in before_passes[0]
    assert "كلمةجديدةللبحث" in indexed_words(r.preview.out)
    assert_same_as_clean(r, tmp_path)


def test_a_search_index_that_fails_first_is_made_by_the_build(site, monkeypatch, tmp_path, capsys):
    """Pagefind failing on the part made first takes nothing down and prints nothing of its own: the page was
    shown, and the build that follows indexes the part as always (and would report the failure, with its fix)."""
    r = Recorder(site, monkeypatch, search=True)

    def broken(*args):
        raise fast.search.failure("Pagefind failed: 09: stopped (exit code 101)")

    import types

    monkeypatch.setattr(fast, "search", types.SimpleNamespace(**{**vars(fast.search), "build_parts": broken}))
    r.save(STORY, text=story("نص بعد عطل الفهرس."))
    assert len(r.firsts()) == 1 and "Traceback" not in capsys.readouterr().err
    assert "نص بعد عطل الفهرس" in indexed_words(r.preview.out)
    assert_same_as_clean(r, tmp_path)


def test_an_index_in_other_parts_than_the_kept_sites_is_left_to_the_build(site, monkeypatch, tmp_path):
    """The part is made first only when the index on disk is in the parts the kept site plans (the same
    folders): else writing one part would mix two partitions, and the build makes the index as always."""
    import dataclasses

    r = Recorder(site, monkeypatch, search=True)
    real_plan = fast.plan_parts
    monkeypatch.setattr(fast, "plan_parts", lambda *args: (  # one part more than the index on disk has
        *real_plan(*args), *(dataclasses.replace(p, number=p.number + 1) for p in real_plan(*args))))
    before_passes: list = []
    real = r.passes.passes
    monkeypatch.setattr(r.passes, "passes", lambda paths, shown=False: (
        before_passes.append(indexed_words(r.preview.out)), real(paths, shown)))
    r.save(STORY, text=story("كلمةلاتفهرسأولا في النص."))
    assert len(r.firsts()) == 1 and "كلمةلاتفهرسأولا" not in before_passes[0]
    assert not (r.preview.out / "pagefind/ar/01").exists()
    assert "كلمةلاتفهرسأولا" in indexed_words(r.preview.out)
    assert_same_as_clean(r, tmp_path)
