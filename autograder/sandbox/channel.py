"""Deadline-aware pipe I/O for talking to a worker that may hang, flood or die."""

from __future__ import annotations

import math
import os
import select
import threading
import time


class Deadline:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds

    def remaining(self) -> float:
        return self.at - time.monotonic()


class PipeClosed(EOFError):
    """The worker closed its end (it exited or was killed)."""


class DeadlineReader:
    """A ``read(n)`` over a pipe fd that gives up at the deadline (TimeoutError).

    It never reads ahead: what follows the bytes asked for stays in the pipe. One ``poll``
    object serves every read (a frame takes several): no selector is built per read."""

    def __init__(self, fd: int, deadline: Deadline) -> None:
        self.fd = fd
        self.deadline = deadline
        self._poll = select.poll()
        self._poll.register(fd, select.POLLIN)

    def read(self, size: int) -> bytes:
        remaining = self.deadline.remaining()
        if remaining <= 0 or not self._poll.poll(math.ceil(remaining * 1000)):
            raise TimeoutError
        chunk = os.read(self.fd, min(size, 1 << 20))
        if not chunk:
            raise PipeClosed
        return chunk


def write_all(fd: int, data: bytes, deadline: Deadline) -> None:
    """Write everything or raise TimeoutError (the worker may refuse to read)."""
    view = memoryview(data)
    writable = select.poll()
    writable.register(fd, select.POLLOUT)
    while view:
        remaining = deadline.remaining()
        if remaining <= 0 or not writable.poll(math.ceil(remaining * 1000)):
            raise TimeoutError
        try:
            written = os.write(fd, view[: 1 << 16])
        except BrokenPipeError:
            raise PipeClosed from None
        view = view[written:]


class OutputTail:
    """Drains a pipe in a thread and keeps at most ``limit`` bytes (head and tail)."""

    def __init__(self, fd: int, limit: int) -> None:
        self.limit = limit
        self.head = bytearray()
        self.tail = bytearray()
        self.dropped = 0
        self._fd = fd
        self._thread = threading.Thread(target=self._drain, daemon=True)
        self._thread.start()

    def _drain(self) -> None:
        half = self.limit // 2
        while True:
            try:
                chunk = os.read(self._fd, 1 << 16)
            except OSError:
                return
            if not chunk:
                return
            room = half - len(self.head)
            if room > 0:
                self.head += chunk[:room]
                chunk = chunk[room:]
            self.tail += chunk
            if len(self.tail) > half:
                self.dropped += len(self.tail) - half
                del self.tail[: len(self.tail) - half]

    def text(self) -> str:
        joined = bytes(self.head)
        if self.dropped:
            joined += f"\n[... {self.dropped} Bytes ausgelassen ...]\n".encode()
        joined += bytes(self.tail)
        return joined.decode("utf-8", errors="replace")

    def join(self, timeout: float = 1.0) -> None:
        self._thread.join(timeout)
