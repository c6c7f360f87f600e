"""The site's files as the editor may touch them: paths checked, folders listed, files written atomically.

A path comes from the browser as text ("content/ar/2024/06/x.md") and is refused unless it stays inside the
site's `content/` or `static/` folder: no absolute path, no `..`, no backslash or NUL, no link that leads
out. Articles are `.md` files in a language folder of site.toml; the only other files the editor writes or
deletes are pictures. A file is written beside its target under a hidden temporary name (which neither the
build nor the preview's watcher reads) and moved over it in one rename."""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..media.images import PASS_THROUGH, RASTER
from ..content.sources import CONTENT, ignored

STATIC = "static"
ROOTS = (CONTENT, STATIC)
ARTICLE = ".md"
PICTURES = RASTER + PASS_THROUGH  # what majalla publishes as a picture


class Refused(Exception):
    """A request the editor may not make: the message says why, for the writer."""


@dataclass(frozen=True)
class Target:
    rel: str  # as the browser wrote it: "content/ar/2024/06/x.md"
    path: Path  # on disk, links resolved, inside the site's content/ or static/
    lang: str | None  # the language folder under content/, else None
    base: Path  # the site's content/ or static/ folder it is in, links resolved


def is_picture(name: str) -> bool:
    return name.lower().endswith(PICTURES)


def target(root: Path, rel: object, languages: tuple[str, ...]) -> Target:
    """Where `rel` leads inside ROOT/content or ROOT/static; Refused when anywhere else."""
    if not isinstance(rel, str) or not rel:
        raise Refused(f"{rel!r} is not a path")
    parts = rel.split("/")
    if rel.startswith("/") or "\\" in rel or "\0" in rel or any(p in ("", ".", "..") for p in parts):
        raise Refused(f'"{rel}" is not a path inside the site (no "/" at its start, no "..", no "\\")')
    if parts[0] not in ROOTS:
        raise Refused(f'"{rel}" is outside {CONTENT}/ and {STATIC}/: the editor reads and writes only there')
    base = (root / parts[0]).resolve()
    path = (root / rel).resolve()
    if path != base and base not in path.parents:
        raise Refused(f'"{rel}" leads outside {parts[0]}/ (through a link)')
    lang = parts[1] if parts[0] == CONTENT and len(parts) > 1 and parts[1] in languages else None
    return Target(rel, path, lang, base)


def article(root: Path, rel: object, languages: tuple[str, ...]) -> Target:
    """An article the editor may read, write or delete: a .md file in a language folder."""
    found = target(root, rel, languages)
    if found.lang is None or len(found.rel.split("/")) < 3 or not found.rel.endswith(ARTICLE):
        raise Refused(f'"{found.rel}" is not an article: articles are .md files in {CONTENT}/<language>/ '
                      f"({', '.join(languages)})")
    return found


def picture(root: Path, rel: object, languages: tuple[str, ...]) -> Target:
    """A picture the editor may read, write or delete: beside the articles of a language, or in static/."""
    found = target(root, rel, languages)
    parts = found.rel.split("/")
    if not is_picture(found.rel) or (parts[0] == CONTENT and found.lang is None) or len(parts) < 2:
        raise Refused(f'"{found.rel}" is not a picture the editor may use: pictures ({", ".join(PICTURES)}) go '
                      f"beside the articles in {CONTENT}/<language>/, or in {STATIC}/")
    return found


def writable(found: Target) -> Target:
    """`found`, unless majalla would not read a file of that name (a hidden file, an editor's backup)."""
    name = found.rel.rsplit("/", 1)[-1]
    if name == ARTICLE:
        raise Refused(f'"{found.rel}" has no name: the title has no letter or digit to make it from; give the '
                      f"article a slug")
    if ignored(name):
        raise Refused(f'"{found.rel}": majalla ignores files named like this (starting with ".", "_", "~" or "#", '
                      f'or ending with "~", ".swp" or ".tmp"); choose another name')
    return found


def listing(found: Target, suffixes: tuple[str, ...], depth: int) -> list[str]:
    """The files below a folder, `depth` levels down (1: the folder's own), whose names end with one of
    `suffixes`, as paths from the site root in the browser's spelling, sorted. Links leading out of the
    folder's root are left out; a missing folder has none."""
    out: list[str] = []

    def walk(folder: Path, rel: str, depth: int) -> None:
        if depth <= 0:
            return
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if ignored(entry.name):
                continue
            path, child = Path(entry.path), f"{rel}/{entry.name}"
            if entry.is_symlink() and found.base not in path.resolve().parents:
                continue
            if entry.is_dir():
                walk(path, child, depth - 1)
            elif entry.is_file() and entry.name.lower().endswith(suffixes):
                out.append(child)

    walk(found.path, found.rel, depth)
    return out


def write(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: a reader sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
