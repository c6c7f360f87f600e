"""Two builds of one output folder at once: the second waits for the first (or, with --no-wait, stops), and
output/ is always one complete site.

The first build is the real CLI held by its render workers once its stage holds some pages (the trick of
tests/test_interrupt.py), so the second one surely starts while the first is staging: before the lock, the
second's recover() removed the first's stage, and the first swapped a gutted tree in."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from benchmarks.corpus import make_site
from generator.build.options import BuildOptions
from generator.build.pipeline import build
from generator.output.lock import building
from generator.errors import BuildError
from tests.sites import NOW, files
from tests.test_interrupt import HELD_BUILD

REPO = Path(__file__).resolve().parent.parent
URLS = ("https://preview-1.example.ma/", "https://preview-2.example.ma/")
ENV = {**os.environ, "SOURCE_DATE_EPOCH": str(int(NOW.timestamp()))}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    root = make_site(tmp_path_factory.mktemp("concurrent") / "site", articles=500)
    build(BuildOptions(site=root, jobs=2, now=NOW, search=False))
    return root


@pytest.fixture(scope="module")
def expected(site) -> dict[str, dict[str, bytes]]:
    """The complete site for each base URL, built alone into a folder of its own."""
    refs = {}
    for url in URLS:
        out = site.parent / f"ref-{URLS.index(url)}"
        build(BuildOptions(site=site, output=out, jobs=2, now=NOW, search=False, base_url=url))
        refs[url] = files(out)
    return refs


def held_build(site: Path, url: str, tag: str) -> tuple[subprocess.Popen, Path]:
    """A CLI build with a new base URL (every page rendered again), held once 100 pages are staged; the
    file to create to let it go on."""
    held, go = site.parent / f"held-{tag}", site.parent / f"go-{tag}"
    proc = subprocess.Popen([sys.executable, "-c", HELD_BUILD, str(held), str(go), "100", "--site", str(site),
                             "--jobs", "2", "--no-search", "-q", "--base-url", url],
                            cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 300
    while not held.exists():
        assert proc.poll() is None, f"the first build ended before it was held: {proc.communicate()}"
        assert time.monotonic() < deadline, "the first build never got to staging"
        time.sleep(0.01)
    return proc, go


def second_build(site: Path, url: str, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "build.py", "--site", str(site), "--jobs", "2", "--no-search", "-q",
                             "--base-url", url, *extra],
                            cwd=REPO, env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("round_", range(4))
def test_a_second_build_waits_and_output_is_one_complete_site(site, expected, round_):
    url = URLS[round_ % 2]
    first, go = held_build(site, url, f"wait-{round_}")
    second = second_build(site, url)
    said = second.stderr.readline()  # blocks until the second build says something or ends
    go.touch()
    first_out, first_err = first.communicate(timeout=300)
    second_out, second_err = second.communicate(timeout=300)
    assert (first.returncode, first_err) == (0, ""), first_err
    assert said.startswith("waiting for another build of ") and said.rstrip().endswith("to finish..."), said
    assert (second.returncode, second_err) == (0, ""), second_err
    assert files(site / "output") == expected[url]
    assert not [p.name for p in site.iterdir() if p.name.startswith((".output.stage-", ".output.old-", ".output.patch-"))]
    assert not [p.name for p in site.iterdir() if "lock" in p.name]


def test_no_wait_stops_with_a_clear_message_and_leaves_the_first_build_alone(site, expected):
    first, go = held_build(site, URLS[0], "nowait")
    try:
        second = second_build(site, URLS[0], "--no-wait")
        _, err = second.communicate(timeout=300)
    finally:
        go.touch()
    first.communicate(timeout=300)
    assert first.returncode == 0
    assert second.returncode == 1
    assert err.startswith(f"{site / 'output'}: another build is writing this output folder (or one beside it); "
                          "wait for it to finish, or build without --no-wait to wait for it\n"), err
    assert files(site / "output") == expected[URLS[0]]


def test_a_dead_holder_never_keeps_the_lock(tmp_path):
    out = tmp_path / "output"
    holder = subprocess.Popen([sys.executable, "-c", "import sys, time; from pathlib import Path; "
                               "from generator.output.lock import building\n"
                               "with building(Path(sys.argv[1])):\n print('held', flush=True); time.sleep(600)",
                               str(out)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    with pytest.raises(BuildError, match="another build is writing"):
        with building(out, wait=False):
            pass
    holder.kill()
    holder.wait()
    with building(out, wait=False):  # the kernel dropped the killed holder's lock
        assert sorted(p.name for p in tmp_path.iterdir()) == []  # and no lock file is left in the folder


def test_check_waits_for_a_build_of_the_site(tmp_path):
    from tests.sites import article, write_site

    root = write_site(tmp_path / "site", "-- content/ar/2024/06/x.md --\n" + article("خبر"))
    holder = subprocess.Popen([sys.executable, "-c", "import sys; from pathlib import Path; "
                               "from generator.output.lock import building\n"
                               "with building(Path(sys.argv[1])):\n print('held', flush=True); sys.stdin.read()",
                               str(root / "output")], cwd=REPO, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline() == "held\n"
    checking = subprocess.Popen([sys.executable, "build.py", "check", "--site", str(root), "--jobs", "1"], cwd=REPO,
                                env=ENV, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert checking.stderr.readline() == f"waiting for another build of {root / 'output'} to finish...\n"
    holder.stdin.close()  # the build is done
    holder.wait()
    out, _ = checking.communicate(timeout=120)
    assert checking.returncode == 0 and out.startswith("checked 1 article: 0 errors"), out
