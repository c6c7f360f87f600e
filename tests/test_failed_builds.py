"""A build that fails leaves output/ exactly as it was, and the next build works once the input is fixed:
every check is made before the commit point, in full builds (a new tree) and patch builds (a journal) alike,
and `check` reports the same problems."""
from __future__ import annotations

import pytest

from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.errors import BuildError
from tests.sites import NOW, article, files, run, write_site

SITE = "".join(f"-- content/ar/2024/06/story-{n}.md --\n" + article(f"عنوان {n}", f"2024-06-{10 + n}", tags=[f"وسم {n}"])
               for n in range(6))
ALIAS = "content/ar/2024/06/story-0.md"


def site_of(tmp_path):
    root = write_site(tmp_path / "site", SITE)
    run(root)
    return root


CASES = {  # name -> (file, its text, the message)
    "static-through-robots": ("static/robots.txt/x.txt", "x\n",
                              "static/robots.txt/x.txt: wants to write output/robots.txt/x.txt, inside "
                              "output/robots.txt, which the build makes as a file: rename one of them"),
    "alias-robots": (ALIAS, article("عنوان 0", "2024-06-10", tags=["وسم 0"], aliases=["/robots.txt"]),
                     f"{ALIAS}:6: wants to write output/robots.txt/index.html, inside output/robots.txt, which "
                     "the build makes as a file: rename one of them"),
    "alias-sitemap": (ALIAS, article("عنوان 0", "2024-06-10", tags=["وسم 0"], aliases=["/sitemap.xml/"]),
                      f"{ALIAS}:6: wants to write output/sitemap.xml/index.html, inside output/sitemap.xml, which "
                      "the build makes as a file: rename one of them"),
}


@pytest.mark.parametrize("clean", [False, True], ids=["patch", "full"])
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_path_through_a_generated_file_fails_before_output_changes(tmp_path, case, clean):
    root = site_of(tmp_path)
    before = files(root / "output")
    name, text, message = CASES[case]
    original = (root / name).read_text(encoding="utf-8") if (root / name).exists() else None
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text, encoding="utf-8")
    with pytest.raises(BuildError) as failed:
        run(root, clean=clean)
    assert [str(p) for p in failed.value.problems if not p.warning] == [message]
    assert files(root / "output") == before
    problems, _ = check(BuildOptions(site=root, now=NOW))
    assert [str(p) for p in problems if not p.warning] == [message]
    if original is None:
        (root / name).unlink()
        (root / name).parent.rmdir()
    else:
        (root / name).write_text(original, encoding="utf-8")
    run(root)  # fixed: the next build works, and a clean one makes the same site
    assert files(root / "output") == before
    run(root, clean=True)
    assert files(root / "output") == before


@pytest.mark.parametrize("future", [False, True])
def test_a_date_at_the_end_of_time_builds(tmp_path, future):
    root = site_of(tmp_path)
    (root / "content/ar/2024/06/never.md").write_text(article("لا يُنشر", "9999-12-31"), encoding="utf-8")
    report = run(root, future=future)
    assert report.wrote == future  # not published: nothing changes; and no overflow either way
    assert ("ar/9999/12/never/index.html" in files(root / "output")) == future
    assert not run(root, future=future).wrote  # up to date: the build recorded when it goes stale


def test_a_full_disk_is_a_message_and_output_stays(tmp_path, monkeypatch, capsys):
    import errno
    import pathlib

    from generator.cli import main

    root = site_of(tmp_path)
    before = files(root / "output")
    real = pathlib.Path.write_bytes

    def full(self, data):
        if ".output.stage-" in str(self):
            raise OSError(errno.ENOSPC, "No space left on device", str(self))
        return real(self, data)

    monkeypatch.setattr(pathlib.Path, "write_bytes", full)
    capsys.readouterr()
    assert main(["--site", str(root), "--jobs", "1", "-q", "--no-search", "--base-url", "https://other.example.ma/"]) == 1
    assert capsys.readouterr().err == ("the disk is full: the site could not be written; free some space and build "
                                       "again (output/ is as it was)\n")
    assert files(root / "output") == before
    assert not [p for p in root.iterdir() if p.name.startswith(".output.stage-")]
