"""Benchmark: an exam cohort end to end — `autograder grade` of N simulated students of
e01_probeklausur (each with their own variants; one planted copying pair), then
`autograder exam publish` and `autograder exam reports`.

Run from the repository root after `make setup`:
    .venv/bin/python benchmarks/exam_cohort.py [--students 60] [--jobs 2]
Prints one JSON object with the figures (see benchmarks/README.md for the last ones).
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
SEED = "benchmark"

from tests.exam.simulate import E01, cohort, write_submission  # noqa: E402


def autograder(*args: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        check=True,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "AUTOGRADER_SECRET_SEED": SEED},
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    ids = [f"s{n:04d}" for n in range(args.students)]
    planted = cohort(ids, SEED)
    on_time = dt.datetime(2027, 2, 1, 10, 55, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for sid in ids:
            write_submission(work / "submitted", sid, planted.sources[sid], on_time)
        out = work / "graded"
        grade_s = autograder(
            "grade", E01, str(work / "submitted"), "--out", str(out), "--jobs", str(args.jobs), "-q"
        )
        publish_s = autograder("exam", "publish", E01, "--results", str(out))
        reports_s = autograder("exam", "reports", E01, "--results", str(out))
        top = next(csv.DictReader((out / "collusion.csv").open()))
    print(
        json.dumps(
            {
                "students": args.students,
                "jobs": args.jobs,
                "grade_s": round(grade_s, 2),
                "grade_per_submission_s": round(grade_s / args.students, 3),
                "publish_s": round(publish_s, 2),
                "reports_s": round(reports_s, 2),
                "planted_pair_on_top": {top["student_a"], top["student_b"]}
                == {planted.source, planted.copier},
            }
        )
    )


if __name__ == "__main__":
    main()
