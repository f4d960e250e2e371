"""Benchmark: how long a05_cnn's correct variants need per hidden call, and one grading of a
notebook written with the slowest (loop) variants, through the sandbox as grading runs it.

This is what `call_seconds` in autograder/graders/a05_cnn/assignment.toml is set from: a
readable loop version must pass inside the limit on the 2-core CI machine.

Run from the repository root after `make setup`:
    .venv/bin/python benchmarks/a05_loops.py [--repeat 3]
Prints one JSON object (see benchmarks/README.md for the last figures).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.course import find_course  # noqa: E402
from autograder.engine.runner import load_catalogue  # noqa: E402
from autograder.notebook import compose  # noqa: E402

AID = "a05_cnn"
LOOPS = {  # task → its slowest variant: the notebook graded end to end uses these
    "conv_output_size": "count_windows",
    "conv2d_forward": "seven_loops",
    "maxpool_forward": "loops",
    "maxpool_backward": "loops_unravel",
    "conv2d_backward": "loops",
}


def slowest_calls(repeat: int) -> dict[str, float]:
    """The slowest hidden call of each variant, in seconds (best of ``repeat``)."""
    reference = importlib.import_module(f"solutions.{AID}")
    figures = {}
    for entry in load_catalogue(AID).variants():
        entry.function.__globals__.update(vars(reference), np=np)  # other tasks' functions
        task = importlib.import_module(f"autograder.graders.{AID}.test_{entry.task_id}").task
        rng = np.random.default_rng(0)
        fixtures = {"rng": rng, "reference": reference, "device": "cpu"}
        slowest = 0.0
        for case in task.cases:
            for drawn in case.calls(fixtures):
                best = min(_timed(entry.function, drawn.args, drawn.kwargs) for _ in range(repeat))
                slowest = max(slowest, best)
        if task.cases:
            figures[f"{entry.task_id}/{entry.key}"] = round(slowest, 4)
    return figures


def _timed(function, args, kwargs) -> float:
    started = time.perf_counter()
    function(*args, **kwargs)
    return time.perf_counter() - started


def grade_loop_notebook() -> tuple[float, float]:
    """Wall time of `autograder grade` for a notebook of loop variants, and its score share."""
    assignment = find_course(REPO).assignment(AID)
    model = compose.solution_sources(compose.read_notebook(assignment.source_notebook))
    variants = {(e.task_id, e.key): e.source for e in load_catalogue(AID).variants()}
    loops = {task: variants[(task, key)] for task, key in LOOPS.items()}
    release = compose.read_notebook(assignment.release_dir / f"{AID}.ipynb")
    with tempfile.TemporaryDirectory() as tmp:
        notebook = compose.fill_solutions(release, {**model, **loops})
        path = compose.write_notebook(notebook, Path(tmp) / "loops.ipynb")
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "autograder", "grade", AID, str(path), "--out", tmp, "-q"],
            check=True,
            capture_output=True,
            cwd=REPO,
            env={**os.environ, "AUTOGRADER_SECRET_SEED": "benchmark"},
        )
        wall = time.perf_counter() - started
        result = json.loads((Path(tmp) / "results.json").read_text())
    submission = result["submissions"][0]
    return wall, submission["score"] / submission["max_score"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    calls = slowest_calls(args.repeat)
    wall, share = grade_loop_notebook()
    print(
        json.dumps(
            {
                "slowest_hidden_call_s": calls,
                "loop_notebook_grade_wall_s": round(wall, 2),
                "loop_notebook_score_share": share,
                "cpus": os.cpu_count(),
            },
            indent=2,
        )
    )


if __name__ == "__main__":
    main()
