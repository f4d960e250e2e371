"""Our helper processes end with the process that started them, even one killed by ``kill -9``.

A batch's grader process waits for its next submission on a queue that it holds both ends of,
and the service's grading workers wait on the database: neither would ever notice that the
batch or the service is gone, and each would keep its pytest session and its memory for good.
A batch's graders are forked by multiprocessing's fork server, which lives as long as they do:
the kernel's parent-death signal would wait for the fork server, so a thread watches the process
that asked for them instead.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.connection
import os
import signal
import threading

PR_SET_PDEATHSIG = 1


def end_with_parent() -> None:
    """End this process when its parent ends: SIGKILL from the kernel when its parent process
    ends (Linux), and ``os._exit`` when the process that started it through multiprocessing
    (the batch's main process, not the fork server) ends, or has already ended."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    starter = multiprocessing.parent_process()
    if starter is None:
        return
    sentinel = starter.sentinel
    threading.Thread(target=_exit_when_closed, args=(sentinel,), daemon=True).start()


def _exit_when_closed(sentinel: int) -> None:
    multiprocessing.connection.wait([sentinel])  # readable (EOF) once the starter is gone
    os._exit(1)
