"""Benchmark: one practice attempt's grading with a fresh seed, unprepared vs prepared ahead.

Every attempt of `autograder serve` draws its own seed, so without preparation the reference's
results and the mistake replays of that seed are computed during the attempt; the service
prepares the next seed while idle (`autograder/engine/prepare.py`). Here, in one process with
the sandbox on, each round grades an example with a never-used seed twice over: once as it
comes (unprepared) and once after `prepare_seed` (prepared; the preparation's own time is
printed too). The two kinds alternate, so a busy machine slows both alike. Run from the
repository root after `make setup`:
    .venv/bin/python benchmarks/practice_seeds.py [--aid a01_perceptron_xor] [--rounds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import time
from pathlib import Path

from autograder.config import GradingConfig
from autograder.course import find_course
from autograder.engine.prepare import model_submission, prepare_seed
from autograder.engine.runner import AssignmentGrader, GradeOptions

REPO = Path(__file__).resolve().parents[1]


def timed(function, *args, **kwargs) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aid", default="a01_perceptron_xor")
    parser.add_argument("--example", default="partly_wrong")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args()
    grader = AssignmentGrader(
        find_course(REPO).assignment(args.aid), GradeOptions(GradingConfig("benchmark"))
    )
    path = REPO / "examples" / args.aid / f"{args.example}.ipynb"
    model = model_submission(grader)
    grader.grade_file(path, "warm-up", seed=secrets.token_hex(16))
    prepare_seed(grader, model, secrets.token_hex(16))  # warm-up
    unprepared, prepared, preparing = [], [], []
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        unprepared.append(timed(grader.grade_file, path, "s", seed=secrets.token_hex(16)))
        seed = secrets.token_hex(16)
        preparing.append(timed(prepare_seed, grader, model, seed))
        prepared.append(timed(grader.grade_file, path, "s", seed=seed))
    print(
        json.dumps(
            {
                "aid": args.aid,
                "example": args.example,
                "rounds": args.rounds,
                "unprepared_median_s": round(statistics.median(unprepared), 3),
                "prepared_median_s": round(statistics.median(prepared), 3),
                "preparation_median_s": round(statistics.median(preparing), 3),
                "load_average_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
            }
        )
    )


if __name__ == "__main__":
    main()
