"""Writing output/ safely.

A big change (a first build, a template edit) is a Stage: a new tree beside output/ (unchanged files
hard-linked from the previous build, changed ones written), swapped in by rename. A small change (an
article edited) is a Patch: only the changed files are staged beside output/, then moved in one by one
under a journal, which costs what the change does rather than what the site does.

A failed build, or one interrupted before its commit point (the swap; the rename of the patch folder that
holds the journal), leaves output/ as it was. Past that point a patch is always finished: by the build
itself when interrupted (Ctrl-C), or by the next build's recover() when killed."""
from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..errors import BuildError, Problem

MARKER = ".majalla"  # in every output folder majalla made: it may replace only such a folder
STAGE_MARK = ".majalla-stage"
JOURNAL = ".majalla-journal"  # in a committed patch: the files it adds and removes
LINK_THREADS = 4


def check_folder(out: Path, root: Path) -> None:
    """Refuse an output folder whose replacement would lose the writer's work."""
    out, root = out.resolve(), root.resolve()
    sources = [root / name for name in ("content", "templates", "static", "themes", "i18n")]
    reason = None
    if out == root:
        reason = "is the site folder itself"
    elif out in root.parents:
        reason = "contains the site folder"
    elif any(out == s or s in out.parents for s in sources):
        reason = "is inside the site's sources (content/, templates/, static/, themes/ or i18n/)"
    elif out.exists() and not out.is_dir():
        reason = "is a file"
    elif out.is_dir() and any(out.iterdir()) and not (out / MARKER).exists():
        reason = f"exists and was not made by majalla (no {MARKER} file in it); empty it or choose another folder"
    if reason:
        raise BuildError([Problem(str(out), 0, f"cannot build into this output folder: it {reason}")])


def siblings(out: Path, kind: str) -> list[Path]:
    """The folders a build left beside `out`: named .<out>.<kind>-<pid>, holding STAGE_MARK, or empty
    (a build killed just after creating one, or while removing one: the mark is removed last)."""
    parent = out.parent
    if not parent.is_dir():
        return []
    prefix = f".{out.name}.{kind}-"
    return sorted(p for p in parent.iterdir() if p.name.startswith(prefix) and p.name[len(prefix):].isdigit()
                  and p.is_dir() and not p.is_symlink() and ((p / STAGE_MARK).exists() or not any(p.iterdir())))


def remove_tree(folder: Path) -> None:
    """Remove a staged or moved-aside tree, its STAGE_MARK last, so a killed removal is finished next time."""
    for child in folder.iterdir():
        if child.name == STAGE_MARK:
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child, ignore_errors=True)
        else:
            child.unlink(missing_ok=True)
    (folder / STAGE_MARK).unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass


def recover(out: Path) -> None:
    """Undo what a killed build left: restore output/ from a half-done swap, finish a committed patch,
    remove staging folders."""
    old = [p for p in siblings(out, "old") if (p / STAGE_MARK).exists()]
    if not out.exists() and old:
        os.replace(old[0], out)
    for patch in siblings(out, "patch"):
        if out.is_dir() and (patch / JOURNAL).exists():
            apply(out, patch)
    if out.is_dir():
        (out / STAGE_MARK).unlink(missing_ok=True)
    for folder in siblings(out, "stage") + siblings(out, "old") + siblings(out, "patch"):
        remove_tree(folder)
    for folder in siblings(out, "trash"):  # a replaced tree: removed in the background unless small
        if not being_removed(folder):
            remove(folder, wait=False)


class Stage:
    """A new output tree being built beside `out`."""

    def __init__(self, out: Path):
        self.out = out
        self.path = out.parent / f".{out.name}.stage-{os.getpid()}"
        shutil.rmtree(self.path, ignore_errors=True)
        self.path.mkdir(parents=True)
        (self.path / STAGE_MARK).touch()
        self.dirs: set[str] = set()

    def target(self, rel: str) -> Path:
        self.folder(rel)
        return self.path / rel

    def folder(self, rel: str) -> None:
        """Make the folder of `rel` in the stage, once."""
        parent = rel.rpartition("/")[0]
        if parent not in self.dirs:
            os.makedirs(f"{self.path}/{parent}", exist_ok=True)
            self.dirs.add(parent)

    def reuse_all(self, rels: list[str]) -> list[str]:
        """Hard-link the previous build's files (in threads: tens of thousands of links are I/O-bound);
        returns those that could not be linked, to be made again."""
        for rel in rels:
            self.folder(rel)
        with ThreadPoolExecutor(LINK_THREADS) as pool:
            linked = list(pool.map(self.reuse, rels, chunksize=256))
        return [rel for rel, ok in zip(rels, linked) if not ok]

    def reuse(self, rel: str) -> bool:
        """Hard-link the previous build's file; False when there is none to link."""
        try:
            os.link(f"{self.out}/{rel}", f"{self.path}/{rel}")
            return True
        except FileNotFoundError:
            return False
        except OSError:
            try:
                shutil.copy2(self.out / rel, self.target(rel))
                return True
            except OSError:
                return False

    def commit(self, wait: bool = False) -> None:
        """Swap the staged tree in. The previous output is moved aside first and removed last, by a
        background process unless `wait` (removing tens of thousands of files takes seconds); the next
        build removes whatever such a process did not finish."""
        (self.path / MARKER).touch()
        old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        if self.out.exists():
            (self.out / STAGE_MARK).touch()  # marks the moved-aside tree as ours to restore or remove
            os.replace(self.out, old)
        os.replace(self.path, self.out)
        (self.out / STAGE_MARK).unlink(missing_ok=True)
        if old.exists():
            trash = self.out.parent / f".{self.out.name}.trash-{time.time_ns()}"  # never to be restored
            os.replace(old, trash)
            remove(trash, wait)

    def discard(self) -> None:
        """Forget the staged tree; put the previous output back if the swap was interrupted halfway."""
        if self.path.exists():
            remove_tree(self.path)
        old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        if not self.out.exists() and old.exists():
            os.replace(old, self.out)
            (self.out / STAGE_MARK).unlink(missing_ok=True)


class Patch(Stage):
    """A small change to `out`: the changed files staged beside it, then moved in under a journal.
    `removed`: the files of the previous output this build no longer makes."""

    def __init__(self, out: Path, removed):
        super().__init__(out)
        self.removed = sorted(removed)
        self.patch = out.parent / f".{out.name}.patch-{os.getpid()}"

    def reuse_all(self, rels: list[str]) -> list[str]:
        """The unchanged files stay where they are (the build counts a file output/ lost as changed)."""
        return []

    def remove_too(self, rels) -> None:
        """More files of the previous output to remove, found while staging (before the commit)."""
        self.removed = sorted(set(self.removed) | set(rels))

    def commit(self, wait: bool = False) -> None:
        added = sorted(f"{os.path.relpath(folder, self.path)}/{name}".removeprefix("./")
                       for folder, _, names in os.walk(self.path) for name in names if name != STAGE_MARK)
        # new files first: no page in output/ links to them yet; then the replaced ones (which may link to
        # the new ones); the removed ones last (a page replaced before may have linked to them)
        added.sort(key=lambda rel: os.path.lexists(f"{self.out}/{rel}"))
        (self.path / JOURNAL).write_text(json.dumps({"add": added, "remove": self.removed}, ensure_ascii=False),
                                        encoding="utf-8")
        os.replace(self.path, self.patch)  # the commit point: from here on, the patch is finished, never undone
        apply(self.out, self.patch)

    def discard(self) -> None:
        if self.patch.exists():  # interrupted after the commit point: finish
            apply(self.out, self.patch)
        elif self.path.exists():
            remove_tree(self.path)


def apply(out: Path, patch: Path) -> None:
    """Move a committed patch's files into `out` (in the journal's order: new files first), then remove the
    files it drops (with the folders they leave empty), so that no page moved in links to a file not there
    yet or gone already; then remove the patch. Every step can be done again: a killed apply is finished by
    the next build."""
    journal = json.loads((patch / JOURNAL).read_text(encoding="utf-8"))
    adds = set(journal["add"])
    folders = {parent for rel in adds for parent in ancestors(rel)}
    # a removed file where a folder is added, or inside a folder that a file replaces: out of the way first
    in_the_way = [rel for rel in journal["remove"] if rel in folders or any(a in adds for a in ancestors(rel))]
    unlink(out, in_the_way)
    for rel in journal["add"]:
        source = f"{patch}/{rel}"
        if os.path.lexists(source):  # else moved in already, by the apply that was interrupted
            os.makedirs(os.path.dirname(f"{out}/{rel}"), exist_ok=True)
            os.replace(source, f"{out}/{rel}")
    unlink(out, journal["remove"])
    (patch / JOURNAL).unlink()
    remove_tree(patch)


def ancestors(rel: str) -> list[str]:
    parts = rel.split("/")
    return ["/".join(parts[:n]) for n in range(1, len(parts))]


def unlink(out: Path, rels) -> None:
    """Remove files of `out` (those already gone are skipped), and the folders they leave empty."""
    for rel in rels:
        try:
            os.unlink(f"{out}/{rel}")
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            continue
        folder = os.path.dirname(rel)
        while folder:
            try:
                os.rmdir(f"{out}/{folder}")
            except OSError:
                break  # not empty
            folder = os.path.dirname(folder)


SMALL_TREE = 2000  # files: a smaller old output is removed at once


REMOVER = ("import sys; from pathlib import Path; sys.path.insert(0, sys.argv[1]); "
           "from generator.output.stage import remove_locked; remove_locked(Path(sys.argv[2]))")


def remove_locked(folder: Path) -> None:
    """remove_tree, holding a lock on the folder's STAGE_MARK meanwhile: a build that starts while a
    replaced tree is still being removed leaves it to this process rather than waiting for it."""
    try:
        with open(folder / STAGE_MARK, "rb") as mark:
            fcntl.flock(mark, fcntl.LOCK_EX | fcntl.LOCK_NB)
            remove_tree(folder)
    except BlockingIOError:
        pass  # another process is removing it
    except FileNotFoundError:
        if folder.is_dir():
            remove_tree(folder)


def being_removed(folder: Path) -> bool:
    try:
        with open(folder / STAGE_MARK, "rb") as mark:
            fcntl.flock(mark, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.flock(mark, fcntl.LOCK_UN)
            return False
    except BlockingIOError:
        return True
    except FileNotFoundError:
        return False


def remove(folder: Path, wait: bool) -> None:
    """Remove a tree now if it is small or `wait`, else in a background process."""
    if wait or sum(1 for _ in zip(range(SMALL_TREE), folder.rglob("*"))) < SMALL_TREE:
        remove_tree(folder)
        return
    subprocess.Popen([sys.executable, "-c", REMOVER, str(Path(__file__).resolve().parents[2]), str(folder)],
                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                     start_new_session=True)
