"""Worker processes: forked, quiet on Ctrl-C, and the cycle collector's place in them."""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal


def workers(jobs: int):
    """A pool of forked workers that leave Ctrl-C to the main process, which stops them and cleans up
    (else every worker would print its own KeyboardInterrupt traceback)."""
    return multiprocessing.get_context("fork").Pool(jobs, initializer=start_worker)


def start_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    gc.enable()  # the main process builds without the cycle collector; a worker renders thousands of pages


@contextlib.contextmanager
def no_cycle_collector():
    """The model and the plan are millions of objects without reference cycles: the cycle collector would
    scan them again and again while they are made (a quarter of a large build's planning time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
