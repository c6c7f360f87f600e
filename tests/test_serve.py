"""The preview: the real `serve` command in a subprocess on a free port, edits on disk, pages over HTTP."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.commands.serve import listen
from generator.preview.panel import PANEL_ID, inject, panel
from generator.errors import Problem
from generator.preview.watcher import Watcher
from tests.sites import article, read, run, write_site
from tests.support import tools
from tests.support.serving import REPO, Server

STORY = "content/ar/2024/06/story.md"


@pytest.fixture
def site(tmp_path):
    return write_site(tmp_path, f"""
-- {STORY} --
{article("قصة للمعاينة", "2024-06-26", "النص الأول للقصة.")}
-- content/ar/2024/06/draft.md --
{article("مسودة لم تنشر", "2024-06-20", "نص المسودة.", draft=True)}
-- content/ar/2099/01/later.md --
{article("خبر مجدول", "2099-01-01", "نص لاحق.")}
-- content/fr/2024/06/story.md --
{article("Une histoire", "2024-06-26", "Le texte.")}
""")


@pytest.fixture
def server(site):
    s = Server(site)
    yield s
    s.stop()


def story_text(new: str, front: str = "") -> str:
    return article("قصة للمعاينة", "2024-06-26", new).replace("---\n", f"---\n{front}", 1) if front else \
        article("قصة للمعاينة", "2024-06-26", new)


def test_edit_break_and_fix_an_article_while_serving(site, server):
    page = "/ar/2024/06/story/"
    status, text = server.get(page)
    assert status == 200 and "النص الأول للقصة" in text and 'src="/livereload.js"' in text
    assert PANEL_ID not in text

    (site / STORY).write_text(story_text("النص الثاني للقصة."), encoding="utf-8")
    text = server.wait_for(page, lambda t: "النص الثاني للقصة" in t)  # within a few seconds (10 at most)

    # a broken front matter: the old text stays served, with the problem named at its path:line
    (site / STORY).write_text("---\ntitle: قصة للمعاينة\ndate: 2024-13-40\n---\nالنص الثالث.\n", encoding="utf-8")
    text = server.wait_for(page, lambda t: PANEL_ID in t)
    assert "النص الثاني للقصة" in text and "النص الثالث" not in text
    assert f"{STORY}:3" in text and "2024-13-40" in text
    other = server.wait_for("/fr/", lambda t: PANEL_ID in t)  # every HTML page carries the panel
    assert "Une histoire" in other
    server.wait_for_line(f"{STORY}:3: date:", 5)  # and the terminal says it, with path:line

    (site / STORY).write_text(story_text("النص الثالث للقصة."), encoding="utf-8")
    text = server.wait_for(page, lambda t: PANEL_ID not in t and "النص الثالث للقصة" in t)

    # deleting an article is seen too
    (site / "content/fr/2024/06/story.md").unlink()
    server.wait_for("/fr/2024/06/story/", lambda t: PANEL_ID not in t and "Une histoire" not in t)


def test_a_burst_of_writes_is_one_rebuild(site, server):
    server.drain()
    before = sum("rebuilt in" in line for line in server.lines)
    staged = site / "staged"  # outside what the preview watches: the 20 files appear at once, as a checkout
    staged.mkdir()  # makes them (written one by one, a busy machine could part them by more than the quiet time)
    for n in range(20):
        (staged / f"burst-{n}.md").write_text(article(f"خبر {n}", "2024-07-02", f"نص {n}."), encoding="utf-8")
    staged.rename(site / "content/ar/2024/07")
    server.wait_for("/ar/2024/07/", lambda t: "خبر 19" in t or "page/2" in t)
    time.sleep(1.0)  # would-be second and later rebuilds have time to show up
    assert sum("rebuilt in" in line for line in server.drain()) - before == 1


def test_drafts_and_future_articles_are_shown_and_marked_only_in_preview(site, server):
    status, text = server.get("/ar/2024/06/draft/")
    assert status == 200 and 'class="flag">مسودة<' in text
    status, text = server.get("/ar/2099/01/later/")
    assert status == 200 and 'class="flag">مجدول<' in text
    assert "مسودة لم تنشر" in server.get("/ar/")[1]
    status, text = server.get("/ar/nothing-here/")  # a missing page is the site's 404, live too
    assert status == 404 and 'src="/livereload.js"' in text
    assert not (site / "output").exists()  # the preview never writes the deployable output
    run(site)
    assert not (site / "output/ar/2024/06/draft").exists() and not (site / "output/ar/2099").exists()
    assert "مسودة لم تنشر" not in read(site, "ar/index.html")


def test_a_missing_page_answers_in_its_language(server):
    status, text = server.get("/fr/nulle-part/")
    assert status == 404 and '<html lang="fr" dir="ltr">' in text and "<h1" in text and "Page introuvable" in text
    assert "الصفحة غير موجودة" not in text
    status, text = server.get("/ar/2024/لا-شيء/")
    assert status == 404 and '<html lang="ar" dir="rtl">' in text and "Page introuvable" not in text
    status, text = server.get("/nowhere/")  # outside the languages: the root one, in every language
    assert status == 404 and "الصفحة غير موجودة" in text and "Page introuvable" in text


def test_the_browser_reloads_by_itself(site, server):
    with tools.browser() as browser:
        opened = tools.open_page(browser, server.url + "ar/2024/06/story/")
        page = opened.page
        page.wait_for_function("() => window.LiveReload && window.LiveReload.connector && "
                               "window.LiveReload.connector._isSocketConnected()", timeout=20000)
        (site / STORY).write_text(story_text("نص بعد إعادة التحميل."), encoding="utf-8")
        page.wait_for_function("() => document.body?.innerText.includes('نص بعد إعادة التحميل')",  # no body mid-reload
                               timeout=20000)
        (site / STORY).write_text("---\ntitle: [\n---\n", encoding="utf-8")
        page.wait_for_selector(f"#{PANEL_ID}", timeout=20000)
        assert "نص بعد إعادة التحميل" in page.inner_text("body")
        assert opened.external_requests == []
        opened.close()


def said_to(server, page: str, timeout: float = 3.0) -> list:
    """What the preview's live-reload socket says, within `timeout` s, to a page at `page` that connects now
    (the handshake of livereload.js: hello, then info with the page's address)."""
    import asyncio
    import json

    from tornado import httpclient, ioloop, websocket

    async def talk():
        request = httpclient.HTTPRequest(server.url.replace("http", "ws") + "livereload",
                                         headers={"Origin": server.url.rstrip("/")})
        socket = await websocket.websocket_connect(request)
        socket.write_message(json.dumps({"command": "hello", "protocols": ["http://livereload.com/protocols/official-7"]}))
        socket.write_message(json.dumps({"command": "info", "url": server.url + page.lstrip("/"), "plugins": {}}))
        said = []
        deadline = time.monotonic() + timeout
        while (left := deadline - time.monotonic()) > 0:
            try:
                message = await asyncio.wait_for(socket.read_message(), left)
            except asyncio.TimeoutError:
                break
            if message is None:
                break
            said.append(json.loads(message)["command"])
        socket.close()
        return said

    return ioloop.IOLoop().run_sync(talk, timeout=timeout + 10)


def test_a_reload_told_while_a_page_loaded_is_told_again_when_it_connects(site, server):
    """Two builds a tenth of a second apart (a page shown first, then a broken save's report) told the browsers
    to reload while one was still loading the first reload's page, its socket not yet connected: that reload
    was lost and the page stayed without its problem panel (seen in CI). A page served before the last reload
    is told to reload as soon as its socket connects; one served after it is not."""
    page = "/ar/2024/06/story/"
    assert server.get(page)[0] == 200  # served: the page as it is now
    assert said_to(server, page) == ["hello"]  # nothing reloaded since
    (site / STORY).write_text(story_text("نص بعد إعادة التحميل."), encoding="utf-8")
    server.wait_for_line("rebuilt in", 60)  # the page shown first, then the build: each told a reload
    time.sleep(0.5)
    assert said_to(server, page) == ["hello", "reload"]  # its socket connected only after the reload
    assert server.get(page)[0] == 200  # loaded again
    assert said_to(server, page) == ["hello"]


def test_kept_templates_follow_edits_and_new_overrides(site):
    out = site / ".cache/preview"
    build = lambda: run(site, output=out, live=True)  # noqa: E731
    build()
    page = out / "ar/2024/06/story/index.html"
    override = site / "templates/article.html"
    override.parent.mkdir()
    override.write_text('{% extends "theme/article.html" %}{% block main %}<p>أول</p>{{ super() }}{% endblock %}')
    build()
    assert "<p>أول</p>" in page.read_text(encoding="utf-8")
    override.write_text('{% extends "theme/article.html" %}{% block main %}<p>ثان</p>{{ super() }}{% endblock %}')
    build()
    assert "<p>ثان</p>" in page.read_text(encoding="utf-8")
    override.unlink()
    build()
    assert "<p>ثان</p>" not in page.read_text(encoding="utf-8")


def test_the_preview_does_not_parse_its_kept_templates_again(site, monkeypatch):
    """A preview's rebuild with the templates unchanged parses none of them to find what they include (it
    parsed every one, a tenth of a one-edit rebuild); an edited one is parsed again, alone."""
    import jinja2

    out = site / ".cache/preview"
    run(site, output=out, live=True)
    parsed: list = []
    real = jinja2.Environment.parse
    monkeypatch.setattr(jinja2.Environment, "parse", lambda env, source, *a, **k: parsed.append(source)
                        or real(env, source, *a, **k))
    path = site / "content/ar/2024/06/story.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nجملة أخرى.\n", encoding="utf-8")
    run(site, output=out, live=True)
    assert parsed == []
    override = site / "templates/article.html"
    override.parent.mkdir()
    override.write_text('{% extends "theme/article.html" %}{% block main %}<p>أول</p>{{ super() }}{% endblock %}')
    run(site, output=out, live=True)  # a new template file: a new environment, every template parsed
    parsed.clear()
    override.write_text('{% extends "theme/article.html" %}{% block main %}<p>ثان</p>{{ super() }}{% endblock %}')
    run(site, output=out, live=True)
    assert parsed == [override.read_text(encoding="utf-8")]
    assert "<p>ثان</p>" in (out / "ar/2024/06/story/index.html").read_text(encoding="utf-8")


def test_a_replaced_preview_still_being_removed_never_blocks_the_next_build(site, monkeypatch):
    from generator.build import pipeline as build_module
    from generator.output import stage as output

    left: list = []  # the removals never run here (as if still going on): each commit must still succeed
    monkeypatch.setattr(output, "remove", lambda folder, wait: left.append(folder))
    monkeypatch.setattr(build_module, "PATCH_SHARE", 0)  # every build swaps a whole new tree in
    out = site / ".cache/preview"
    run(site, output=out, live=True)
    for text in ("النص أ.", "النص ب."):
        (site / STORY).write_text(story_text(text), encoding="utf-8")
        run(site, output=out, live=True)
    assert len(set(left)) == 2  # each replaced tree under a name of its own: never in the way of the next
    assert "النص ب." in (out / "ar/2024/06/story/index.html").read_text(encoding="utf-8")
    monkeypatch.undo()
    (site / STORY).write_text(story_text("النص ج."), encoding="utf-8")
    run(site, output=out)  # the next build cleans up what was left
    assert not any(p.exists() for p in left)


def test_the_panel_names_each_problem_and_escapes_it():
    problems = (Problem("content/ar/x.md", 4, 'date: "<b>" is not a date'), Problem("site.toml", 0, "broken"))
    html = inject(b"<html><head><title>t</title></head><body class='k'><p>old</p></body></html>", problems).decode()
    assert html.index("/livereload.js") < html.index("</head>") < html.index(PANEL_ID) < html.index("<p>old</p>")
    assert "content/ar/x.md:4</code>: date: &quot;&lt;b&gt;&quot; is not a date" in html
    assert "<code>site.toml</code>: broken" in html and "2 problems" in panel(problems).decode()
    assert PANEL_ID not in inject(b"<html><head></head><body></body></html>", ()).decode()


def test_a_taken_port_gives_the_next_free_one():
    taken, port = listen("127.0.0.1", 0)
    try:
        sockets, other = listen("127.0.0.1", port)
        assert other != port
        for s in sockets:
            s.close()
    finally:
        for s in taken:
            s.close()


def test_serve_outside_a_site_folder_says_so(tmp_path):
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "serve", "--site", str(tmp_path), "--port", "0"],
                          cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 1 and "site.toml: not found" in done.stderr


# ---- the watcher on its own ---------------------------------------------------------------------------
def watch(folder: Path, **timing):
    calls: list = []
    watcher = Watcher(lambda: [folder], calls.append, **timing).start()
    return watcher, calls


def settle(calls: list, timeout: float = 5.0, after: float = 0.8, count: int = 1) -> None:
    """Wait for the `count`th callback (at most `timeout` s), then `after` s more for any that should not come."""
    deadline = time.monotonic() + timeout
    while len(calls) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(after)


class Writer:
    """The watched folder as a writer changes it, one step per look of the watcher, on a clock of its own:
    each look is `interval` seconds later than the last, however slow the machine (a loaded machine made the
    real clock split a burst in two)."""

    def __init__(self, folder: Path, steps, interval: float = 0.05):
        self.folder, self.steps, self.interval, self.now = folder, list(steps), interval, 0.0

    def paths(self):
        self.now += self.interval
        if self.steps:
            self.steps.pop(0)()
        return [self.folder]

    def monotonic(self) -> float:
        return self.now


def test_watcher_calls_back_once_per_burst(tmp_path, monkeypatch):
    """Twenty files written one per look make one call back with all of them; an edit after the quiet time
    makes a second call with that file alone."""
    from generator.preview import watcher as watcher_module

    writes = [lambda n=n: (tmp_path / f"{n}.md").write_text("x") for n in range(20)]
    writer = Writer(tmp_path, [lambda: None] + writes)  # the first look is the watcher's starting snapshot
    monkeypatch.setattr(watcher_module, "time", writer)
    watcher = Watcher(writer.paths, lambda changed: None, interval=0.001, quiet=0.3, longest=60)
    assert watcher.burst() == {str(tmp_path / f"{n}.md") for n in range(20)}
    assert watcher.burst() == set()
    writer.steps.append(lambda: (tmp_path / "3.md").write_text("changed, longer"))
    assert watcher.burst() == {str(tmp_path / "3.md")}


@pytest.mark.parametrize("notify", [True, False], ids=["told by the kernel", "polling"])
def test_watcher_sees_deletions_and_renames_and_skips_editor_files(tmp_path, notify):
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x.md").write_text("x")
    (tmp_path / "gone.md").write_text("x")
    watcher, calls = watch(tmp_path, interval=0.05, quiet=0.2, notify=notify)
    try:
        time.sleep(0.3)  # the kernel's watch in place
        (tmp_path / "a").rename(tmp_path / "b")
        (tmp_path / "gone.md").unlink()
        settle(calls)
        assert calls == [tuple(sorted(str(tmp_path / p) for p in ("a/x.md", "b/x.md", "gone.md")))]
        for name in (".x.md.swp", "x.md~", "#x.md#", ".hidden", ".git/objects"):
            (tmp_path / name).parent.mkdir(exist_ok=True)
            (tmp_path / name).write_text("x")
        time.sleep(0.6)
        assert len(calls) == 1
        assert watcher.notify == notify  # still told by the kernel: it did not fall back to polling
    finally:
        watcher.stop()


@pytest.mark.parametrize("notify", [True, False], ids=["told by the kernel", "polling"])
def test_a_change_made_before_the_watch_began_is_not_lost(tmp_path, notify):
    """The watcher's first look is before the preview's first build; what the writer saves during that build,
    before the kernel's watch is in place, is seen once it is (the preview missed a theme edit made then)."""
    (tmp_path / "x.md").write_text("x")
    watcher = Watcher(lambda: [tmp_path], [].append, interval=0.05, quiet=0.1, notify=notify)
    calls: list = []
    watcher.on_change = calls.append
    (tmp_path / "x.md").write_text("saved during the first build")
    watcher.start()
    try:
        settle(calls)
        assert calls == [(str(tmp_path / "x.md"),)]
    finally:
        watcher.stop()


def test_a_watcher_told_by_the_kernel_looks_again_only_at_what_changed(tmp_path, monkeypatch):
    """On a big site a look at every file costs more than the saved page: told by the kernel, the watcher
    looks at the one file saved, and at a new folder with what is in it; site.toml and a folder made after
    the start are watched too, what is beside them (the build's .cache/) is not."""
    from generator.preview import watcher as watcher_module

    for n in range(30):
        (tmp_path / f"content/{n}").mkdir(parents=True)
        (tmp_path / f"content/{n}/x.md").write_text("x")
    (tmp_path / "site.toml").write_text("x")
    tops = [tmp_path / "content", tmp_path / "site.toml", tmp_path / "templates"]
    looked: list = []
    real = watcher_module.snapshot
    monkeypatch.setattr(watcher_module, "snapshot", lambda paths: looked.append(list(paths)) or real(paths))
    calls: list = []
    watcher = Watcher(lambda: tops, calls.append, quiet=0.05).start()
    time.sleep(1)  # its first look, at everything (what changed before the kernel's watch began)

    def burst(change, *expected):
        count = len(calls)
        time.sleep(0.8)  # what the last burst made is watched (a watch begun again has had its first look)
        looked.clear()
        change()
        settle(calls, count=count + 1, after=0.3)
        assert calls[count:] == [tuple(sorted(str(tmp_path / p) for p in expected))]
        return looked

    try:
        assert burst(lambda: (tmp_path / "content/7/x.md").write_text("changed"),
                     "content/7/x.md") == [[tmp_path / "content/7/x.md"]]
        burst(lambda: ((tmp_path / "content/new").mkdir(), (tmp_path / "content/new/y.md").write_text("y")),
              "content/new/y.md")
        assert burst(lambda: (tmp_path / "content/new/y.md").write_text("changed"),  # the new folder is watched
                     "content/new/y.md") == [[tmp_path / "content/new/y.md"]]
        assert burst(lambda: ((tmp_path / ".cache").mkdir(), (tmp_path / ".cache/x").write_text("x"),
                              (tmp_path / "site.toml").write_text("changed")),
                     "site.toml") == [[tmp_path / "site.toml"]]
        burst(lambda: ((tmp_path / "templates").mkdir(), (tmp_path / "templates/t.html").write_text("t")),
              "templates/t.html")
        assert burst(lambda: (tmp_path / "templates/t.html").write_text("changed"),  # watched from now on
                     "templates/t.html") == [[tmp_path / "templates/t.html"]]
        burst(lambda: (tmp_path / "content/3").rename(tmp_path / "content/three"),
              "content/3/x.md", "content/three/x.md")
        assert burst(lambda: (tmp_path / "content/three/x.md").write_text("moved and changed"),
                     "content/three/x.md") == [[tmp_path / "content/three/x.md"]]
        assert watcher.notify
    finally:
        watcher.stop()


def test_a_watcher_the_kernel_cannot_serve_polls(tmp_path, monkeypatch):
    """Past the system's limit of watches (or with no such service), watchfiles raises: the watcher looks at
    everything, then polls, and no change is lost."""
    from generator.preview import watcher as watcher_module

    def refused(*paths, **options):
        (tmp_path / "during.md").write_text("made while the kernel refused")
        raise OSError(28, "OS file watch limit reached")
        yield  # a generator, as watchfiles.watch is

    monkeypatch.setattr(watcher_module.watchfiles, "watch", refused)
    watcher, calls = watch(tmp_path, interval=0.05, quiet=0.1)
    try:
        settle(calls)
        assert calls == [(str(tmp_path / "during.md"),)] and not watcher.notify
        (tmp_path / "later.md").write_text("x")
        settle(calls, count=2)
        assert calls[1:] == [(str(tmp_path / "later.md"),)]
    finally:
        watcher.stop()
