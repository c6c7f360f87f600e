"""Golden output: a small bilingual site built and compared file by file with tests/golden/expected/.

After an intended change of the output, regenerate it and review the diff:

    MAJALLA_GOLDEN=regenerate python -m pytest tests/test_golden.py
    git diff tests/golden/expected/
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from generator.build.options import BuildOptions
from generator.build.pipeline import build
from tests.sites import files

GOLDEN = Path(__file__).parent / "golden"
NOW = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
SKIP = ("pagefind/",)  # the search index: binary, checked by the search tests


def test_golden_output(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(GOLDEN / "site", site)
    build(BuildOptions(site=site, jobs=1, now=NOW))
    built = {p: data for p, data in files(site / "output").items() if not p.startswith(SKIP) and p != ".majalla"}
    expected_dir = GOLDEN / "expected"
    if os.environ.get("MAJALLA_GOLDEN") == "regenerate":
        shutil.rmtree(expected_dir, ignore_errors=True)
        for path, data in built.items():
            (expected_dir / path).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / path).write_bytes(data)
    expected = files(expected_dir)
    assert sorted(built) == sorted(expected), "files differ: regenerate the golden output if this is intended"
    for path in expected:
        assert built[path] == expected[path], f"{path} differs from tests/golden/expected/{path}"
