"""Find what the writer committed: articles and the files beside them, per language folder; read a file as text."""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import Problems

CONTENT = "content"
IGNORED = (".", "_", "~", "#")  # hidden files, editor backups and lock files


@dataclass(frozen=True)
class Source:
    path: Path  # on disk
    source: str  # from the site root, NFC: "content/ar/2024/06/x.md"
    lang: str  # the folder's language


@dataclass(frozen=True)
class Sources:
    articles: tuple[Source, ...]
    files: tuple[Source, ...]  # anything else under content/<lang>/


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def ignored(name: str) -> bool:
    return name.startswith(IGNORED) or name.endswith(("~", ".swp", ".tmp"))


def inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root.resolve())
        return True
    except ValueError:
        return False


def discover(root: Path, languages: tuple[str, ...], problems: Problems) -> Sources:
    """Every article and attachment under ROOT/content/<lang>/, sorted, names normalized to NFC."""
    content = root / CONTENT
    articles: list[Source] = []
    files: list[Source] = []
    if not content.is_dir():
        problems.error(CONTENT, 0, "there is no content/ folder: articles go in content/<lang>/, e.g. content/ar/")
        return Sources((), ())
    for entry in sorted(content.iterdir()):
        name = nfc(entry.name)
        if ignored(name):
            continue
        if not entry.is_dir():
            problems.error(f"{CONTENT}/{name}", 0,
                           f"is not in a language folder; put it in content/<lang>/ ({', '.join(languages)})")
            continue
        if name not in languages:
            problems.error(f"{CONTENT}/{name}", 0,
                           f'"{name}" is not a language of site.toml ({", ".join(languages)}); '
                           f"add [languages.{name}] or rename the folder")
            continue
        walk(root, entry, name, articles, files, problems)
    key = lambda s: s.source  # noqa: E731
    return Sources(tuple(sorted(articles, key=key)), tuple(sorted(files, key=key)))


def walk(root: Path, folder: Path, lang: str, articles: list, files: list, problems: Problems,
         base: str | None = None) -> None:
    """The files below `folder` (whose path from the site root is `base`), by os.scandir: a folder's
    entries tell files, folders and links apart without a stat each."""
    base = base or source_of(root, folder)
    with os.scandir(folder) as entries:
        entries = sorted(entries, key=lambda e: e.name)
    for entry in entries:
        name = entry.name
        if ignored(name):
            continue
        path, source = Path(entry.path), nfc(f"{base}/{name}")
        if entry.is_dir(follow_symlinks=False):
            walk(root, path, lang, articles, files, problems, source)
            continue
        if entry.is_symlink():
            if entry.is_dir():
                if not inside(path, root):
                    problems.error(source, 0, "is a link to a folder outside the site; "
                                   "copy what you need into the site instead")
                elif inside(folder, path):
                    problems.error(source, 0, "is a link to a folder that contains it (a loop); remove the link")
                else:
                    walk(root, path, lang, articles, files, problems, source)  # followed once, checked to stay inside
                continue
            if not inside(path, root):
                problems.error(source, 0, "is a link to a file outside the site; copy the file into the site instead")
                continue
            if not path.exists():
                problems.error(source, 0, f"is a link to {os.readlink(path)}, which does not exist")
                continue
        if entry.is_file():
            (articles if name.endswith(".md") else files).append(Source(path, source, lang))


def read_text(data: bytes) -> tuple[str | None, int, str]:
    """(text with LF line endings, 0, "") or (None, line, message) for bytes that are not UTF-8."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, line, f"is not UTF-8 text (byte 0x{data[exc.start]:02x}); save it as UTF-8"
    return text.replace("\r\n", "\n").replace("\r", "\n"), 0, ""


def source_of(root: Path, path: Path) -> str:
    return nfc(PurePosixPath(path.relative_to(root).as_posix()).as_posix())
