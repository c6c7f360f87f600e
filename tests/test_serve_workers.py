"""The preview with worker processes (`serve --jobs 2`), as a writer uses it: it survives every kind of edit,
on the sample magazine and on a site large enough for every parallel path of a build (parsing, rendering,
pictures, the plan split by language); Ctrl-C and SIGTERM stop it at once, during a rebuild too, leaving
no process behind and the port free; and none of its processes outlives it, even when it is killed."""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image

from benchmarks.corpus import write as write_corpus
from generator.build.output_plan import SPLIT_FROM
from generator.preview.panel import PANEL_ID
from tests.sites import article
from tests.support.serving import PROCESSES, REPO, Server, free_port, port_is_free, processes_naming, wait_until

pytestmark = pytest.mark.skipif(not PROCESSES.is_dir(), reason="looks at the preview's processes in /proc (Linux)")

WAIT = 180  # seconds a rebuild may take on a loaded machine before a test gives up (a bound, not a pause)
STOP = 20  # seconds a stopped preview may take to be gone, every process of it
STORY = "content/ar/2024/06/care-economy-conference.md"
STORY_PAGE = "/ar/2024/06/care-economy-conference/"
GIT = ("git", "-c", "user.name=majalla", "-c", "user.email=tests@majalla.invalid", "-c", "init.defaultBranch=main")


# ---- sites ----------------------------------------------------------------------------------------------------
@pytest.fixture
def sample(tmp_path) -> Path:
    """The sample magazine with its own copy of the theme (so that the theme can be edited too), under git,
    with a branch `autumn` that adds 40 articles."""
    site = tmp_path / "sample"
    site.mkdir()
    shutil.copy2(REPO / "site.toml", site / "site.toml")
    for part in ("content", "static"):
        shutil.copytree(REPO / part, site / part)
    shutil.copytree(REPO / "themes/majalla", site / "themes/majalla")
    write(site / ".gitignore", ".cache/\noutput/\n")
    git(site, "init", "-q")
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "the sample")
    git(site, "checkout", "-q", "-b", "autumn")
    for n in range(40):  # more than the parse pool's threshold: a checkout parses them in workers
        write(site / f"content/ar/2025/10/autumn-{n}.md", article(f"خريف {n}", "2025-10-02", f"نص الخريف {n}."))
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "autumn")
    git(site, "checkout", "-q", "main")
    return site


@dataclass(frozen=True)
class Large:
    site: Path
    port: int  # every preview of it on one port: its pages stay as they are from one preview to the next


@pytest.fixture(scope="module")
def large(tmp_path_factory) -> Large:
    """A site just large enough for the plan split by language (SPLIT_FROM articles in two languages),
    written once for this module; its first preview is built (whole) by whichever test starts one first."""
    site = tmp_path_factory.mktemp("large") / "site"
    write_corpus(site, SPLIT_FROM // 2, seed=7)  # articles per language
    assert sum(1 for _ in (site / "content").rglob("*.md")) >= SPLIT_FROM
    return Large(site, free_port())


def git(site: Path, *args: str) -> None:
    done = subprocess.run([*GIT, *args], cwd=site, capture_output=True, text=True)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def photo(path: Path, shade: int) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (640, 360), (shade, 90, 140)).save(buffer, "JPEG", quality=80)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


# ---- what is served -------------------------------------------------------------------------------------------
def expect(server: Server, path: str, *texts: str, absent: tuple[str, ...] = (), status: int = 200,
           panel: bool = False) -> str:
    """Wait until `path` answers `status` with every one of `texts` and none of `absent` (and, unless
    `panel`, without the problem panel); the server must stay up meanwhile. The page's text."""
    seen: list = [None, ""]

    def served() -> bool:
        if server.proc.poll() is not None:
            raise AssertionError(f"serve exited (code {server.proc.returncode}) while {path} was awaited; it "
                                 "printed:\n" + "\n".join(server.drain()))
        try:
            seen[:] = server.get(path)
        except OSError as exc:
            seen[:] = [None, f"no answer: {exc}"]
            return False
        code, text = seen
        return (code == status and all(t in text for t in texts) and not any(t in text for t in absent)
                and (PANEL_ID in text) == panel)

    try:
        wait_until(served, WAIT, f"{path} served as expected")
    except AssertionError as exc:
        raise AssertionError(f"{exc}; it answered {seen[0]}:\n{seen[1][:2000]}\nserve printed:\n"
                             + "\n".join(server.drain()[-30:])) from None
    return seen[1]


def stylesheet(server: Server, page: str) -> str:
    status, text = server.get(page)
    found = re.search(r'href="(/assets/style\.[^"]+\.css)"', text)
    return server.get(found.group(1))[1] if status == 200 and found else ""


def picture_of(server: Server, page: str) -> bytes:
    """The lead picture of an article page, as served."""
    found = re.search(f'<img src="({re.escape(page)}[^"]+)"', expect(server, page))
    assert found, f"no picture on {page}"
    status, data = server.fetch(found.group(1))
    assert status == 200, f"{found.group(1)}: {status}"
    return data


@pytest.fixture
def sample_server(sample):
    server = Server(sample, jobs=2, timeout=WAIT)
    yield server
    server.stop()


# ---- it survives ----------------------------------------------------------------------------------------------
def test_the_preview_survives_every_kind_of_edit(sample, sample_server):
    site, server = sample, sample_server
    theme = site / "themes/majalla"

    # the theme: a template (every page rendered again, in workers), its CSS, its UI strings
    edit(theme / "templates/base.html", "</body>", "<!-- the theme was edited -->\n</body>")
    expect(server, "/ar/", "the theme was edited")
    expect(server, STORY_PAGE, "the theme was edited")
    with (theme / "static/style.css").open("a", encoding="utf-8") as css:
        css.write("\n/* the stylesheet was edited */\n")
    wait_until(lambda: "the stylesheet was edited" in stylesheet(server, "/ar/"), WAIT, "the new stylesheet")
    edit(theme / "i18n/ar.toml", 'footer_note = "مجلة رقمية مستقلة. جميع الحقوق محفوظة."',
         'footer_note = "ملاحظة التذييل بعد التعديل."')
    expect(server, "/ar/", "ملاحظة التذييل بعد التعديل.")

    # the site's own templates, UI strings and static files
    write(site / "templates/article.html",
          '{% extends "theme/article.html" %}{% block main %}<p>قالب الموقع</p>{{ super() }}{% endblock %}')
    expect(server, STORY_PAGE, "<p>قالب الموقع</p>")
    write(site / "i18n/fr.toml", 'footer_note = "Note de bas de page du site."\n')
    expect(server, "/fr/", "Note de bas de page du site.")
    write(site / "static/notice.txt", "un fichier statique\n")
    expect(server, "/notice.txt", "un fichier statique")

    # site.toml: the title, per_page, then a broken file and a good one again
    edit(site / "site.toml", "مجلة المغرب تحت المجهر", "مجلة المعاينة")
    expect(server, "/ar/", "مجلة المعاينة", absent=("مجلة المغرب تحت المجهر",))
    expect(server, "/ar/page/5/", status=404)
    edit(site / "site.toml", "per_page = 6", "per_page = 2")
    expect(server, "/ar/page/5/", "مجلة المعاينة")
    good = (site / "site.toml").read_text(encoding="utf-8")
    write(site / "site.toml", good.replace("per_page = 2", "per_page = "))
    expect(server, "/ar/", "site.toml", "مجلة المعاينة", panel=True)  # the last good pages, and the problem
    write(site / "site.toml", good.replace("مجلة المعاينة", "مجلة المعاينة الثانية"))
    expect(server, "/ar/", "مجلة المعاينة الثانية")

    # articles: edited, added, renamed, deleted; pictures
    with (site / STORY).open("a", encoding="utf-8") as story:
        story.write("\nجملة أضيفت أثناء المعاينة.\n")
    expect(server, STORY_PAGE, "جملة أضيفت أثناء المعاينة.")
    write(site / "content/ar/2025/06/new-story.md", article("خبر جديد للمعاينة", "2025-06-10", "نص الخبر الجديد."))
    expect(server, "/ar/2025/06/new-story/", "خبر جديد للمعاينة")
    old = site / "content/fr/2024/06/festival-gnaoua-essaouira.md"
    old.rename(old.with_name("gnaoua-renamed.md"))
    expect(server, "/fr/2024/06/gnaoua-renamed/", "les nuits gnaoua")
    expect(server, "/fr/2024/06/festival-gnaoua-essaouira/", status=404, absent=("les nuits gnaoua",))
    (site / "content/ar/2025/06/new-story.md").unlink()
    expect(server, "/ar/2025/06/new-story/", status=404, absent=("خبر جديد للمعاينة",))
    for n, shade in ((1, 40), (2, 200)):  # two new pictures: encoded in workers
        photo(site / f"content/ar/2025/06/photo-{n}.jpg", shade)
        write(site / f"content/ar/2025/06/photo-{n}.md",
              article(f"صورة {n}", "2025-06-11", "نص مع صورة.", image=f"photo-{n}.jpg", image_alt=f"صورة {n}"))
    for n in (1, 2):
        expect(server, f"/ar/2025/06/photo-{n}/", f"صورة {n}")
        assert picture_of(server, f"/ar/2025/06/photo-{n}/")[:2] in (b"\xff\xd8", b"RI")  # a JPEG, a WebP

    # git: the work committed, another branch checked out (everything above undone, 40 articles more), back
    git(site, "add", "-A")
    git(site, "commit", "-q", "-m", "the preview's edits")
    git(site, "checkout", "-q", "autumn")
    expect(server, "/ar/2025/10/autumn-39/", "خريف 39")
    expect(server, "/ar/", "مجلة المغرب تحت المجهر", absent=("the theme was edited",))
    git(site, "checkout", "-q", "main")
    expect(server, "/ar/2025/10/autumn-39/", status=404, absent=("خريف 39",))
    expect(server, "/ar/", "the theme was edited", "مجلة المعاينة الثانية")
    assert server.proc.poll() is None


def test_a_large_site_survives_rebuilds_that_take_every_parallel_path(large):
    site = large.site
    story = next(p for p in sorted((site / "content/fr").rglob("*.md")) if "\nslug:" not in p.read_text("utf-8"))
    page = "/" + story.relative_to(site / "content").with_suffix("").as_posix() + "/"
    server = Server(site, "--no-search", jobs=2, port=large.port, timeout=WAIT * 3)
    try:
        expect(server, page)
        with story.open("a", encoding="utf-8") as f:  # the plan, split by language, in workers
            f.write("\nUne phrase ajoutée pendant la prévisualisation.\n")
        expect(server, page, "Une phrase ajoutée pendant la prévisualisation.")

        folder = site / "content/fr/2025/11"
        for n in range(40):  # parsed in workers, their pages rendered in workers, two pictures made in workers
            keys = {"image": f"nouvelle-{n}.jpg", "image_alt": "Une photo"} if n < 2 else {}
            if n < 2:
                photo(folder / f"nouvelle-{n}.jpg", 60 + 100 * n)
            write(folder / f"nouvelle-{n}.md", article(f"Nouvelle {n}", "2025-11-20", f"Le texte {n}.", **keys))
        expect(server, "/fr/2025/11/nouvelle-39/", "Nouvelle 39")
        assert picture_of(server, "/fr/2025/11/nouvelle-1/")[:2] in (b"\xff\xd8", b"RI")

        (folder / "nouvelle-0.md").rename(folder / "renommee.md")
        for n in range(2, 40):
            (folder / f"nouvelle-{n}.md").unlink()
        expect(server, "/fr/2025/11/renommee/", "Nouvelle 0")
        expect(server, "/fr/2025/11/nouvelle-39/", status=404, absent=("Nouvelle 39",))
        assert server.proc.poll() is None
    finally:
        server.stop()


def test_a_builder_that_dies_is_started_again(sample, sample_server):
    site, server = sample, sample_server
    builder = builder_of(server)
    assert builder, processes_naming(site)
    os.kill(builder, signal.SIGKILL)
    server.wait_for_line("starting it again", WAIT)
    with (site / STORY).open("a", encoding="utf-8") as story:
        story.write("\nجملة بعد عودة الباني.\n")
    expect(server, STORY_PAGE, "جملة بعد عودة الباني.")
    assert builder not in processes_naming(site)


def test_a_builder_that_dies_before_its_first_build_stops_the_preview(sample):
    """Started again, it would most likely die again, and again: serve says so and stops."""
    server = Server(sample, jobs=2, wait=False)
    try:
        found: list = []
        wait_until(lambda: found.append(builder_of(server)) or found[-1], WAIT, "a builder started")
        os.kill(found[-1], signal.SIGKILL)  # long before it has built anything: it is starting
        assert server.proc.wait(timeout=STOP) == 1
        server.wait_for_line("before it could build the preview", STOP)
        assert not [line for line in server.drain() if "Serving" in line]
        wait_until(lambda: not processes_naming(sample), STOP, f"no process left: {processes_naming(sample)}")
    finally:
        server.stop()


def builder_of(server: Server) -> int | None:
    """The pid of the process the server runs its builds in."""
    children = [pid for pid in processes_naming(server.site) if parent(pid) == server.proc.pid]
    return children[0] if len(children) == 1 else None


def parent(pid: int) -> int | None:
    try:
        return int((PROCESSES / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, IndexError, ValueError):
        return None


# ---- it stops, at once and whole ------------------------------------------------------------------------------
STOPS = {
    "SIGTERM": lambda server: server.proc.send_signal(signal.SIGTERM),  # kill PID, a service manager
    "Ctrl-C": lambda server: server.interrupt(),  # SIGINT to the terminal's foreground process group
}


def assert_gone(server: Server, site: Path) -> None:
    """The server has exited, and within STOP seconds nothing it started runs and nothing holds its port."""
    try:
        server.proc.wait(timeout=STOP)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"serve still runs {STOP} s after it was told to stop") from None
    wait_until(lambda: not processes_naming(site), STOP, f"no process left: {processes_naming(site)}")
    assert port_is_free(server.port)


@pytest.mark.parametrize("how", STOPS)
def test_stopping_after_rebuilds_in_workers(sample, sample_server, how):
    site, server = sample, sample_server
    for n in range(3):  # each closes a pool of workers (which, forked from the server, used to stop it)
        edit(site / "themes/majalla/templates/base.html", "</body>", f"<!-- edit {n} -->\n</body>")
        expect(server, "/ar/", f"<!-- edit {n} -->")
    STOPS[how](server)
    assert_gone(server, site)
    server.wait_for_line("stopped", STOP)


@contextlib.contextmanager
def busy(large: Large, how: str):
    """A preview of the large site, busy rendering every page again in workers (its base template was
    overridden); the override removed, and whatever is left of the preview stopped, afterwards."""
    site = large.site
    override = site / "templates/base.html"
    server = Server(site, "--no-search", jobs=2, port=large.port, timeout=WAIT * 3)
    try:
        idle = processes_naming(site)  # the preview, waiting for an edit: no worker
        write(override, (REPO / "themes/majalla/templates/base.html").read_text(encoding="utf-8")
              .replace("</body>", f"<!-- {how} -->\n</body>"))
        wait_until(lambda: len(processes_naming(site)) > len(idle), WAIT, "workers at work")
        yield server
    finally:
        server.stop()
        shutil.rmtree(override.parent)


@pytest.mark.parametrize("how", STOPS)
def test_stopping_during_a_rebuild_in_workers(large, how):
    with busy(large, how) as server:
        STOPS[how](server)
        assert_gone(server, large.site)


def test_nothing_outlives_a_killed_preview(large):
    """SIGKILL leaves the server no time to stop anything: what it started must stop by itself."""
    with busy(large, "SIGKILL") as server:
        server.proc.kill()
        assert_gone(server, large.site)
