"""Every case of the bad-input catalogue (tests/bad_input_catalogue.py), built over a good previous build:
the exact errors, exit code 1, no traceback, output/ byte for byte as it was and nothing left beside it.

Most cases run the CLI in this process (generator.cli.main); those in SUBPROCESS run the real
`python build.py --site DIR` in a child process."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from tests.bad_input_catalogue import BASE, CASES, Case
from tests.sites import files, run

REPO = Path(__file__).resolve().parent.parent
SUBPROCESS = {
    "not UTF-8", "invalid YAML: unclosed quote", "template syntax error", "bad base_url",
    "a link to a file outside the site", "output is the site folder", "UTF-8 with a BOM builds",
    "mistakes in several files are all reported", "SOURCE_DATE_EPOCH not a number",
}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    """The good site, built once: every case starts from a copy of it and of its output/."""
    root = tmp_path_factory.mktemp("base") / "site"
    for name, text in BASE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    run(root)
    return root


def prepare(base: Path, case: Case, where: Path) -> Path:
    root = where / "site"
    shutil.copytree(base, root, symlinks=True)
    for name, data in case.files.items():
        path = root / name
        if data is None:
            path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(data, encoding="utf-8")
    if case.setup:
        case.setup(root)
    return root


def expected_stderr(case: Case, root: Path) -> str:
    lines = [e.format(root=root, parent=root.parent) for e in case.errors]
    n = len([line for line in lines if ": warning: " not in line])
    return "".join(f"{line}\n" for line in lines) + \
        f"{n} error{'s' if n != 1 else ''}; nothing was written (output/ is as it was)\n"


def quiet(case: Case) -> tuple[str, ...]:
    """-q (errors only), but for a case that builds with warnings: they are what it checks."""
    return () if case.builds and case.errors else ("-q",)


def build_in_process(root: Path, case: Case, capsys, monkeypatch) -> tuple[int, str]:
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    code = main(["--site", str(root), "--jobs", "1", *quiet(case), *(a.format(root=root) for a in case.args)])
    return code, capsys.readouterr().err


def build_in_subprocess(root: Path, case: Case) -> tuple[int, str]:
    done = subprocess.run(
        [sys.executable, "build.py", "--site", str(root), "--jobs", "1", *quiet(case), *(a.format(root=root) for a in case.args)],
        cwd=REPO, capture_output=True, text=True, encoding="utf-8", env={**os.environ, **case.env}, timeout=120)
    return done.returncode, done.stderr


def leftovers(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.name.startswith(".output."))


def check_in_process(root: Path, case: Case, capsys, monkeypatch) -> tuple[int, str]:
    """`check --strict`: its lines before the summary (on stdout, or stderr when it fails)."""
    for key, value in case.env.items():
        monkeypatch.setenv(key, value)
    capsys.readouterr()
    code = main(["check", "--strict", "--site", str(root), "--jobs", "1"])
    said = capsys.readouterr()
    lines = (said.out + said.err).splitlines()
    assert lines[-1].startswith("checked ")
    return code, "".join(f"{line}\n" for line in lines[:-1])


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input(case: Case, base, tmp_path, capsys, monkeypatch):
    root = prepare(base, case, tmp_path)
    before = files(root / "output")
    if case.command == "check":
        code, said = check_in_process(root, case, capsys, monkeypatch)
        assert (code, said) == (0 if case.builds else 1, "".join(f"{e}\n" for e in case.errors))
        assert files(root / "output") == before
        return
    if case.name in SUBPROCESS:
        code, err = build_in_subprocess(root, case)
    else:
        code, err = build_in_process(root, case, capsys, monkeypatch)
    assert "Traceback" not in err
    if case.builds:
        assert (code, err) == (0, "".join(f"{line}\n" for line in case.errors))
        page, text = case.shows
        assert text in (root / "output" / page).read_text(encoding="utf-8")
    else:
        assert err == expected_stderr(case, root)
        assert code == 1
        assert files(root / "output") == before
    assert leftovers(root) == []


def test_catalogue_is_big_enough():
    failing = [c for c in CASES if not c.builds]
    assert len(failing) >= 40 and len({c.name for c in CASES}) == len(CASES)
    assert SUBPROCESS <= {c.name for c in CASES}
