"""The published editor: output/admin/, when site.toml's [editor] says `publish = true`.

The same files as the preview's /admin/, with the site's GitHub repository as the backend: the build plans
them as copied files (an `admin/...` output path each, with its digest), so a change of [editor], of the
theme's labels or of majalla's scripts writes them again, and `publish = false` removes them. They are
files, not pages: never in the sitemap, never in the search index (it reads article pages only)."""
from __future__ import annotations

import hashlib

from ..config import CONFIG_FILE, Config
from ..media.attachments import Copy, make
from . import settings
from .admin import made_files, shipped_files

FOLDER = "admin"  # below output/
PRODUCER = f"{CONFIG_FILE} [editor] publish"


def admin_copies(config: Config) -> list[Copy]:
    """The files of output/admin/ (none unless [editor] asks for them). Raises BuildError, each mistake of the
    [editor] table at its line."""
    editor = settings.load(config)
    if not editor.publish:
        return []
    source = config.root / CONFIG_FILE
    made = [Copy(f"{FOLDER}/{name}", source, "editor:" + hashlib.sha256(data).hexdigest(), PRODUCER, data)
            for name, data in made_files(config, editor, local=False, site_url=config.base_url).items()]
    shipped = [make(path, f"{FOLDER}/{name}", PRODUCER) for name, path in shipped_files().items()]
    return sorted(made + shipped, key=lambda c: c.target)


def inputs(copies: list[Copy]) -> list[str]:
    """What the build's digest of its inputs takes from them."""
    return [f"{c.target}={c.digest}" for c in copies]
