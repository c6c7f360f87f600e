"""Interrupted builds: a build stopped at any moment (Ctrl-C, or killed outright) leaves the previous
output/ whole, and the next run leaves no temporary folder behind.

The real CLI builds a 500-article site in a child process (its own process group, as a terminal or a CI
runner would signal it); the signal is sent while the new tree is being staged: the child's render workers
stop once it holds so many pages, and the test signals them then, however slow the machine (a loaded one let
the build finish before the test saw it staging). The moments too short to hit with a signal (the swap of two
renames) are recreated on disk and handed to recover()."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.output import stage as output
from generator.build.options import BuildOptions
from generator.build.pipeline import build
from benchmarks.corpus import make_site
from tests.sites import NOW, files

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("interrupt") / "site", articles=500)
    build(BuildOptions(site=root, jobs=2, now=NOW))
    return root


@pytest.fixture
def removers(monkeypatch) -> list[subprocess.Popen]:
    """The processes that output.remove starts, in this process, to remove a replaced tree in the background:
    a test that asserts that nothing is left beside output/ waits for them first."""
    started: list[subprocess.Popen] = []

    def popen(*args, **kwargs):
        started.append(subprocess.Popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(output, "subprocess", SimpleNamespace(Popen=popen, DEVNULL=subprocess.DEVNULL))
    return started


def waited(processes: list[subprocess.Popen]) -> int:
    """Wait for the processes of `processes`, and take them out of it; how many there were."""
    count = len(processes)
    while processes:
        assert processes.pop().wait(timeout=300) == 0
    return count


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output."))


# `python build.py ARGS`, but each render worker, before a chunk of pages, waits once the stage holds AFTER
# pages (and says so in the file HELD) until the file GO exists: the test signals the build while it is held,
# then lets the workers go on (the build's main process sees a Ctrl-C when its next results come in).
# Ctrl-C is a KeyboardInterrupt in it as in a terminal, even when the tests run in the background (a shell
# starts a command with `&` ignoring SIGINT, and Python then leaves it ignored).
HELD_BUILD = """
import signal, sys, time
from pathlib import Path
from generator.build import rendering as render
from generator.cli import run

signal.signal(signal.SIGINT, signal.default_int_handler)
held, go, after = Path(sys.argv.pop(1)), Path(sys.argv.pop(1)), int(sys.argv.pop(1))
render_pages = render.render_chunk

def render_chunk(indices):
    if sum(1 for _ in Path(render._job["stage"]).rglob("*.html")) >= after:
        held.touch()
        while not go.exists():
            time.sleep(0.01)
    return render_pages(indices)

render.render_chunk = render_chunk
run()
"""


def interrupt(root: Path, sig: int, after_files: int) -> subprocess.CompletedProcess:
    """Start a build that must render every page (another base URL), signal its process group once its
    workers are held with `after_files` pages staged, and wait for it."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}
    held, go = root.parent / f"held-{after_files}-{sig}", root.parent / f"go-{after_files}-{sig}"
    held.unlink(missing_ok=True)
    go.unlink(missing_ok=True)
    proc = subprocess.Popen(
        [sys.executable, "-c", HELD_BUILD, str(held), str(go), str(after_files),
         "--site", str(root), "--jobs", "2", "--base-url", "https://preview.example.ma/"],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        deadline = time.monotonic() + 300
        while not held.exists():
            assert proc.poll() is None, f"the build ended before it was held: {proc.communicate()}"
            assert time.monotonic() < deadline, "the build never got to staging"
            time.sleep(0.01)
        assert len(list(root.glob(".output.stage-*/**/*.html"))) >= after_files
        os.killpg(proc.pid, sig)
        go.touch()
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_ctrl_c_mid_build_keeps_output_and_cleans_up(site):
    before = files(site / "output")
    done = interrupt(site, signal.SIGINT, after_files=100)
    assert done.returncode == 130
    assert done.stderr == "interrupted; output/ is as it was before this build\n"  # and no worker tracebacks
    assert files(site / "output") == before
    assert leftovers(site) == []


@pytest.mark.parametrize("after_files", [0, 300], ids=["staging-just-begun", "mid-render"])
def test_kill_mid_build_keeps_output_and_the_next_run_cleans_up(site, after_files, removers):
    before = files(site / "output")
    done = interrupt(site, signal.SIGKILL, after_files)
    assert done.returncode == -signal.SIGKILL
    assert files(site / "output") == before
    assert leftovers(site), "a killed build cannot clean up: its stage is still there"
    report = build(BuildOptions(site=site, jobs=2, now=NOW))  # the next run
    assert not report.wrote  # nothing changed: the output is the previous one, whole
    waited(removers)  # what it left to remove in the background, if anything
    assert leftovers(site) == []
    assert files(site / "output") == before


# ---- the swap, moment by moment --------------------------------------------------------------------
def tree(root: Path, marker: str) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(marker)
    (root / "ar").mkdir()
    (root / "ar" / "index.html").write_text(marker + " ar")
    (root / output.MARKER).touch()
    return root


def test_killed_between_the_two_renames(tmp_path):
    """output/ was moved aside, the new tree not yet moved in: the previous one comes back."""
    out = tmp_path / "output"
    before = files(tree(out, "previous"))
    (out / output.STAGE_MARK).touch()
    os.replace(out, tmp_path / ".output.old-4242")
    stage = tree(tmp_path / ".output.stage-4242", "new")
    (stage / output.STAGE_MARK).touch()
    output.recover(out)
    assert files(out) == before
    assert leftovers(tmp_path) == []


def test_killed_after_the_swap_while_removing_the_old_tree(tmp_path):
    out = tree(tmp_path / "output", "new")
    (out / output.STAGE_MARK).touch()  # the mark the swap removes right after the rename
    old = tree(tmp_path / ".output.old-4242", "previous")
    (old / output.STAGE_MARK).touch()
    (old / "index.html").unlink()  # half removed
    output.recover(out)
    assert (out / "index.html").read_text() == "new" and not (out / output.STAGE_MARK).exists()
    assert leftovers(tmp_path) == []


def test_killed_right_after_creating_the_stage(tmp_path):
    out = tree(tmp_path / "output", "previous")
    (tmp_path / ".output.stage-4242").mkdir()  # no mark yet: empty
    output.recover(out)
    assert leftovers(tmp_path) == []


def test_folders_that_are_not_ours_are_left_alone(tmp_path):
    out = tree(tmp_path / "output", "previous")
    (tmp_path / ".output.stage-notes").mkdir()
    mine = tmp_path / ".output.stage-77"
    mine.mkdir()
    (mine / "draft.txt").write_text("a writer's file, no stage mark")
    output.recover(out)
    assert leftovers(tmp_path) == [".output.stage-77", ".output.stage-notes"]


def interrupt_commit(stage, monkeypatch) -> None:
    """stage.commit() with Ctrl-C on its second rename, then stage.discard(), as build() does on any exception."""
    real_replace, calls = os.replace, []

    def replace(src, dst):
        calls.append(src)
        if len(calls) == 2:
            raise KeyboardInterrupt
        real_replace(src, dst)

    monkeypatch.setattr(output.os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        stage.commit()
    monkeypatch.setattr(output.os, "replace", real_replace)
    stage.discard()


def test_interrupted_during_the_swap_puts_the_previous_output_back(tmp_path, monkeypatch):
    out = tree(tmp_path / "output", "previous")
    before = files(out)
    stage = output.Stage(out)
    stage.target("index.html").write_text("new")
    interrupt_commit(stage, monkeypatch)  # Ctrl-C lands just before the new tree's rename
    assert files(out) == before
    assert leftovers(tmp_path) == []


# ---- small changes: a patch, moved in under a journal ------------------------------------------------
def test_killed_while_a_committed_patch_is_moved_in_the_next_run_finishes_it(tmp_path):
    out = tree(tmp_path / "output", "previous")
    (out / "gone").mkdir()
    (out / "gone" / "index.html").write_text("removed by the patch")
    patch = tmp_path / ".output.patch-4242"
    (patch / "ar" / "new").mkdir(parents=True)
    (patch / output.STAGE_MARK).touch()
    (patch / "ar" / "new" / "index.html").write_text("added")
    (patch / output.JOURNAL).write_text(
        '{"add": ["index.html", "ar/new/index.html"], "remove": ["gone/index.html"]}')
    (out / "index.html").write_text("new")  # moved in already when the build was killed
    output.recover(out)
    assert files(out) == {output.MARKER: b"", "index.html": b"new", "ar/index.html": b"previous ar",
                          "ar/new/index.html": b"added"}
    assert leftovers(tmp_path) == []


def test_a_patch_staged_but_not_committed_is_dropped(tmp_path):
    out = tree(tmp_path / "output", "previous")
    before = files(out)
    patch = output.Patch(out, removed=["ar/index.html"])
    patch.target("index.html").write_text("new")
    output.recover(out)  # as the next run does after a kill: no journal yet, so nothing happened
    assert files(out) == before
    assert leftovers(tmp_path) == []


def test_ctrl_c_while_a_patch_is_moved_in_finishes_it(tmp_path, monkeypatch):
    out = tree(tmp_path / "output", "previous")
    patch = output.Patch(out, removed=["ar/index.html"])
    patch.target("index.html").write_text("new")
    patch.target("fr/index.html").write_text("new fr")
    interrupt_commit(patch, monkeypatch)  # the patch folder's rename (the commit) done, Ctrl-C on the first move
    assert files(out) == {output.MARKER: b"", "index.html": b"new", "fr/index.html": b"new fr"}
    assert leftovers(tmp_path) == []


def test_an_edit_patches_output_in_place_and_equals_a_clean_build(site, tmp_path, removers):
    out = site / "output"
    build(BuildOptions(site=site, jobs=2, now=NOW, search=False))  # without the index: no page change rebuilds it
    waited(removers)  # the tree it replaced, removed in the background
    stories = sorted((site / "content/ar").rglob("*.md"))
    untouched = out / "404.html"
    inodes = (out.stat().st_ino, untouched.stat().st_ino)
    edited = stories[len(stories) // 2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nفقرة أضيفت في التحرير.\n", encoding="utf-8")
    deleted = stories[len(stories) // 3]
    deleted.unlink()
    report = build(BuildOptions(site=site, jobs=2, now=NOW, search=False))
    assert 0 < report.rendered < 200 and report.removed >= 1, report
    assert (out.stat().st_ino, untouched.stat().st_ino) == inodes  # patched, not swapped
    assert waited(removers) == 0  # a patch replaces no tree
    assert leftovers(site) == []
    clean = build(BuildOptions(site=site, output=tmp_path / "clean", jobs=2, now=NOW, search=False))
    assert clean.wrote
    assert files(out) == files(tmp_path / "clean")
    assert not [d for d in out.rglob("*") if d.is_dir() and not any(d.iterdir())]  # no emptied folder left


def test_a_replaced_tree_still_being_removed_does_not_hold_up_the_next_build(tmp_path):
    import fcntl

    out = tree(tmp_path / "output", "new")
    trash = tree(tmp_path / ".output.trash-1700000000000000000", "replaced")
    (trash / output.STAGE_MARK).touch()
    with open(trash / output.STAGE_MARK, "rb") as mark:
        fcntl.flock(mark, fcntl.LOCK_EX)  # as the background remover holds it
        output.recover(out)
        assert trash.exists()  # left to the process removing it
    output.recover(out)  # that process died: the next run removes what is left
    assert leftovers(tmp_path) == []
