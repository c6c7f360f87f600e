"""Nothing outside the site is read or published: every file and folder the build reads (content, static
files, templates, UI strings, themes, site.toml) goes through `escape` first.

A path may be read when, every link followed, it is inside the site folder but not in its .git/ or .cache/
(a link to .git/config, to the build cache or to /proc/self/environ would publish secrets), or inside
the themes that ship with majalla. A link that stays inside is followed; one that leaves is a problem of
the file that holds it, at its path."""
from __future__ import annotations

import errno
import os
from collections import defaultdict
from pathlib import Path

PRIVATE = (".git", ".cache")  # folders of the site that are never read as sources nor published


def escape(path: Path, root: Path, also: tuple[Path, ...] = ()) -> str | None:
    """None when `path` may be read; else why not: "outside", ".git", ".cache", or "loop"."""
    try:
        real = path.resolve()
        os.stat(path)
    except RuntimeError:  # a loop of links (Python before 3.13)
        return "loop"
    except OSError as exc:  # a link to nothing is the reader's to report
        if exc.errno == errno.ELOOP:
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


OWNED = (".cache", ".cache/images", ".cache/templates", ".cache/preview")  # written and emptied by the build


def owned_links(root: Path) -> list[tuple[str, str]]:
    """[(folder, problem)] for the folders the build writes and removes files in that are links: it would
    write, and delete, wherever they lead (a .cache/images linked to a folder of photos lost them)."""
    return [(name, "is a link: majalla writes and removes files there, so it must be a folder of its own; "
                   "remove the link (the build makes the folder again)")
            for name in OWNED if (root / name).is_symlink()]


def links_in(out: Path, rels) -> list[str]:
    """The paths of output/ that are links, among `rels` (paths in it) and the folders holding them: the
    build would write into, remove from, or publish again wherever they lead."""
    seen, found = set(), []
    for rel in rels:
        path = rel
        while path and path not in seen:
            seen.add(path)
            if os.path.islink(f"{out}/{path}"):
                found.append(path)
            path = path.rpartition("/")[0]
    return sorted(found)


def hard_links(files) -> list[tuple[str, str]]:
    """[(name, problem)] for the files among `files` ((path, name shown): every file the build reads from the
    site) that are hard links whose other names are not all among them. A hard link is no link to follow: it
    is the file itself under a second name, which may be anywhere on the same disk (a copy of /etc/shadow, a
    CI token); the disk cannot be searched for it, so a file with more names than the site holds is refused.
    Two names of one file inside the site are fine."""
    names: dict = defaultdict(set)  # inode -> the real paths of its names found in the site
    users: dict = defaultdict(list)  # inode -> (name shown, its number of names)
    for path, shown in files:
        try:
            st = os.stat(path)
        except OSError:
            continue  # gone, or a link to nothing: the reader reports it
        if st.st_nlink > 1:
            names[(st.st_dev, st.st_ino)].add(os.path.realpath(path))
            users[(st.st_dev, st.st_ino)].append((shown, st.st_nlink))
    return sorted((shown, f"is a hard link: the file has {n} names, {len(names[inode])} of them in the site, and "
                          "the others may be anywhere on this disk; copy the file into the site instead (cp, not ln)")
                  for inode, found in users.items() for shown, n in found if len(names[inode]) < n)
