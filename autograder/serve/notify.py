"""Telling a waiting page that its attempt is graded, instead of letting it poll.

The attempt page asks the status route to wait (``?warten=<s>``, a long poll); the route answers
as soon as the attempt is done. In the embedded mode the grading processes report each finished
upload id on a queue that a thread of the web process reads; the waiting request is woken at
once. Celery workers (on any machine) publish the id on a Redis channel of the broker
(``queue.py``) that a thread of the web process subscribes to. Where no report comes (the
broker restarting, a message lost), the route looks again every ``FALLBACK_S`` seconds, so a
page learns of its result at most that late.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Iterable, Iterator

FALLBACK_S = 1.0


class Finished:
    """The requests waiting for an upload, woken when a grading process reports it done."""

    def __init__(self) -> None:
        self._waiting: dict[int, set[asyncio.Future[None]]] = {}
        self._loop: asyncio.AbstractEventLoop | None = None

    def listen(self, reports: Iterable[int]) -> None:
        """Read the graded upload ids of ``reports`` (it may block) in a thread of this process."""

        def read() -> None:
            for upload_id in reports:
                loop = self._loop
                if loop is not None and not loop.is_closed():
                    loop.call_soon_threadsafe(self._wake, upload_id)

        threading.Thread(target=read, name="autograder-serve-finished", daemon=True).start()

    @contextlib.contextmanager
    def watch(self, upload_id: int) -> Iterator[asyncio.Future[None]]:
        """A future set when ``upload_id`` is reported done; watch *before* reading its state,
        so a report between the reading and the waiting is not missed."""
        self._loop = asyncio.get_running_loop()
        told: asyncio.Future[None] = self._loop.create_future()
        self._waiting.setdefault(upload_id, set()).add(told)
        try:
            yield told
        finally:
            waiting = self._waiting.get(upload_id, set())
            waiting.discard(told)
            if not waiting:
                self._waiting.pop(upload_id, None)

    def _wake(self, upload_id: int) -> None:
        for told in self._waiting.get(upload_id, ()):
            if not told.done():
                told.set_result(None)
