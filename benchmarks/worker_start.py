"""Benchmark: how fast a sandboxed worker is ready, and what it costs in memory.

Run from the repository root after `make setup` (as root, like grading; keep the machine quiet):
    .venv/bin/python benchmarks/worker_start.py [--count 50]
Prints one JSON object (benchmarks/README.md records the last figures).

"Ready" is command to answer: a WorkerSession starts a worker (uid lease, cgroups, seccomp
program, spawn) and the worker answers a ping. Measured for workers forked from the zygote
(numpy and torch already imported) and for workers started through bubblewrap (which import
numpy at start; a notebook that imports torch pays about a second more there). Memory: the
proportional set size (PSS: shared pages split among their sharers) and the resident set of a
forked worker after a cell that imported numpy and torch, and of the zygote itself.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.sandbox import zygote  # noqa: E402
from autograder.sandbox.launcher import SandboxMode, SandboxSpec  # noqa: E402
from autograder.sandbox.session import CodeCell, WorkerSession  # noqa: E402

PROBE = """
import os, numpy, torch
def memory():
    fields = {}
    with open("/proc/self/smaps_rollup") as handle:
        for line in handle:
            name, _, value = line.partition(":")
            if name in ("Rss", "Pss", "Private_Dirty"):
                fields[name] = int(value.split()[0])
    return fields
"""


def ready_ms(spec: SandboxSpec, count: int) -> list[float]:
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with WorkerSession(spec, []) as session:
            session.ensure_started()
            times.append((time.perf_counter() - started) * 1000)
    return times


def summary(times: list[float]) -> dict[str, float]:
    ordered = sorted(times)
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p90_ms": round(ordered[int(0.9 * (len(ordered) - 1))], 1),
        "min_ms": round(ordered[0], 1),
    }


def rollup(pid: int) -> dict[str, int]:
    fields = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("Rss", "Pss"):
            fields[name] = int(value.split()[0])
    return fields


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=50)
    args = parser.parse_args()
    forked = SandboxSpec()
    started = time.perf_counter()
    owner = zygote.zygote_for(forked)
    assert isinstance(owner, zygote.Zygote), "the zygote needs root on Linux"
    owner.wait_ready()
    zygote_ready_s = time.perf_counter() - started
    ready_ms(forked, 3)  # warm
    report = {
        "zygote_ready_s": round(zygote_ready_s, 2),
        "zygote_worker_ready": summary(ready_ms(forked, args.count)),
        "bwrap_worker_ready": summary(
            ready_ms(SandboxSpec(mode=SandboxMode.BWRAP), max(5, args.count // 5))
        ),
    }
    with WorkerSession(forked, [CodeCell("probe", PROBE)]) as session:
        worker = session.call("memory")
    zygote_memory = rollup(owner.pid)
    report["memory_kib"] = {
        "forked_worker_pss": worker["Pss"],
        "forked_worker_rss": worker["Rss"],
        "forked_worker_private_dirty": worker["Private_Dirty"],
        "zygote_pss": zygote_memory["Pss"],
        "zygote_rss": zygote_memory["Rss"],
    }
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
