"""The sample magazine of this repository (site.toml, content/, static/…), built into a temporary folder.

The tests that only read it share one build per test process: the session fixture `sample` (conftest.py)."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.sites import run

ROOT = Path(__file__).resolve().parent.parent
PARTS = ("site.toml", "content", "static", "templates", "i18n", "authors")  # what a site folder may hold


def build_sample(folder: Path) -> Path:
    """Copy the sample site into `folder`, build it with its search index, and return its output/ folder."""
    folder.mkdir(parents=True, exist_ok=True)
    for part in PARTS:
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, folder / part)
        elif (ROOT / part).is_file():
            shutil.copy2(ROOT / part, folder / part)
    run(folder, jobs=2, search=True)
    return folder / "output"


def article_path(output: Path, lang: str, slug: str) -> str:
    """The site path ("/ar/2025/01/x/") of the article `slug` in `lang`."""
    found = [p.parent for p in (output / lang).glob(f"*/*/{slug}/index.html")]
    assert found, f"no article {slug} in {lang}"
    return "/" + found[0].relative_to(output).as_posix() + "/"
