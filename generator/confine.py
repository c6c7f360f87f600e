"""Nothing outside the site is read or published: every file and folder the build reads (content, static
files, templates, UI strings, themes, site.toml) goes through `escape` first.

A path may be read when, every link followed, it is inside the site folder but not in its .git/ or .cache/
(a link to .git/config, to the build cache or to /proc/self/environ would publish secrets), or inside
the themes that ship with majalla. A link that stays inside is followed; one that leaves is a problem of
the file that holds it, at its path."""
from __future__ import annotations

from pathlib import Path

PRIVATE = (".git", ".cache")  # folders of the site that are never read as sources nor published


def escape(path: Path, root: Path, also: tuple[Path, ...] = ()) -> str | None:
    """None when `path` may be read; else why not: "outside", ".git", ".cache", or "loop"."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError):  # a loop of links (RuntimeError before Python 3.13)
        return "loop"
    for base in also:
        if real.is_relative_to(base.resolve()):
            return None
    try:
        rel = real.relative_to(root.resolve())
    except ValueError:
        return "outside"
    return rel.parts[0] if rel.parts and rel.parts[0] in PRIVATE else None


def message(why: str, kind: str = "file") -> str:
    """The problem of a path `escape` refused; `kind`: "file" or "folder"."""
    if why == "outside":
        return (f"is a link to a {kind} outside the site; "
                + ("copy the file into the site instead" if kind == "file" else "copy what you need into the site instead"))
    if why == "loop":
        return "is a link that leads back to itself (a loop); remove the link"
    return f"is a link into {why}/, which is never read nor published; copy what you need into the site instead"


def problem(path: Path, root: Path, also: tuple[Path, ...] = ()) -> str | None:
    """escape()'s answer as a message (None when `path` may be read)."""
    why = escape(path, root, also)
    return message(why, "folder" if path.is_dir() else "file") if why else None
