"""Find what the writer committed: articles and the files beside them, per language folder; read a file as text."""
from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..confine import escape, message, problem
from ..errors import Problems
from . import names
from .series import is_intro

CONTENT = "content"
STATIC = "static"  # the site's own files, published as they are
ROBOTS_ADDITIONS = f"{STATIC}/robots.txt"  # not published: its lines are added to the generated robots.txt
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
    intros: tuple[Source, ...] = ()  # content/<lang>/series/*.md: the series' introductions (content/series.py)


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
    if why := problem(content, root):
        problems.error(CONTENT, 0, why)
        return Sources((), ())
    for entry in sorted(content.iterdir()):
        name = nfc(entry.name)
        if ignored(name):
            continue
        if entry.is_symlink() and (why := problem(entry, root)):
            problems.error(f"{CONTENT}/{name}", 0, why)
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
    articles, files = one_per_name(articles, root, problems), one_per_name(files, root, problems)
    key = lambda s: s.source  # noqa: E731
    intros = [s for s in articles if is_intro(s.source)]
    return Sources(tuple(sorted((s for s in articles if not is_intro(s.source)), key=key)),
                   tuple(sorted(files, key=key)), tuple(sorted(intros, key=key)))


def one_per_name(found: list[Source], root: Path, problems: Problems) -> list[Source]:
    """Two files whose names differ only by Unicode normalization (NFC and NFD: one saved on a Mac) are one
    name: an error naming both (spelled out, as they look alike), rather than one of them silently lost."""
    by_name: dict[str, list[Source]] = {}
    for s in found:
        by_name.setdefault(s.source, []).append(s)
    for source, twins in by_name.items():
        if len(twins) > 1:
            spelled = " and ".join(sorted(ascii(t.path.relative_to(root).as_posix()) for t in twins))
            problems.error(source, 0, f"{len(twins)} files have this name, written in different Unicode forms "
                                      f"(NFC and NFD, as a Mac may save it): {spelled}; keep one")
    return [twins[0] for twins in by_name.values() if len(twins) == 1]



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
        if not utf8(name):
            shown = source.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
            problems.error(shown, 0, "its name is not UTF-8 text (made on another system?); rename it")
            continue
        if names.reserved(name):
            problems.error(source, 0, f'its name "{name}" is {names.RESERVED_WHY}; rename it')
            continue
        if warning := names.invisible_message("its name", name):
            problems.warn(source, 0, warning)
        if entry.is_dir(follow_symlinks=False):
            walk(root, path, lang, articles, files, problems, source)
            continue
        if entry.is_symlink():
            why = escape(path, root)
            is_dir = why != "loop" and entry.is_dir()
            if why:
                problems.error(source, 0, message(why, "folder" if is_dir else "file"))
                continue
            if is_dir:
                if inside(folder, path):
                    problems.error(source, 0, "is a link to a folder that contains it (a loop); remove the link")
                else:
                    walk(root, path, lang, articles, files, problems, source)  # followed once, checked to stay inside
                continue
            if not path.exists():
                problems.error(source, 0, f"is a link to {os.readlink(path)}, which does not exist")
                continue
        if entry.is_file():
            (articles if name.endswith(".md") else files).append(Source(path, source, lang))


def utf8(name: str) -> bool:
    """Is a file name as the system gave it UTF-8 (not bytes smuggled in as surrogates)?"""
    try:
        name.encode("utf-8")
        return True
    except UnicodeEncodeError:
        return False


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
