"""A second import of the same export into the same site does no work: the last import's plan is kept in
.cache/wordpress/last.json under a key made of everything the plan depends on (the export's bytes, the
options, site.toml, the importer's own code), with the digest of every file it planned and the size and
time of every upload it copied. When the key is the same, every planned file is on disk with that digest
and no upload changed, the import is "unchanged" without reading a post; anything else is a full import."""
from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

CACHE = Path(".cache/wordpress/last.json")
VERSION = "3"  # 2: every post's short link (/?p=ID) among its aliases; 3: content/front_matter.py, dates plain


def code() -> list[Path]:
    """The importer's own code, and what it uses of the generator's."""
    from .. import config
    from ..content import aliases, front_matter
    from ..text import arabic

    here = Path(__file__).parent
    return sorted(here.glob("*.py")) + [Path(m.__file__) for m in (arabic, aliases, config, front_matter)]


def digest_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def key_of(options, site_toml: bytes) -> str:
    """What the plan depends on, as a digest."""
    h = hashlib.sha256(VERSION.encode())
    for path in code():
        h.update(path.name.encode() + b"\0" + path.read_bytes())
    h.update(site_toml)
    h.update(repr((str(options.export.resolve()), str(options.uploads.resolve()) if options.uploads else None,
                   options.lang, options.comments)).encode())
    h.update(digest_file(options.export).encode())
    return h.hexdigest()


def stat_of(path: Path) -> list:
    st = path.stat()
    return [st.st_size, st.st_mtime_ns]


def load(site: Path, key: str) -> dict | None:
    """The last plan when it still holds: same key, every file on disk as planned, uploads unchanged."""
    try:
        saved = json.loads((site / CACHE).read_text(encoding="utf-8"))
        if saved.get("key") != key:
            return None
        for rel, digest in saved["files"].items():
            target = site / rel
            if not target.is_file() or digest_file(target) != digest:
                return None
        for source, stat in saved["uploads"].items():
            if stat_of(Path(source)) != stat:
                return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
    return saved


def save(site: Path, key: str, files: dict, uploads: dict, report) -> None:
    """Keep this plan: `files` {site path: sha256}, `uploads` {source path: [size, mtime]}, the report."""
    path = site / CACHE
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".last.{os.getpid()}.json")
        temporary.write_text(json.dumps({"key": key, "files": files, "uploads": uploads,
                                         "report": dataclasses.asdict(report)}, ensure_ascii=False), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        pass  # a cache that cannot be written only costs time next run
