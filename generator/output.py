"""Writing output/ safely: a new tree is staged beside it (unchanged files hard-linked from the previous
build, changed ones written), then swapped in by rename. A failed or killed build leaves output/ whole."""
from __future__ import annotations

import os
import shutil
import threading
import time
from pathlib import Path

from .errors import BuildError, Problem

MARKER = ".majalla"  # in every output folder majalla made: it may replace only such a folder
STAGE_MARK = ".majalla-stage"


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
    parent = out.parent
    if not parent.is_dir():
        return []
    prefix = f".{out.name}.{kind}-"
    return [p for p in parent.iterdir() if p.name.startswith(prefix) and (p / STAGE_MARK).exists()]


def recover(out: Path) -> None:
    """Undo what a killed build left: restore output/ from a half-done swap, remove staging folders."""
    old = siblings(out, "old")
    if not out.exists() and old:
        os.replace(old[0], out)
        (out / STAGE_MARK).unlink(missing_ok=True)
        old = old[1:]
    ours = f".{out.name}.trash-{os.getpid()}-"  # being removed by this process's own thread (Stage.commit)
    trash = [p for p in siblings(out, "trash") if not p.name.startswith(ours)]
    for folder in siblings(out, "stage") + trash + old:
        shutil.rmtree(folder, ignore_errors=True)


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
        parent = rel.rpartition("/")[0]
        if parent not in self.dirs:
            (self.path / parent).mkdir(parents=True, exist_ok=True)
            self.dirs.add(parent)
        return self.path / rel

    def reuse(self, rel: str) -> bool:
        """Hard-link the previous build's file; False when there is none to link."""
        try:
            os.link(self.out / rel, self.target(rel))
            return True
        except FileNotFoundError:
            return False
        except OSError:
            try:
                shutil.copy2(self.out / rel, self.target(rel))
                return True
            except OSError:
                return False

    def commit(self, background: bool = False) -> None:
        """Swap the staged tree in. The previous output is moved aside first and removed last (in another
        thread with `background`: the new tree is served at once; `recover` removes what an exit cut short)."""
        (self.path / MARKER).touch()
        old = self.out.parent / f".{self.out.name}.old-{os.getpid()}"
        if self.out.exists():
            (self.out / STAGE_MARK).touch()  # marks the moved-aside tree as ours to restore or remove
            os.replace(self.out, old)
        os.replace(self.path, self.out)
        (self.out / STAGE_MARK).unlink(missing_ok=True)
        if background and old.exists():  # under a name of its own: the next commit may need `old` before the thread is done
            trash = self.out.parent / f".{self.out.name}.trash-{os.getpid()}-{time.monotonic_ns()}"
            os.replace(old, trash)
            remover = threading.Thread(target=shutil.rmtree, args=(trash,), kwargs={"ignore_errors": True})
            remover.start()  # not a daemon: the interpreter lets it finish before it exits
        else:
            shutil.rmtree(old, ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(self.path, ignore_errors=True)


def write_atomic(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data)
    os.replace(tmp, path)
