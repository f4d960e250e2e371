"""Benchmark: the grader's own cost per submission, in one process (no CLI start, no doctor).

Loads one assignment's grader, grades its perfect example once (collects the graders, warms the
reference cache), then grades perfect, partly wrong and stub examples in turn, sandbox on, and
prints the wall time and the grader process's CPU time per submission (the workers' CPU is not
counted). Run from the repository root after `make setup`:
    .venv/bin/python benchmarks/grade_inprocess.py --aid a02_mlp_backprop --count 15
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

from autograder.config import GradingConfig
from autograder.course import find_course
from autograder.engine.runner import AssignmentGrader, GradeOptions

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--aid", default="a02_mlp_backprop")
    parser.add_argument("--count", type=int, default=15)
    args = parser.parse_args()
    assignment = find_course(REPO).assignment(args.aid)
    grader = AssignmentGrader(assignment, GradeOptions(GradingConfig("benchmark")))
    examples = REPO / "examples" / args.aid
    files = [examples / f"{name}.ipynb" for name in ("perfect", "partly_wrong", "stub")]
    grader.grade_file(files[0], "warm-up")
    wall, cpu = time.perf_counter(), time.process_time()
    for index in range(args.count):
        grader.grade_file(files[index % 3], f"student{index}")
    print(
        json.dumps(
            {
                "aid": args.aid,
                "submissions": args.count,
                "per_submission_s": round((time.perf_counter() - wall) / args.count, 3),
                "grader_cpu_per_submission_s": round((time.process_time() - cpu) / args.count, 3),
                "load_average_1min": os.getloadavg()[0],
            }
        )
    )


if __name__ == "__main__":
    main()
