"""Writes and deletions never follow a link out of the folders the build owns: .cache/ and its folders, and
output/ (a folder or file in it that is a link). Each is an error before anything is written; the folder the
link leads to is left as it was."""
from __future__ import annotations

import os
import shutil

import pytest

from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.errors import BuildError
from tests.sites import NOW, article, files, run, write_site

SITE = "".join(f"-- content/{lang}/2024/06/story-{n}.md --\n" + article(f"عنوان {n}", f"2024-06-{10 + n}")
               for n in range(6) for lang in ("ar", "fr"))
CACHE_LINK = ("is a link: majalla writes and removes files there, so it must be a folder of its own; remove the link "
              "(the build makes the folder again)")


def photos(tmp_path):
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "holiday.jpg").write_bytes(b"not to be lost")
    return folder


@pytest.mark.parametrize("name", [".cache/images", ".cache"])
def test_a_cache_folder_that_is_a_link_is_refused_and_what_it_leads_to_kept(tmp_path, name):
    root = write_site(tmp_path / "site", SITE)
    run(root)
    before = files(root / "output")
    elsewhere = photos(tmp_path)
    if name == ".cache":
        shutil.copytree(root / ".cache", elsewhere, dirs_exist_ok=True)
    shutil.rmtree(root / name)
    os.symlink(elsewhere, root / name)
    kept = files(elsewhere)
    with pytest.raises(BuildError) as failed:
        run(root, clean=True)
    assert [str(p) for p in failed.value.problems] == [f"{name}: {CACHE_LINK}"]
    assert files(elsewhere) == kept
    assert files(root / "output") == before
    problems, _ = check(BuildOptions(site=root, now=NOW))
    assert [str(p) for p in problems] == [f"{name}: {CACHE_LINK}"]
    assert files(elsewhere) == kept


@pytest.mark.parametrize("what", ["folder", "file"])
def test_a_link_in_output_is_never_written_through(tmp_path, what):
    root = write_site(tmp_path / "site", SITE)
    run(root)
    out = root / "output"
    elsewhere = tmp_path / "elsewhere"
    name = "fr" if what == "folder" else "fr/index.html"
    shutil.move(out / name, elsewhere)
    os.symlink(elsewhere, out / name)
    kept = files(elsewhere) if what == "folder" else elsewhere.read_bytes()
    before = files(out)
    story = root / "content/fr/2024/06/story-1.md"
    story.write_text(article("Titre modifié", "2024-06-11"), encoding="utf-8")  # a patch build, into fr/
    with pytest.raises(BuildError) as failed:
        run(root)
    assert [str(p) for p in failed.value.problems] == [
        f"{out}/{name}: is a link: majalla writes only files and folders it makes; remove the link (the next build "
        "makes it again)"]
    assert (files(elsewhere) if what == "folder" else elsewhere.read_bytes()) == kept
    assert files(out) == before
    os.unlink(out / name)
    run(root)  # the link removed: the build makes the folder again
    assert "Titre modifié" in (out / "fr/2024/06/story-1/index.html").read_text(encoding="utf-8")
    assert not (out / name).is_symlink()
