"""A theme's static files, published under /assets/ with a fingerprint in their names; the url(...) of its
CSS rewritten to the fingerprinted names."""
from __future__ import annotations

import hashlib
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .. import confine
from ..config import Config
from ..errors import BuildError, Problem
from .templates import BUNDLED_THEMES, shown

ASSET_ROOT = "assets"  # theme static files are published under /assets/
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@dataclass(frozen=True)
class Asset:
    source: Path
    target: str  # output path, relative: "assets/style.3f2a1b4c.css"
    data: bytes | None  # rewritten content (CSS), else None: copy the file


def assets(config: Config, theme_dir: Path) -> tuple[dict[str, str], tuple[Asset, ...]]:
    """Theme static files, fingerprinted: ({"style.css": "/assets/style.<hash>.css"}, files to publish).

    CSS files have their url(...) references rewritten to the fingerprinted names."""
    static = theme_dir / "static"
    if not static.is_dir():
        return {}, ()
    files = sorted(p for p in static.rglob("*") if p.is_file() and not p.name.startswith("."))  # folder links
    refused = [Problem(shown(p, config.root), 0, why) for p in [static, *files]  # are not followed
               if p.is_symlink() and (why := confine.problem(p, config.root, (BUNDLED_THEMES,)))]
    if refused:
        raise BuildError(refused)
    names, published = {}, []
    base = config.base_path
    for path in sorted(files, key=lambda p: p.suffix == ".css"):  # CSS last: it refers to the others
        rel = PurePosixPath(path.relative_to(static).as_posix())
        data = path.read_bytes()
        rewritten = None
        if path.suffix == ".css":
            text = data.decode("utf-8")

            def swap(match, folder=rel.parent):
                target = posixpath.normpath(posixpath.join(str(folder), match.group(2)))
                url = names.get(target)
                return f"url({match.group(1)}{url}{match.group(1)})" if url else match.group(0)

            rewritten = CSS_URL.sub(swap, text).encode()
            data = rewritten
        digest = hashlib.sha256(data).hexdigest()[:10]
        target = str(rel.with_name(f"{rel.stem}.{digest}{rel.suffix}"))
        names[str(rel)] = f"{base}{ASSET_ROOT}/{target}"
        published.append(Asset(path, f"{ASSET_ROOT}/{target}", rewritten))
    return names, tuple(published)

