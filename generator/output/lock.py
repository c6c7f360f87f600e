"""One build at a time per output folder.

A build holds an exclusive flock on `.<output>-build.lock` beside the folder from before its recovery until it has
written (or given up). The kernel drops the lock when its holder dies, however it dies (SIGKILL, a power cut
ends every holder anyway), so a killed build never leaves it held. The file itself stays: removing a lock
file races with the next holder. It holds the process id of the build that has it, for the message."""
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


def lock_path(out: Path) -> Path:
    return out.parent / f".{out.name}-build.lock"


def holder(lock: Path) -> str:
    try:
        pid = lock.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (process {pid})" if pid.isdigit() else ""


@contextlib.contextmanager
def building(out: Path, wait: bool = True, say=None):
    """Hold the lock of `out` meanwhile. Another build holds it: wait for it (saying so once, through
    `say`, default stderr), or, when not `wait`, stop with a BuildError."""
    lock = lock_path(out)
    try:
        lock.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o644)
    except OSError as exc:
        raise BuildError([Problem(str(out), 0, f"cannot build into this output folder: cannot make the lock "
                                               f"file {lock}: {exc.strerror}")]) from None
    _held.add(fd)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if not wait:
                raise BuildError([Problem(str(out), 0, f"another build is writing this output folder{holder(lock)}; "
                                                       "wait for it to finish, or build without --no-wait "
                                                       "to wait for it")]) from None
            (say or (lambda m: print(m, file=sys.stderr, flush=True)))(
                f"waiting for another build of {out}{holder(lock)} to finish...")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        _held.discard(fd)
        os.close(fd)  # drops the lock
