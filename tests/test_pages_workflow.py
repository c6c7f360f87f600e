"""The GitHub Pages workflow keeps the build cache from one run to the next as the command line leaves it: the
next run, on a fresh checkout, parses no article and encodes no picture again."""
from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import yaml

from generator.content.series import is_intro

REPO = Path(__file__).resolve().parents[1]
WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"


def cached_paths() -> list[list[str]]:
    """The paths of each actions/cache step (a "!" line leaves a path out of that step)."""
    steps = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))["jobs"]["build"]["steps"]
    return [s["with"]["path"].split() for s in steps if s.get("uses", "").startswith("actions/cache@")]


def restore(first: Path, second: Path, patterns: list[str]) -> None:
    """What one actions/cache step saves after the run in `first` and restores before the run in `second`."""
    left_out = [first / p[1:] for p in patterns if p.startswith("!")]
    for pattern in (p for p in patterns if not p.startswith("!")):
        for path in first.glob(pattern):
            for file in [path] if path.is_file() else path.rglob("*"):
                if file.is_file() and not any(file == o or o in file.parents for o in left_out):
                    target = second / file.relative_to(first)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    shutil.copy2(file, target)


def checkout(folder: Path) -> Path:
    """The sample magazine as a fresh checkout gives it: its files, dated now."""
    folder.mkdir()
    for part in ("site.toml", "content", "static"):
        (shutil.copytree if (REPO / part).is_dir() else shutil.copy)(REPO / part, folder / part)
    for path in folder.rglob("*"):
        os.utime(path)
    return folder


def build(site: Path) -> str:
    done = subprocess.run([sys.executable, str(REPO / "build.py"), "--jobs", "1", "--no-search"], cwd=site,
                          capture_output=True, text=True, encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_next_run_reads_no_article_and_encodes_no_picture_again(tmp_path):
    first = checkout(tmp_path / "first")
    assert "picture files made" in build(first)  # the command line, as the workflow runs it

    second = checkout(tmp_path / "second")
    for patterns in cached_paths():  # each step's entry, restored in the workflow's order
        restore(first, second, patterns)
    articles = len([p for p in (second / "content").rglob("*.md")  # a series' intro is not an article
                    if not is_intro(p.relative_to(second).as_posix())])
    with sqlite3.connect(second / ".cache" / "majalla.sqlite") as db:
        assert db.execute("SELECT count(*) FROM parsed").fetchone()[0] == articles
    assert "picture files made" not in build(second)
