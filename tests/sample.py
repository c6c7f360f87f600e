"""The sample magazine of this repository (site.toml, content/, static/), built into a temporary folder."""
from __future__ import annotations

import shutil
from pathlib import Path

from tests.sites import run

ROOT = Path(__file__).resolve().parent.parent


def build_sample(folder: Path) -> Path:
    """Copy the sample site into `folder`, build it, and return its output/ folder."""
    shutil.copy2(ROOT / "site.toml", folder / "site.toml")
    for part in ("content", "static"):
        if (ROOT / part).is_dir():
            shutil.copytree(ROOT / part, folder / part)
    run(folder, jobs=2)
    return folder / "output"


def article_path(output: Path, lang: str, slug: str) -> str:
    """The site path ("/ar/2025/01/x/") of the article `slug` in `lang`."""
    found = [p.parent for p in (output / lang).glob(f"*/*/{slug}/index.html")]
    assert found, f"no article {slug} in {lang}"
    return "/" + found[0].relative_to(output).as_posix() + "/"
