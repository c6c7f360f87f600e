"""End to end: the real CLI in a subprocess, on the sample magazine and on a broken site."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.sites import article, write_site

ROOT = Path(__file__).resolve().parent.parent


def cli(*args, cwd=ROOT):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "build.py"), *map(str, args)], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=300)


def test_builds_the_sample_magazine(tmp_path):
    site = tmp_path / "sample"
    shutil.copytree(ROOT, site, ignore=shutil.ignore_patterns(
        ".git", "output", ".cache", ".tools", "tests", "benchmarks", "generator", "__pycache__", "*.egg-info",
        ".hypothesis", ".pytest_cache", ".venv"))  # written by other tests meanwhile (pytest-xdist)
    result = cli("--site", site)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"built (\d+) pages \(ar (\d+), fr (\d+)\) in [\d.]+ s; files: \d+ rendered, \d+ copied, "
                        r"\d+ unchanged, \d+ picture files made, search index built in [\d.]+ s\n", result.stdout)
    total, ar, fr = map(int, re.match(r"built (\d+) pages \(ar (\d+), fr (\d+)\)", result.stdout).groups())
    assert total == ar + fr  # one count of pages, its parts per language
    out = site / "output"
    assert (out / "ar/index.html").is_file() and (out / "fr/index.html").is_file()
    assert len(list((site / "content/ar").rglob("*.md"))) >= 12
    drafts = [p for p in (site / "content/ar").rglob("*.md") if "draft: true" in p.read_text(encoding="utf-8")]
    assert drafts
    for draft in drafts:
        assert not list((out / "ar").rglob(draft.stem)), f"the draft {draft} was published"
    again = cli("--site", site)
    assert "up to date, nothing written" in again.stdout


def test_a_content_mistake_exits_1_without_traceback(tmp_path):
    site = write_site(tmp_path, f"""
-- content/ar/good.md --
{article("جيد")}
""")
    assert cli("--site", site).returncode == 0
    index = (site / "output/ar/index.html").read_bytes()
    (site / "content/ar/bad.md").write_text("---\ntitle: سيئ\ndate: 2024-02-30\n---\nنص\n", encoding="utf-8")
    result = cli("--site", site)
    assert result.returncode == 1
    assert 'content/ar/bad.md:3: date: "2024-02-30" is not a date' in result.stderr
    assert "Traceback" not in result.stderr
    assert (site / "output/ar/index.html").read_bytes() == index


def test_help_and_version():
    assert cli("--help").returncode == 0
    assert cli("--version").stdout.startswith("majalla ")


def test_every_command_says_what_an_error_left_as_it_was(tmp_path):
    """Outside a site folder, each command says what it did not do, not what the build would not have."""
    said = {command: cli(*args, cwd=tmp_path).stderr.splitlines()[-1]
            for command, args in {"build": (), "new": ("new", "x"), "check": ("check",),
                                  "import-wordpress": ("import-wordpress", "export.xml")}.items()}
    assert said == {"build": "1 error; nothing was written (output/ is as it was)", "new": "1 error; no file was written",
                    "check": "checked 0 articles: 1 error, 0 warnings",
                    "import-wordpress": "1 error; nothing was imported"}
    assert "no site.toml in ." not in cli("import-wordpress", "export.xml", cwd=tmp_path).stderr  # the folder, named


def test_the_build_summary_counts_right():
    from generator.build.pipeline import BuildReport
    from generator.commands.build import summary

    report = BuildReport({"ar": 1, "fr": 1}, parsed=1, rendered=1, copied=1, removed=1, reused=0, seconds=0.5,
                         warnings=("w",), images=1)
    assert summary(report) == ("built 2 pages (ar 1, fr 1) in 0.50 s; files: 1 rendered, 1 copied, 0 unchanged, "
                               "1 removed, 1 picture file made; 1 warning")
