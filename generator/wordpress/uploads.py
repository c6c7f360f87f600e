"""The pictures, audio and video files of the old site's uploads that the posts use, copied beside their
articles from a copy of wp-content/uploads/ (--uploads DIR), and never anything from outside that folder."""
from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urlsplit

UPLOADS = "/wp-content/uploads/"


@dataclass
class Plan:
    """What an import will write: site path -> bytes (an article) or the Path of an upload to copy."""

    files: dict = field(default_factory=dict)  # site path -> bytes, or a Path to copy
    names: dict = field(default_factory=lambda: defaultdict(dict))  # folder -> {file name: upload}
    missing: dict = field(default_factory=dict)
    linked: dict = field(default_factory=dict)


def upload_path(url: str) -> str | None:
    """The path of an upload below the uploads folder ("2024/06/a.jpg") for an address of the old site's
    uploads (…/wp-content/uploads/…, or WordPress.com's https://NAME.files.wordpress.com/…); None for any
    other address. A size asked of WordPress.com (?w=604) is the file itself."""
    parts = urlsplit(url)
    path = unquote(parts.path)
    if (parts.hostname or "").endswith(".files.wordpress.com"):
        return path[1:]
    if UPLOADS not in path or parts.query:
        return None
    return path.split(UPLOADS, 1)[1]


def inside(uploads: Path, rel: str) -> Path | None:
    """The file `rel` of the uploads folder, or None when there is none there. Nothing outside the folder is
    ever named: an absolute remainder (uploads//etc/passwd, %2F…), "..", a backslash, or a link in the
    folder to a file elsewhere gives None."""
    if not rel or rel.startswith("/") or "\\" in rel or "\x00" in rel:
        return None
    if any(part in ("..", ".") for part in PurePosixPath(rel).parts):
        return None
    try:
        base = uploads.resolve(strict=True)
        source = (base / rel).resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    return source if source.is_relative_to(base) and source.is_file() else None


def uploads_mapper(plan: Plan, uploads: Path | None, article: str):
    """The `local` function of one article: an upload URL becomes a file beside the article (copied from
    `uploads`), any other URL is kept. Missing files are noted, and so are URLs kept for lack of `uploads`."""
    folder = str(PurePosixPath(article).parent)

    def local(url: str) -> str:
        rel = upload_path(url)
        if rel is None:
            return url
        if uploads is None:
            plan.linked.setdefault((article, url), None)
            return url
        source = inside(uploads, rel)
        if source is None:
            plan.missing.setdefault((article, url), None)
            return url
        names = plan.names[folder]
        name = unicodedata.normalize("NFC", PurePosixPath(rel).name)
        stem, suffix, n = PurePosixPath(name).stem, PurePosixPath(name).suffix, 2
        while names.get(name, rel) != rel:
            name, n = f"{stem}-{n}{suffix}", n + 1
        names[name] = rel
        plan.files[f"{folder}/{name}"] = source
        return quote(name)

    return local
