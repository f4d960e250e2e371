"""The trusted side's GPU memory limit: end a worker whose GPU memory, as NVML reports it, passes
``Limits.gpu_memory_mib``.

The worker's own limit (torch's per-process memory fraction, set before student code runs) is
only a courtesy: student code can reset it. NVML's per-process accounting it cannot touch. A
thread polls NVML for the GPU's compute processes, keeps those that descend from the worker's
root processes (its own children included; a forked worker and its init), sums their memory and kills the worker when the sum
passes the limit; the session then reports the GPU memory limit in that task's feedback.

NVML reports pids as the host sees them: the grader must run in the host's pid namespace (as
it does on a course server; in a container, start it with the host's pid namespace).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

POLL_SECONDS = 0.2
MAX_DEPTH = 64  # ancestors followed per pid (a fork chain deeper than this is not ours)

ParentOf = Callable[[int], int | None]


def parent_from_stat(text: str) -> int | None:
    """The parent pid in a ``/proc/<pid>/stat`` line (the name may hold spaces and ')')."""
    fields = text[text.rfind(")") + 2 :].split()
    return int(fields[1]) if len(fields) > 1 and fields[1].isdigit() else None


def proc_parent(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return parent_from_stat(handle.read())
    except OSError:
        return None


def descends_from(pid: int, root: int, parent_of: ParentOf) -> bool:
    current: int | None = pid
    for _ in range(MAX_DEPTH):
        if current is None or current <= 1:
            return current == root
        if current == root:
            return True
        current = parent_of(current)
    return False


def usage_by_pid(processes: Iterable[Any]) -> dict[int, int]:
    """NVML's process list as {pid: bytes}; entries without a reading (None) are left out."""
    usage: dict[int, int] = {}
    for process in processes:
        used = getattr(process, "usedGpuMemory", None)
        if isinstance(used, int) and used >= 0:
            usage[int(process.pid)] = usage.get(int(process.pid), 0) + used
    return usage


def worker_usage(usage: dict[int, int], roots: tuple[int, ...], parent_of: ParentOf) -> int:
    """The GPU memory of the worker's processes: those descending from one of ``roots``."""
    return sum(
        used
        for pid, used in usage.items()
        if any(descends_from(pid, root, parent_of) for root in roots)
    )


@dataclass
class GpuWatchdog:
    """Watches one worker (the pids ``roots`` it descends from) on GPU ``index`` through ``nvml`` (``pynvml`` or a
    fake with the same three calls) and calls ``kill`` once when it passes ``limit_bytes``."""

    nvml: Any
    index: int
    limit_bytes: int
    roots: tuple[int, ...]
    kill: Callable[[], None]
    parent_of: ParentOf = proc_parent
    poll_seconds: float = POLL_SECONDS
    exceeded: bool = False
    peak_bytes: int = 0

    def __post_init__(self) -> None:
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def readings(self) -> dict[int, int]:
        handle = self.nvml.nvmlDeviceGetHandleByIndex(self.index)
        return usage_by_pid(self.nvml.nvmlDeviceGetComputeRunningProcesses(handle))

    def check(self) -> bool:
        """One poll: kill the worker if it is over the limit; True when it was killed."""
        try:
            readings = self.readings()
        except self.nvml.NVMLError:
            return False  # no reading this time (a process ending while NVML lists it)
        used = worker_usage(readings, self.roots, self.parent_of)
        self.peak_bytes = max(self.peak_bytes, used)
        if used > self.limit_bytes and not self.exceeded:
            self.exceeded = True
            self.kill()
        return self.exceeded

    def start(self) -> GpuWatchdog:
        self._thread = threading.Thread(target=self._run, name="gpu-watchdog", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.wait(self.poll_seconds):
            if self.check():
                return

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            with contextlib.suppress(RuntimeError):
                self._thread.join(timeout=5)
