"""The bad-input catalogue (tests/bad_input_catalogue.py) as the writer meets it: every content mistake of it
made at once in one site, which `check --strict` reports in one run, each with its file and line.
(Its table, mistake -> message -> fix, is docs/errors.md, written by scripts/docs.py: tests/test_docs.py checks
that the committed page is what the script writes and that it gives every message of the catalogue.)"""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.bad_input_catalogue import BASE, CASES, SECTIONS, X, Case

REPO = Path(__file__).resolve().parents[1]


def in_content(case: Case) -> bool:
    """A mistake of the content (front matter, file names, language folders) that `check` reports: not one of
    site.toml, templates or the output folder, which stop a build before the content is read."""
    names = [n for n in case.files if n != "site.toml"]
    return (bool(case.errors) and bool(names) and all(n.startswith("content/") for n in names) and not case.setup
            and not case.args and (case.files.get("site.toml") in (None, SECTIONS["site.toml"])))


def test_check_strict_reports_every_mistake_of_the_catalogue_in_one_run(tmp_path):
    cases = [c for c in CASES if in_content(c)]
    assert len(cases) >= 50
    files, expected = dict(BASE, **SECTIONS), []
    for n, case in enumerate(cases):
        own = f"content/ar/2024/06/x-{n:02d}.md"  # each case's own x.md (sorted after good.md, as x.md is)
        for name, data in case.files.items():
            if name != "site.toml":
                assert name == X or name not in files, name
                files[own if name == X else name] = data
        expected += [line.replace(X, own) for line in case.errors]
    env = dict(os.environ)
    for case in cases:
        env.update(case.env)
    for name, data in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    done = subprocess.run([sys.executable, "build.py", "check", "--strict", "--site", str(tmp_path)], cwd=REPO,
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    said = (done.stdout + done.stderr).splitlines()
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert said[-1].startswith("checked ") and said[-1].endswith("(--strict: warnings fail)")
    assert sorted(said[:-1]) == sorted(expected)  # every mistake, each once, and nothing else
    # a folder and a file's name have no line: those cases are the only ones
    unlocated = {case.name for case in cases
                 if any(not re.match(r"^content/[^:]+:\d+: ", line) for line in case.errors)}
    assert unlocated == {"unknown language folder", "two names that differ only by Unicode normalization",
                         "a series intro no series is named by", "a file name Windows reserves",
                         "an invisible character in a file name builds, with a warning"}
