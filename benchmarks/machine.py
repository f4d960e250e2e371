"""The whole machine's CPU time, for benchmarks that start processes they cannot account for.

A batch's grader processes are forked by multiprocessing's fork server and its workers by the
zygote inside their own pid namespace: neither is a child that the benchmark reaps, so its
rusage misses them. The machine's counters (``/proc/stat``) miss nothing; on a quiet machine
the difference over a run is the command's own CPU.
"""

from __future__ import annotations

import os

TICKS = os.sysconf("SC_CLK_TCK")


def machine_cpu_s() -> dict[str, float]:
    """User (with nice) and system seconds of all cores since boot."""
    with open("/proc/stat") as stat:
        fields = stat.readline().split()[1:]
    user, nice, system = (int(x) for x in fields[:3])
    return {"user": (user + nice) / TICKS, "sys": system / TICKS}


def used_since(before: dict[str, float]) -> dict[str, float]:
    now = machine_cpu_s()
    return {key: round(now[key] - before[key], 2) for key in before}
