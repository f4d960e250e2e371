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

    It never reads ahead: what follows the bytes asked for stays in the pipe. The fd is put in
    non-blocking mode (once, here): a read takes what the pipe holds at once and waits in
    ``poll`` only when it is empty, so the rest of a frame costs one system call, not two. A
    worker's reader serves all its requests (``deadline`` is set per request)."""

    def __init__(self, fd: int, deadline: Deadline) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self.deadline = deadline
        self._poll = select.poll()
        self._poll.register(fd, select.POLLIN)

    def read(self, size: int) -> bytes:
        while True:
            remaining = self.deadline.remaining()
            if remaining <= 0:
                raise TimeoutError
            try:
                chunk = os.read(self.fd, min(size, 1 << 20))
            except BlockingIOError:
                if not self._poll.poll(math.ceil(remaining * 1000)):
                    raise TimeoutError from None
                continue
            if not chunk:
                raise PipeClosed
            return chunk


class DeadlineWriter:
    """Writes everything to a pipe fd or raises TimeoutError (the worker may refuse to read).

    Non-blocking like ``DeadlineReader``: a request that fits the pipe is one system call."""

    def __init__(self, fd: int) -> None:
        os.set_blocking(fd, False)
        self.fd = fd
        self._poll = select.poll()
        self._poll.register(fd, select.POLLOUT)

    def write_all(self, data: bytes, deadline: Deadline) -> None:
        view = memoryview(data)
        while view:
            remaining = deadline.remaining()
            if remaining <= 0:
                raise TimeoutError
            try:
                written = os.write(self.fd, view[: 1 << 16])
            except BlockingIOError:
                if not self._poll.poll(math.ceil(remaining * 1000)):
                    raise TimeoutError from None
                continue
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
