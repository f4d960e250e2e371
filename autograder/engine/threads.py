"""Intra-op threads of the trusted grading process, set by the engine for every assignment.

The references, the graders' own trainings (a07's autoencoder) and the replayed mistakes run in
the grading process, next to the sandboxed workers. For the course's small models one thread is
about ten times faster than torch's default of one per core on a busy two-core machine (a07:
0.5 s against 6 s for one training), so they get as many as a worker (``WORKER_THREADS``).

torch keeps the setting per thread: the graders run in the pytest session's thread, the
diagnosis in the caller's, so each sets it where it runs, and puts the old value back after.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator

from autograder.sandbox.launcher import WORKER_THREADS


@contextlib.contextmanager
def grading_threads(threads: int = WORKER_THREADS) -> Iterator[None]:
    """Run the body with ``threads`` intra-op threads in this thread (if torch is loaded: a
    numpy-only assignment never pays for importing it)."""
    torch = sys.modules.get("torch")
    if torch is None:
        yield
        return
    before = torch.get_num_threads()
    torch.set_num_threads(threads)
    try:
        yield
    finally:
        torch.set_num_threads(before)
