"""`check --strict` (the first step of the Pages workflow and of the Netlify recipe) passes every valid site
with nothing to say: the sample, every site the two corpus generators write, every site `import-wordpress`
writes from a real export. A warning here is either a wrong warning or invalid content: fix the one at fault."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from benchmarks.corpus import write as write_corpus
from generator.build.options import BuildOptions
from generator.build.checking import check
from generator.cli import main
from generator.wordpress.importer import Options as ImportOptions, import_export
from tests.sites import SITE_TOML

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
MAKE_CORPUS = SHARED / "bench" / "make_corpus.py"
EXPORTS = SHARED / "wordpress"
DATA = REPO / "tests" / "data"
LATER = dt.datetime(2027, 1, 1, tzinfo=dt.timezone.utc)  # every corpus article published, but those of 2099
ARTICLES = 150  # per language: a few hundred articles a site
EN_FR = """title = "Test Import"
base_url = "https://example.com/"
default_language = "en"
timezone = "Europe/Paris"

[languages.en]
name = "English"
dir = "ltr"
locale = "en_GB"
title = "Test Import"

[languages.fr]
name = "Français"
dir = "ltr"
locale = "fr_FR"
title = "Essai d'import"
"""


def said(root: Path, now=LATER) -> list[str]:
    """Everything `check` says of the site (errors and warnings), after making sure it read articles."""
    problems, articles = check(BuildOptions(site=root, jobs=1, now=now))
    assert articles > 0
    return [str(p) for p in problems]


def test_the_sample_passes(tmp_path):
    for part in ("site.toml", "content", "static"):
        source = REPO / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, tmp_path / part)
    assert said(tmp_path) == []
    assert main(["check", "--strict", "--site", str(tmp_path)]) == 0


@pytest.mark.skipif(not MAKE_CORPUS.is_file(), reason="../shared/bench/make_corpus.py is not there")
@pytest.mark.parametrize("images", [False, True], ids=["text", "images"])
def test_every_site_of_the_shared_corpus_passes(tmp_path, images):
    seed = 3 if images else 1
    subprocess.run([sys.executable, str(MAKE_CORPUS), str(tmp_path), "--articles", str(ARTICLES), "--seed", str(seed),
                    *(["--images"] if images else [])], check=True, capture_output=True)
    assert len(list((tmp_path / "content").rglob("*.md"))) == 2 * ARTICLES
    assert said(tmp_path) == []


@pytest.mark.parametrize("images", [False, True], ids=["text", "images"])
def test_every_site_of_the_benchmark_corpus_passes(tmp_path, images):
    write_corpus(tmp_path, ARTICLES, seed=2 if images else 1, images=images)
    assert said(tmp_path) == []


def imported(root: Path, export: Path, site_toml: str, uploads: Path | None = None) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "site.toml").write_text(site_toml, encoding="utf-8")
    report = import_export(ImportOptions(export=export, site=root, uploads=uploads))
    assert report.new
    return root


@pytest.mark.parametrize("export", ["themeunittestdata.wordpress.xml", "theme-preview.xml",
                                    "polylang-test-import.xml"])
def test_every_site_imported_from_a_real_export_passes(tmp_path, export):
    if not (EXPORTS / export).is_file():
        pytest.skip(f"../shared/wordpress/{export} is not there")
    sites = [imported(tmp_path / "ar-fr", EXPORTS / export, SITE_TOML)]  # its posts become Arabic ones (or French)
    if export.startswith("polylang"):
        sites.append(imported(tmp_path / "en-fr", EXPORTS / export, EN_FR))  # its English and French posts
    for root in sites:
        assert said(root) == []


def test_a_site_imported_with_its_uploads_passes(tmp_path):
    """The pictures of the posts, copied beside the articles and shown in their text, are no broken links."""
    root = imported(tmp_path, DATA / "wordpress-export.xml", SITE_TOML, uploads=DATA / "wordpress-uploads")
    shown = [(md, picture.name) for md in (root / "content").rglob("*.md") for picture in md.parent.glob("*.jpg")
             if f"]({picture.name})" in md.read_text(encoding="utf-8")]
    assert len(shown) >= 3  # ![…](salle-criee.jpg) and others, beside their article
    assert said(root) == []
