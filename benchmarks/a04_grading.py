"""Benchmark: one a04_training submission graded end to end, and what Keras costs in a worker.

Run from the repository root after `make setup`, on a quiet machine:
    .venv/bin/python benchmarks/a04_grading.py [--repeat 3]
Prints one JSON object (see benchmarks/README.md for the last figures): the wall and CPU time of
`autograder grade a04_training perfect.ipynb --jobs 2` (start-up, zygote, every task including
fit_classifier's 1 s budget and keras_model's import), and the time of `import keras` (torch
backend) in an interpreter that has already imported torch, as a worker forked from the zygote has.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PERFECT = REPO / "examples" / "a04_training" / "perfect.ipynb"
KERAS_IMPORT = (
    "import os, time; os.environ['KERAS_BACKEND'] = 'torch'; import torch; "
    "w, c = time.perf_counter(), time.process_time(); import keras; "
    "print(time.perf_counter() - w, time.process_time() - c)"
)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grade_once(out: Path) -> tuple[float, float]:
    """(wall, CPU of all child processes) of one `autograder grade` run."""
    wall, cpu = time.perf_counter(), _children_cpu()
    command = [sys.executable, "-m", "autograder", "grade", "a04_training", str(PERFECT)]
    subprocess.run(
        [*command, "--out", str(out), "-q", "--jobs", "2"],
        check=True,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "AUTOGRADER_SECRET_SEED": "benchmark"},
    )
    return time.perf_counter() - wall, _children_cpu() - cpu


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
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        runs = [grade_once(Path(tmp) / f"run{i}") for i in range(args.repeat)]
    keras = [keras_import() for _ in range(args.repeat)]
    print(
        json.dumps(
            {
                "grade_wall_s_median": round(statistics.median(w for w, _ in runs), 2),
                "grade_wall_s_all": [round(w, 2) for w, _ in runs],
                "grade_cpu_s_all": [round(c, 2) for _, c in runs],
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
