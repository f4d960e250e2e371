"""A running worker as the session sees it: three pipes, a way to kill it, its exit status.

Two kinds: ``PopenProcess`` (a worker started as its own command: bubblewrap, or the explicit
no-sandbox mode) and ``ZygoteProcess`` (a worker forked by a zygote, see ``zygote.py``). The
session treats both alike.
"""

from __future__ import annotations

import contextlib
import os
import selectors
import signal
import subprocess
import time
from dataclasses import dataclass, field
from typing import Protocol


class WorkerProcess(Protocol):
    stdin_fd: int
    stdout_fd: int
    stderr_fd: int

    def kill(self) -> None:
        """Kill the worker and everything it started."""

    def wait(self, timeout: float) -> int | None:
        """Its exit code (negative: the signal), or None if it still runs after ``timeout``."""

    def close(self) -> None:
        """Release our ends of its pipes and handles (after ``kill``)."""

    def root_pids(self) -> tuple[int, ...]:
        """The pids (as this process sees them) every process of the worker descends from."""


class PopenProcess:
    def __init__(self, popen: subprocess.Popen[bytes]) -> None:
        assert popen.stdin and popen.stdout and popen.stderr
        self.popen = popen
        self.stdin_fd = popen.stdin.fileno()
        self.stdout_fd = popen.stdout.fileno()
        self.stderr_fd = popen.stderr.fileno()

    def kill(self) -> None:
        """Kill the worker's whole process group; the sandbox dies with its parent."""
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(self.popen.pid, signal.SIGKILL)
        with contextlib.suppress(ProcessLookupError):
            self.popen.kill()

    def root_pids(self) -> tuple[int, ...]:
        return (self.popen.pid,)

    def wait(self, timeout: float) -> int | None:
        try:
            return self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return None

    def close(self) -> None:
        for stream in (self.popen.stdin, self.popen.stdout, self.popen.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.close()
        self.wait(5)


@dataclass
class ZygoteProcess:
    """A zygote's child: our pipe ends, its exit-status pipe and pidfds of its processes.

    Pidfds make ``kill`` safe: they can never hit a process that merely reuses an old pid.
    ``pidfds`` are the worker's and its init's, the pid 1 of the worker's pid namespace (killing
    it ends the namespace). The worker is the zygote's child, not the init's: the processes of
    the worker are those descending from either (the init adopts the worker's orphans).
    """

    stdin_fd: int
    stdout_fd: int
    stderr_fd: int
    status_fd: int
    pidfds: list[int]
    returncode: int | None = None
    _status: bytearray = field(default_factory=bytearray)

    def kill(self) -> None:
        for pidfd in reversed(self.pidfds):
            with contextlib.suppress(ProcessLookupError, OSError):
                signal.pidfd_send_signal(pidfd, signal.SIGKILL)

    def root_pids(self) -> tuple[int, ...]:
        """The worker's and the init's pids, read from their pidfds (those still running)."""
        pids = []
        for pidfd in self.pidfds:
            try:
                with open(f"/proc/self/fdinfo/{pidfd}") as handle:
                    pid = pid_from_fdinfo(handle.read())
            except OSError:
                continue
            if pid is not None:
                pids.append(pid)
        return tuple(pids)

    def wait(self, timeout: float) -> int | None:
        """The exit status the zygote writes when the worker ends (EOF alone: killed)."""
        if self.returncode is not None:
            return self.returncode
        deadline = time.monotonic() + timeout
        with selectors.DefaultSelector() as selector:
            selector.register(self.status_fd, selectors.EVENT_READ)
            while True:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not selector.select(remaining):
                    return None
                chunk = os.read(self.status_fd, 64)
                if not chunk:
                    break
                self._status += chunk
        text = self._status.decode(errors="replace").strip()
        self.returncode = int(text) if text.lstrip("-").isdigit() else -signal.SIGKILL
        return self.returncode

    def close(self) -> None:
        self.wait(5)
        for fd in (self.stdin_fd, self.stdout_fd, self.stderr_fd, self.status_fd, *self.pidfds):
            with contextlib.suppress(OSError):
                os.close(fd)
        self.pidfds = []


def pid_from_fdinfo(text: str) -> int | None:
    """The pid a pidfd refers to, from ``/proc/self/fdinfo/<fd>`` (its ``Pid:`` line)."""
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key == "Pid" and value.strip().lstrip("-").isdigit():
            pid = int(value)
            return pid if pid > 0 else None
    return None
