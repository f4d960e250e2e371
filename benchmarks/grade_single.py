"""Benchmark: wall time of `autograder grade` for one submission and per submission in a batch.

Run from the repository root after `make setup`:
    .venv/bin/python benchmarks/grade_single.py [--batch 20] [--aid a07_autoencoder] [--example partly_wrong]
Prints one JSON object with the figures (see benchmarks/README.md for the last ones).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AID = "a01_perceptron_xor"


def grade(aid: str, paths: list[Path], out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade",
            aid,
            *map(str, paths),
            "--out",
            str(out),
            "-q",
        ],
        check=True,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "AUTOGRADER_SECRET_SEED": "benchmark"},
    )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--batch", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--aid", default=AID, help="an assignment with examples/<aid>/")
    parser.add_argument("--example", default="perfect", help="the single submission's example")
    args = parser.parse_args()
    examples = REPO / "examples" / args.aid
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        single = [
            grade(args.aid, [examples / f"{args.example}.ipynb"], work / f"single{i}")
            for i in range(args.repeat)
        ]
        batch_dir = work / "batch"
        batch_dir.mkdir()
        for i in range(args.batch):
            source = ("perfect", "partly_wrong", "stub")[i % 3]
            shutil.copy(examples / f"{source}.ipynb", batch_dir / f"student{i:03d}.ipynb")
        batch = grade(args.aid, [batch_dir], work / "batch-out")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "aid": args.aid,
                "example": args.example,
                "single_submission_s_median": round(statistics.median(single), 2),
                "single_submission_s_all": [round(t, 2) for t in single],
                "assignment": args.aid,
                "batch_size": args.batch,
                "batch_s": round(batch, 2),
                "batch_per_submission_s": round(batch / args.batch, 2),
                "peak_rss_mib_largest_child": round(peak, 1),
                "cpus": os.cpu_count(),
                "load_average_1min": round(os.getloadavg()[0], 1),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
