"""Benchmark: one practice attempt's grading with a fresh seed, unprepared vs prepared ahead.

Every attempt of `autograder serve` draws its own seed, so without preparation the reference's
results and the mistake replays of that seed are computed during the attempt; the service
prepares the next seed while idle (`autograder/engine/prepare.py`). Here, in one process with
the sandbox on, each round grades an example with a never-used seed twice over: once as it
comes (unprepared) and once after `prepare_seed` (prepared; the preparation's own time is
printed too). The two kinds alternate, so a busy machine slows both alike. With the median
time of each kind goes the median of each step of the grading (the engine's steps, clocked by
wrapping them here). Run from the repository root after `make setup`:
    .venv/bin/python benchmarks/practice_seeds.py [--aid a01_perceptron_xor] [--rounds 10]
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import statistics
import time
from collections import defaultdict
from pathlib import Path

from autograder.config import GradingConfig
from autograder.course import find_course
from autograder.engine.prepare import model_submission, prepare_seed
from autograder.engine.reference import CachedReference
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.engine.workers import TaskWorkers

REPO = Path(__file__).resolve().parents[1]
STEPS = {
    "worker start + cells": (TaskWorkers, "start"),
    "hidden tests (student and reference calls)": (AssignmentGrader, "run_graders"),
    "task results (diagnosis: mistake replays)": (AssignmentGrader, "_task_result"),
}
REFERENCE = "  of which reference calls"


class Clock:
    """Time spent per step, added to the running round's entry."""

    def __init__(self) -> None:
        self.spent: dict[str, list[float]] = defaultdict(list)
        self.round = ""  # which kind of round runs ("" while preparing: not counted)

    def start(self, kind: str) -> None:
        self.round = kind
        for step in [*STEPS, REFERENCE]:
            self.spent[f"{kind}: {step}"].append(0.0)

    def add(self, step: str, seconds: float) -> None:
        if self.round:
            self.spent[f"{self.round}: {step}"][-1] += seconds

    def timed(self, function, step: str):  # type: ignore[no-untyped-def]
        def timed(*args, **kwargs):  # type: ignore[no-untyped-def]
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                self.add(step, time.perf_counter() - started)

        return timed

    def install(self) -> None:
        for step, (owner, name) in STEPS.items():
            setattr(owner, name, self.timed(getattr(owner, name), step))
        cached = CachedReference._cached
        CachedReference._cached = lambda reference, name, function: self.timed(  # type: ignore[method-assign]
            cached(reference, name, function), REFERENCE
        )


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
    clock = Clock()
    clock.install()
    times: dict[str, list[float]] = defaultdict(list)
    load = os.getloadavg()[0]
    for _ in range(args.rounds):
        for kind in ("unprepared", "prepared"):
            seed = secrets.token_hex(16)
            if kind == "prepared":
                clock.round = ""
                started = time.perf_counter()
                prepare_seed(grader, model, seed)
                times["preparation"].append(time.perf_counter() - started)
            clock.start(kind)
            started = time.perf_counter()
            grader.grade_file(path, "student", seed=seed)
            times[kind].append(time.perf_counter() - started)
    figures = {k: round(statistics.median(v), 3) for k, v in times.items()}
    steps = {k: round(statistics.median(v), 3) for k, v in clock.spent.items()}
    print(
        json.dumps(
            {
                "aid": args.aid,
                "example": args.example,
                "rounds": args.rounds,
                "median_s": figures,
                "median_step_s": steps,
                "load_average_before_after": [round(load, 2), round(os.getloadavg()[0], 2)],
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
