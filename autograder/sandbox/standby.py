"""Workers started ahead of need, and ended workers cleaned up behind, in a batch.

Starting a worker keeps the grader process waiting ≈ 20 ms (the zygote's fork, the init's
namespaces and mounts, the worker's own confinement, its first answer), and cleaning up after
one ≈ 5 ms (its exit, its cgroups' removal): a quarter of a small submission's grading, spent
idle. While a batch has more submissions to grade (``refilling``), each worker a session
starts is replaced at once by a new one for the same sandbox, started in a background thread;
the next session takes that one instead of starting its own. Ended workers are killed on the
spot and cleaned up in the background.

Isolation is unchanged: a standby worker is confined like any other and has run no code; it
serves one submission and is never given back. A standby that failed to start (or died while
waiting) is simply not used: the session starts its own, as without standby.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")


class Standby(Generic[T]):
    """At most one worker waiting per sandbox (``key``), and the cleanups still running."""

    def __init__(self, end: Callable[[T], None]) -> None:
        self._end = end  # ends a standby worker nobody took (at ``drain``)
        self._lock = threading.Lock()
        self._waiting: dict[Hashable, Future[T]] = {}
        self._executor: ThreadPoolExecutor | None = None
        self.refilling = False  # set by the batch: another submission follows this one
        os.register_at_fork(after_in_child=self._forget)

    def take(self, key: Hashable) -> T | None:
        """The worker started ahead for ``key`` (waiting for it if it is still starting), or
        None: none was started, or it failed to start."""
        with self._lock:
            future = self._waiting.pop(key, None)
        if future is None:
            return None
        try:
            return future.result()
        except Exception as exc:  # the session starts its own and reports what fails then
            log.info("a worker started ahead failed: %s", exc)
            return None

    def refill(self, key: Hashable, start: Callable[[], T]) -> None:
        """Start a worker for ``key`` in the background, unless one is waiting or no other
        submission follows."""
        if not self.refilling:
            return
        with self._lock:
            if key not in self._waiting:
                self._waiting[key] = self._background().submit(start)

    def behind(self, cleanup: Callable[[], None]) -> None:
        """Run ``cleanup`` in the background in a batch that starts workers ahead, else now."""
        with self._lock:
            executor = self._executor
        if executor is None:
            cleanup()
        else:
            executor.submit(_logged, cleanup)

    def drain(self) -> None:
        """End the workers nobody took and wait for every cleanup (the batch is graded)."""
        with self._lock:
            self.refilling = False
            waiting = list(self._waiting.values())
            executor = self._executor
            self._waiting = {}
            self._executor = None
        for future in waiting:
            try:
                worker = future.result()
            except Exception:
                continue
            self._end(worker)
        if executor is not None:
            executor.shutdown(wait=True)

    def _background(self) -> ThreadPoolExecutor:
        if self._executor is None:
            # two threads: a cleanup waiting for a cgroup to empty never delays a start
            self._executor = ThreadPoolExecutor(max_workers=2, thread_name_prefix="standby")
        return self._executor

    def _forget(self) -> None:
        """In a forked child: its parent's workers and threads are not its own."""
        self._lock = threading.Lock()
        self._waiting = {}
        self._executor = None
        self.refilling = False


def _logged(cleanup: Callable[[], None]) -> None:
    try:
        cleanup()
    except Exception:  # a cleanup's failure must not vanish silently in a thread
        log.exception("cleaning up after a worker failed")
