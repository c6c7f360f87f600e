"""Worker processes: forked, deaf to what their parent listens for, quiet on Ctrl-C, and the cycle collector's
place in them.

A forked process inherits its parent's signal handlers and its signal wake-up fd. When the parent is the
preview's server, those are asyncio's: a worker that got SIGTERM would run the server's no-op handler (so
ignore the signal and live on, holding the port) and write the signal into the server's own wake-up pipe
(so the server would stop). Forks made here forget all that first, with the signals held back until then,
and a pool that has done its work is closed, never terminated: its workers leave by themselves."""
from __future__ import annotations

import contextlib
import gc
import multiprocessing
import signal

HELD = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT}  # held back while a process forks


@contextlib.contextmanager
def workers(jobs: int):
    """A pool of forked workers that leave Ctrl-C to the main process, which stops them and cleans up
    (else every worker would print its own KeyboardInterrupt traceback). Leaving the block normally lets
    the workers finish and exit; leaving it on an error stops them."""
    with signals_held():
        pool = multiprocessing.get_context("fork").Pool(jobs, initializer=start_worker)
    try:
        yield pool
    except BaseException:
        pool.terminate()
        raise
    else:
        pool.close()
    finally:
        pool.join()


def start_worker() -> None:
    forget_signals(ignore=(signal.SIGINT,))
    gc.enable()  # the main process builds without the cycle collector; a worker renders thousands of pages


@contextlib.contextmanager
def signals_held():
    """Hold back HELD signals in this thread (and the threads and processes it starts meanwhile): a
    process forked here gets them only once it has called forget_signals."""
    signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


def forget_signals(ignore=()) -> None:
    """In a process just forked: no wake-up fd, the default action for every signal the parent handled in
    Python (`ignore`d ones ignored), then the signals held back by signals_held let through."""
    signal.set_wakeup_fd(-1)
    for number in signal.valid_signals():
        try:
            handler = signal.getsignal(number)
        except (OSError, ValueError):
            continue
        if number in ignore:
            signal.signal(number, signal.SIG_IGN)
        elif callable(handler):
            signal.signal(number, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, HELD)


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
