"""Benchmark: one a04_training submission graded end to end, and what Keras costs in a worker.

Run from the repository root after `make setup`, on a quiet machine:
    .venv/bin/python benchmarks/a04_grading.py [--repeat 3] [--against OTHER_CHECKOUT]
Prints one JSON object (see benchmarks/README.md for the last figures): the wall and CPU time of
`autograder grade a04_training perfect.ipynb --jobs 2` (start-up, zygote, every task including
fit_classifier's 1 s budget and keras_model's import), and the time of `import keras` (torch
backend) in an interpreter that has already imported torch, as a worker forked from the zygote has.

CPU is that of every process the command starts, read from a cgroup v1 ``cpuacct`` group made
for each run where the machine has one (as root): the workers' own time included, which
``getrusage`` misses when their zygote ends before reaping them; else ``getrusage``'s figure.
``--against`` grades with another checkout (its own ``.venv``) too, in alternating pairs (the
order swapped every pair), so that a busy machine's load falls on both alike.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PERFECT = Path("examples") / "a04_training" / "perfect.ipynb"
CPUACCT = Path("/sys/fs/cgroup/cpuacct")
KERAS_IMPORT = (
    "import os, time; os.environ['KERAS_BACKEND'] = 'torch'; import torch; "
    "w, c = time.perf_counter(), time.process_time(); import keras; "
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@contextlib.contextmanager
def _cpu_group() -> Iterator[Path | None]:
    """A fresh cpuacct group (None where there is none to make); removed afterwards."""
    group = CPUACCT / f"agbench-{os.getpid()}-{time.monotonic_ns()}"
    try:
        group.mkdir()
    except OSError:
        yield None
        return
    try:
        yield group
    finally:
        for _ in range(50):  # the zygote ends a moment after the command
            with contextlib.suppress(OSError):
                group.rmdir()
                break
            time.sleep(0.1)


def grade_once(checkout: Path, out: Path) -> tuple[float, float]:
    """(wall, CPU of every process it started) of one `autograder grade` run of ``checkout``."""
    python = checkout / ".venv" / "bin" / "python"
    command = [str(python), "-m", "autograder", "grade", "a04_training", str(PERFECT)]
    command += ["--out", str(out), "-q", "--jobs", "2"]
    with _cpu_group() as group:
        join = f"echo $$ > {group / 'cgroup.procs'} && " if group else ""
        wall, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(
            ["sh", "-c", join + 'exec "$@"', "sh", *command],
            check=True,
            capture_output=True,
            cwd=checkout,
            env={**os.environ, "AUTOGRADER_SECRET_SEED": "benchmark"},
        )
        wall = time.perf_counter() - wall
        if group is None:
            return wall, _children_cpu() - cpu
        while (group / "tasks").read_text().strip():  # the zygote's last workers are reaped
            time.sleep(0.05)
        return wall, int((group / "cpuacct.usage").read_text()) / 1e9


def alternating(checkouts: list[Path], repeat: int, tmp: Path) -> dict[Path, list[tuple]]:
    """``repeat`` runs of each checkout, in pairs whose order swaps every pair."""
    runs: dict[Path, list[tuple]] = {checkout: [] for checkout in checkouts}
    for index in range(repeat):
        order = checkouts if index % 2 == 0 else checkouts[::-1]
        for number, checkout in enumerate(order):
            runs[checkout].append(grade_once(checkout, tmp / f"run{index}-{number}"))
    return runs


def _figures(runs: list[tuple]) -> dict[str, object]:
    return {
        "grade_wall_s_median": round(statistics.median(w for w, _ in runs), 2),
        "grade_wall_s_all": [round(w, 2) for w, _ in runs],
        "grade_cpu_s_all": [round(c, 2) for _, c in runs],
        "grade_cpu_s_median": round(statistics.median(c for _, c in runs), 2),
    }


def keras_import() -> tuple[float, float]:
    """(wall, CPU) of `import keras` after `import torch`."""
    done = subprocess.run(
        [sys.executable, "-c", KERAS_IMPORT], check=True, capture_output=True, text=True
    )
    wall, cpu = map(float, done.stdout.split())
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--against", type=Path, help="another checkout, graded alternately")
    args = parser.parse_args()
    checkouts = [REPO] + ([args.against.resolve()] if args.against else [])
    with tempfile.TemporaryDirectory() as tmp:
        runs = alternating(checkouts, args.repeat, Path(tmp))
    keras = [keras_import() for _ in range(args.repeat)]
    print(
        json.dumps(
            {
                **_figures(runs[REPO]),
                **({"against": _figures(runs[checkouts[1]])} if args.against else {}),
                "cpu_from": "cpuacct" if CPUACCT.is_dir() else "getrusage",
                "keras_import_wall_s_median": round(statistics.median(w for w, _ in keras), 2),
                "keras_import_cpu_s_median": round(statistics.median(c for _, c in keras), 2),
                "load_average_1min": round(os.getloadavg()[0], 2),
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
