"""One build at a time per output folder.

A build holds an exclusive flock on the folder that holds its output folder (the site folder, for output/),
from before its recovery until it has written (or given up): the stages, the moved-aside trees and the
patches of a build all live there. The kernel drops the lock when its holder dies, however it dies, so a
killed build never leaves it held; and no lock file is left in the site for anyone to commit or remove.
Builds into two output folders side by side (and `check`, which writes the site's cache) take turns too."""
from __future__ import annotations

import contextlib
import fcntl
import os
import sys
from pathlib import Path

from ..errors import BuildError, Problem

_held: set[int] = set()  # the lock fds of this process: a forked worker closes its copies, so that a worker
# outliving a killed build never keeps the lock


def _forget_in_child() -> None:
    for fd in list(_held):
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()


os.register_at_fork(after_in_child=_forget_in_child)


@contextlib.contextmanager
def building(out: Path, wait: bool = True, say=None):
    """Hold the lock of `out` meanwhile. Another build holds it: wait for it (saying so once, through
    `say`, default stderr), or, when not `wait`, stop with a BuildError."""
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(out.parent, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError as exc:
        raise BuildError([Problem(str(out), 0, f"cannot build into this output folder: {out.parent}: "
                                               f"{exc.strerror}")]) from None
    _held.add(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise BuildError([Problem(str(out), 0, "another build is writing this output folder (or one beside "
                                                       "it); wait for it to finish, or build without --no-wait to "
                                                       "wait for it")]) from None
            (say or (lambda m: print(m, file=sys.stderr, flush=True)))(
                f"waiting for another build of {out} to finish...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        except OSError:  # a file system without locks (some network ones): build as before, unlocked
            pass
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # drops the lock
