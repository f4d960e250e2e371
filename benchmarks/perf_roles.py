"""Benchmark helper: a batch's CPU by process role, from a `perf record` of `autograder grade`.

The process tree's rusage misses the workers (their pid namespace's init is killed, nobody reaps
them for us), so attribute with perf instead. Record, then read the file:
    perf record -g -F 499 -o grade.data -- .venv/bin/python -m autograder grade \
        a01_perceptron_xor SUBMITTED --course COURSE --out OUT --jobs 2 -q
    .venv/bin/python benchmarks/perf_roles.py grade.data --count 100 --timeline 1.0

Roles by pid: the main process (the first pid sampled), the zygote (the pid with the most
libtorch samples; a batch without torch has none: then no zygote row), the grader processes
(the other long-lived pids, ≥ 300 samples) and the short-lived inits and workers (all the rest).
Per role: seconds of CPU, milliseconds per submission, and where they went (kernel, numpy and
BLAS, the interpreter, ...); ``--timeline`` prints the cores in use per interval and role.
"""

from __future__ import annotations

import argparse
import collections
import subprocess
from dataclasses import dataclass

ROLES = ("main", "zygote", "graders", "inits+workers")
LONG_LIVED = 300  # samples: a grader process has thousands, a worker at most ~100


@dataclass(frozen=True)
class Sample:
    pid: int
    time: float
    dso: str


def read_samples(path: str) -> list[Sample]:
    script = subprocess.run(
        ["perf", "script", "-i", path, "-F", "pid,time,ip,dso", "-G"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    samples = []
    for line in script.splitlines():
        parts = line.split()
        if len(parts) >= 3:
            samples.append(Sample(int(parts[0]), float(parts[1].rstrip(":")), parts[-1]))
    return samples


def roles(samples: list[Sample]) -> dict[int, str]:
    count = collections.Counter(s.pid for s in samples)
    torch = collections.Counter(s.pid for s in samples if "torch" in s.dso)
    main = samples[0].pid
    zygote = max(torch, key=lambda pid: torch[pid]) if torch else None

    def role(pid: int) -> str:
        if pid == main:
            return "main"
        if pid == zygote:
            return "zygote"
        return "graders" if count[pid] >= LONG_LIVED else "inits+workers"

    return {pid: role(pid) for pid in count}


def kind(dso: str) -> str:
    if "kernel" in dso:
        return "kernel"
    if "torch" in dso:
        return "torch"
    if any(name in dso for name in ("numpy", "openblas", "multiarray")):
        return "numpy/BLAS"
    if "python" in dso:
        return "python"
    return dso.rsplit("/", 1)[-1].strip("()")[:24]


def report(samples: list[Sample], count: int, hertz: int) -> None:
    role_of = roles(samples)
    per_role: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for sample in samples:
        per_role[role_of[sample.pid]][kind(sample.dso)] += 1
    ms = 1000 / hertz
    total = 0
    for role in ROLES:
        kinds = per_role[role]
        n = sum(kinds.values())
        total += n
        parts = ", ".join(f"{k} {v * ms / count:.1f}" for k, v in kinds.most_common(5))
        print(f"{role:14s} {n * ms / 1000:6.2f} s  {n * ms / count:6.1f} ms/submission  ({parts})")
    print(f"{'total':14s} {total * ms / 1000:6.2f} s  {total * ms / count:6.1f} ms/submission")


def timeline(samples: list[Sample], seconds: float, hertz: int) -> None:
    role_of = roles(samples)
    start = samples[0].time
    buckets: dict[int, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for sample in samples:
        buckets[int((sample.time - start) / seconds)][role_of[sample.pid]] += 1
    per_core = seconds * hertz
    for index in sorted(buckets):
        used = buckets[index]
        cells = " ".join(f"{role} {used[role] / per_core:4.2f}" for role in ROLES)
        print(f"{index * seconds:6.1f} s  cores {sum(used.values()) / per_core:4.2f}  {cells}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("data", help="the perf.data file of one `autograder grade`")
    parser.add_argument("--count", type=int, default=100, help="submissions in that batch")
    parser.add_argument("--hertz", type=int, default=499, help="perf record's -F")
    parser.add_argument("--timeline", type=float, default=0.0, metavar="SECONDS")
    args = parser.parse_args()
    samples = read_samples(args.data)
    report(samples, args.count, args.hertz)
    if args.timeline:
        timeline(samples, args.timeline, args.hertz)


if __name__ == "__main__":
    main()
