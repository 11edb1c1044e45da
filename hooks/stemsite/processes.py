"""Worker processes that end with the build that started them.

A build killed halfway (a cancelled CI job, Ctrl-C in ``make serve``, the kill test) used to
leave its spawned workers behind: orphans that went on drawing share cards for a site nobody
would publish. On Linux each child asks the kernel to kill it when its parent ends
(``PR_SET_PDEATHSIG``); the pools are created and fed from the thread that runs the build,
which lives as long as the build.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:  # pragma: no cover - runs in the child
    """Ask the kernel to kill this process when the process (thread) that started it ends."""
    if sys.platform == "linux":
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def process_pool(workers: int) -> ProcessPoolExecutor:
    """A pool of fresh (spawned) interpreters that die with this process."""
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"), initializer=die_with_parent)
