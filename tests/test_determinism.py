"""Repeatable builds: the same input gives the same bytes — across builds, hash seeds, --jobs and site
folders — and the one time stamp a page may show (an empty feed's <updated>) comes from SOURCE_DATE_EPOCH."""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.build.options import BuildOptions
from generator.build.pipeline import build
from generator.errors import BuildError
from benchmarks.corpus import make_site
from tests.sites import article, files, write_site

REPO = Path(__file__).resolve().parent.parent
EPOCH = "1767225600"  # 2026-01-01T00:00:00Z
ATOM = "{http://www.w3.org/2005/Atom}"


def build_cli(site: Path, seed: str, jobs: int, *args: str) -> None:
    env = {**os.environ, "PYTHONHASHSEED": seed, "SOURCE_DATE_EPOCH": EPOCH}
    done = subprocess.run([sys.executable, "build.py", "--site", str(site), "--jobs", str(jobs), "-q", *args],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)
    assert (done.returncode, done.stderr) == (0, "")


def test_same_input_same_bytes_across_builds_seeds_jobs_and_folders(tmp_path):
    first = make_site(tmp_path / "one" / "site", articles=120)
    second = tmp_path / "two" / "elsewhere"
    shutil.copytree(first, second)
    build_cli(first, "1", 1)
    reference = files(first / "output")
    assert len([p for p in reference if p.endswith(".html")]) > 2 * 64  # several render chunks: workers used
    build_cli(second, "2", 2)
    assert files(second / "output") == reference
    build_cli(first, "3", 2, "--clean")
    assert files(first / "output") == reference


def test_the_corpus_generator_is_deterministic(tmp_path):
    a, b = make_site(tmp_path / "a", articles=40), make_site(tmp_path / "b", articles=40)
    assert len([p for p in files(a) if p.endswith(".md")]) == 40 and files(a) == files(b)


@pytest.fixture
def arabic_only(tmp_path):
    return write_site(tmp_path, f"""
-- content/ar/2024/06/old.md --
{article("خبر قديم", "2024-06-26")}
-- content/ar/2025/06/scheduled.md --
{article("خبر مبرمج", "2025-06-01")}
""")


def test_build_time_comes_from_source_date_epoch(arabic_only, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1735689600")  # 2025-01-01T00:00:00Z
    build(BuildOptions(site=arabic_only, jobs=1))
    out = arabic_only / "output"
    feed = ET.parse(out / "fr/feed.xml").getroot()  # French has no article: its feed shows the build time
    assert feed.findtext(f"{ATOM}updated") == "2025-01-01T00:00:00+00:00"
    assert feed.find(f"{ATOM}entry") is None
    assert ET.parse(out / "ar/feed.xml").getroot().findtext(f"{ATOM}updated") == "2024-06-26T00:00:00+01:00"
    assert (out / "ar/2024/06/old/index.html").exists()
    assert not (out / "ar/2025/06/scheduled").exists()  # dated after the build's clock: scheduled

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1751328000")  # 2025-07-01: the scheduled story is due
    build(BuildOptions(site=arabic_only, jobs=1))
    assert (out / "ar/2025/06/scheduled/index.html").exists()
    feed = ET.parse(out / "fr/feed.xml").getroot()
    assert feed.findtext(f"{ATOM}updated") == "2025-07-01T00:00:00+00:00"


def test_without_source_date_epoch_the_clock_is_the_real_time(arabic_only, monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    before = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    build(BuildOptions(site=arabic_only, jobs=1))
    shown = ET.parse(arabic_only / "output/fr/feed.xml").getroot().findtext(f"{ATOM}updated")
    assert before <= dt.datetime.fromisoformat(shown) <= dt.datetime.now(dt.timezone.utc)
    assert (arabic_only / "output/ar/2025/06/scheduled/index.html").exists()


def test_a_bad_source_date_epoch_is_an_error(arabic_only, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "2025-01-01")
    with pytest.raises(BuildError) as info:
        build(BuildOptions(site=arabic_only, jobs=1))
    assert [str(p) for p in info.value.problems] == [
        'SOURCE_DATE_EPOCH: "2025-01-01" is not a time: set it to a number of seconds since 1970-01-01 UTC']
