"""Benchmark: memory and time of grading a notebook saved with 200 MiB of outputs.

Run from the repository root after `make setup`:
    .venv/bin/python benchmarks/big_notebook.py [--mib 200]
Builds the perfect a01 example with outputs added to every code cell (PNG plots as base64, or
printed text as many short lines), then (1) grades each in a fresh process that reports its own
peak RSS (`ru_maxrss` of the grader process; the sandboxed worker is a separate process) beside
the same for the plain notebook, and (2) grades a folder with the big notebooks and three
ordinary submissions through `autograder grade --jobs 2`, to show the batch is unaffected.
Prints one JSON object (see benchmarks/README.md for the last figures).
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
AID = "a01_perceptron_xor"
EXAMPLES = REPO / "examples" / AID
SEED = "benchmark"
KINDS = ("png_outputs", "text_outputs")


def with_outputs(kind: str, mib: int, target: Path) -> int:
    """The perfect example with about ``mib`` MiB of ``kind`` outputs; returns the file size."""
    notebook = json.loads((EXAMPLES / "perfect.ipynb").read_text())
    code = [c for c in notebook["cells"] if c["cell_type"] == "code"]
    share = (mib << 20) // len(code)
    for cell in code:
        if kind == "png_outputs":
            image = base64.b64encode(os.urandom(share * 3 // 4)).decode()
            data = {"image/png": image, "text/plain": ["<Figure size 640x480 with 1 Axes>"]}
            cell["outputs"] = [{"output_type": "display_data", "data": data, "metadata": {}}]
        else:
            line = "Epoche 1234: J = 0.6931471805599453, Genauigkeit 0.75\n"
            text = [line] * (share // len(line))
            cell["outputs"] = [{"output_type": "stream", "name": "stdout", "text": text}]
    with target.open("w") as file:  # json.dump writes piece by piece
        json.dump(notebook, file, indent=1, ensure_ascii=False)
    return target.stat().st_size


def measure(path: Path) -> None:
    """In this (fresh) process: grade ``path`` and print the grader process's peak RSS."""
    from autograder.config import GradingConfig
    from autograder.course import find_course
    from autograder.engine.runner import AssignmentGrader, GradeOptions
    from autograder.notebook.reading import read_notebook_json

    grader = AssignmentGrader(find_course(REPO).assignment(AID), GradeOptions(GradingConfig(SEED)))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # the engine loaded
    started = time.perf_counter()
    read_notebook_json(path)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    result = grader.grade_file(path, "big")
    print(
        json.dumps(
            {
                "score": result.score,
                "status": result.status,
                "read_s": round(read_s, 2),
                "grade_s": round(time.perf_counter() - started, 2),
                "peak_rss_mib_grader_loaded": round(before, 1),
                "peak_rss_mib_grader_process": round(
                    resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1
                ),
            }
        )
    )


def parse_whole(path: Path) -> None:
    """For comparison: the peak RSS of ``json.loads`` of the whole file, outputs and all."""
    json.loads(path.read_bytes())
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"peak_rss_mib_json_loads_whole_file": round(peak, 1)}))


def run_self(*args: str) -> dict[str, object]:
    """This script in a fresh process started from this small one (a process's peak RSS counts
    what it inherited at fork, so the big notebooks are built in a process of their own)."""
    done = subprocess.run(
        [sys.executable, __file__, *args], check=True, capture_output=True, text=True, cwd=REPO
    )
    figures: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def build(kind: str, mib: int, target: Path) -> None:
    print(json.dumps({"file_mib": round(with_outputs(kind, mib, target) / (1 << 20), 1)}))


def batch(folder: Path, out: Path) -> None:
    """``autograder grade --jobs 2`` on ``folder``; its largest process's peak RSS."""
    started = time.perf_counter()
    command = [sys.executable, "-m", "autograder", "grade", AID, str(folder), "--out", str(out)]
    subprocess.run(
        [*command, "--jobs", "2", "-q"],
        check=True,
        capture_output=True,
        cwd=REPO,
        env={**os.environ, "AUTOGRADER_SECRET_SEED": SEED},
    )
    results = json.loads((out / "results.json").read_text())["submissions"]
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "wall_s": round(time.perf_counter() - started, 2),
                "scores": {r["student_id"]: f"{r['status']} {r['score']:g}" for r in results},
                "peak_rss_mib_largest_process": round(peak, 1),
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mib", type=int, default=200)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--parse-whole", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--build", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--batch", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        return measure(args.measure)
    if args.parse_whole:
        return parse_whole(args.parse_whole)
    if args.build:
        return build(args.build[0], int(args.build[1]), Path(args.build[2]))
    if args.batch:
        return batch(*args.batch)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "submitted"
        folder.mkdir()
        sizes = {}
        for kind in KINDS:
            sizes[kind] = run_self("--build", kind, str(args.mib), str(folder / f"{kind}.ipynb"))
        for name in ("perfect", "partly_wrong", "stub"):
            shutil.copy(EXAMPLES / f"{name}.ipynb", folder)
        figures = {"plain": run_self("--measure", str(EXAMPLES / "perfect.ipynb"))}
        for kind in KINDS:
            path = str(folder / f"{kind}.ipynb")
            figures[kind] = {
                **sizes[kind],
                **run_self("--measure", path),
                **run_self("--parse-whole", path),
            }
        figures["batch"] = run_self("--batch", str(folder), str(Path(tmp) / "graded"))
    print(json.dumps({**figures, "cpus": os.cpu_count()}, indent=2))


if __name__ == "__main__":
    main()
