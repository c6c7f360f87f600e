"""A command whose reader goes away (`majalla import-wordpress export.xml | head`, `majalla check 2>&1 | head`)
ends quietly: no traceback, no "Broken pipe", its work done as it would have been, and the exit code a shell
gives a command killed by SIGPIPE (141), or the command's own when it failed.

The pipe's reading end is closed before the command starts, so that its first write fails, whatever the load
of the machine."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sites import article, write_site

REPO = Path(__file__).resolve().parents[1]
EXPORT = REPO.parent / "shared" / "wordpress" / "themeunittestdata.wordpress.xml"
SITE = "".join(f"-- content/ar/2024/06/story-{n}.md --\n" + article(f"عنوان {n}", tags=[f"وسم {n}"]) for n in range(30))


def closed_pipe(args: list[str], root: Path, both: bool) -> tuple[int, str]:
    """(exit code, what it wrote to stderr) of `build.py ARGS` whose stdout (and stderr: `both`) is a pipe
    nobody reads."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run([sys.executable, "build.py", *args, "--site", str(root)], cwd=REPO, stdout=write_end,
                              stderr=write_end if both else subprocess.PIPE, timeout=300)
    finally:
        os.close(write_end)
    return done.returncode, (done.stderr or b"").decode("utf-8", "replace")


@pytest.mark.parametrize("both", [False, True], ids=["stdout", "stdout-and-stderr"])
@pytest.mark.parametrize("command", ["build", "check", "import-wordpress"])
def test_a_closed_output_ends_the_command_quietly(tmp_path, command, both):
    root = write_site(tmp_path / "site", SITE)
    args = {"build": ["build", "--verbose", "-j", "1"], "check": ["check", "--strict", "-j", "1"],
            "import-wordpress": ["import-wordpress", str(EXPORT)]}[command]
    if command == "import-wordpress" and not EXPORT.exists():
        pytest.skip("the shared WordPress exports are not here")
    code, said = closed_pipe(args, root, both)
    assert "Traceback" not in said and "Broken pipe" not in said and "BrokenPipe" not in said, said
    assert said == ""  # nothing else to say: the reader went away, the work is done
    assert code == 141
    if command == "build":  # done as it would have been
        assert (root / "output/ar/2024/06/story-29/index.html").is_file()
    if command == "import-wordpress":
        assert len(list((root / "content").rglob("*.md"))) > 60


def test_a_failed_build_whose_reader_went_away_still_fails(tmp_path):
    root = write_site(tmp_path / "site", SITE + "-- content/ar/2024/06/bad.md --\n---\ntitle: x\ndate: 2024-13-01\n---\nنص.\n")
    code, said = closed_pipe(["build", "-j", "1"], root, True)
    assert code == 1 and said == ""
    assert not (root / "output").exists()
