"""Recorded grading results, to prove that rewriting an assignment's graders (e.g. moving it to
the authoring kit) changes no score and no diagnosis.

A snapshot holds, for every catalogue entry and every example submission in ``examples/<aid>/``,
each task's score, maximum and diagnosed mistake under the test seed. Record one before a
rewrite, keep it, and ``test_parity.py`` compares the graders against it from then on:

    .venv/bin/python -m tests.engine.parity record a02_mlp_backprop

Re-record only for a deliberate change of grading (and say so in the commit).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from autograder.engine.runner import load_catalogue
from autograder.results.model import TaskResult
from tests.conftest import REPO
from tests.engine.test_catalogues import kit

RECORDS = Path(__file__).parent / "parity"
Snapshot = dict[str, list[float | str | None]]


def _row(task: TaskResult) -> list[float | str | None]:
    return [task.score, task.max_score, task.diagnosis.key if task.diagnosis else None]


def snapshot(aid: str) -> Snapshot:
    """Every catalogue entry's task result and every example's per-task results."""
    graded = kit(aid)
    rows: Snapshot = {}
    for entry in load_catalogue(aid).entries:
        rows[f"{entry.kind}/{entry.task_id}/{entry.key}"] = _row(graded.grade_entry(entry))
    for example in sorted((REPO / "examples" / aid).glob("*.ipynb")):
        result = graded.grader.grade_file(example, example.stem)
        for task in result.tasks:
            rows[f"example/{example.stem}/{task.task_id}"] = _row(task)
    return rows


def record_path(aid: str) -> Path:
    return RECORDS / f"{aid}.json"


def record(aid: str) -> Path:
    path = record_path(aid)
    rows = snapshot(aid)
    lines = [f"  {json.dumps(key)}: {json.dumps(rows[key])}" for key in sorted(rows)]
    path.write_text("{\n" + ",\n".join(lines) + "\n}\n")  # one row a line: readable diffs
    return path


if __name__ == "__main__":
    if len(sys.argv) < 3 or sys.argv[1] != "record":
        sys.exit("usage: python -m tests.engine.parity record <aid> [<aid> …]")
    for name in sys.argv[2:]:
        print(f"recorded {record(name)}")
