"""Read an assignment's structure from its nbgrader source notebook.

The source notebook is the one place points come from. Conventions (the task contract):

* a **task** is a function; its solution cell has ``grade_id`` = the function's name
  (nbgrader "autograded answer": ``solution: true, grade: false``);
* its visible-check cell has ``grade_id`` = ``test_<task>`` and carries the task's
  ``points`` (nbgrader "autograder tests": ``grade: true, solution: false``);
* read-only code cells (``locked: true``, neither solution nor grade) are setup code that
  the grader runs from the source, never from the submission;
* manually graded answers (``solution: true, grade: true``) are manual tasks;
* a quiz **question** is a task whose solution cell assigns the variable named like its
  ``grade_id`` (``antwort_1 = {"c"}``) instead of defining a function (``grading/quiz.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import nbformat

TEST_PREFIX = "test_"


@dataclass(frozen=True)
class TaskSpec:
    """An auto-graded task: the function ``task_id``, worth ``points``."""

    task_id: str
    points: float


@dataclass(frozen=True)
class ManualTaskSpec:
    """A manually graded answer cell (free text), graded in nbgrader's formgrader."""

    task_id: str
    points: float


@dataclass(frozen=True)
class CellSlot:
    """A code cell position in the notebook: setup code from the source, or a task's cell."""

    grade_id: str
    setup_source: str | None  # source text for setup cells, None for a student's cell


@dataclass(frozen=True)
class NotebookSpec:
    name: str
    tasks: tuple[TaskSpec, ...]
    manual_tasks: tuple[ManualTaskSpec, ...]
    slots: tuple[CellSlot, ...]

    @property
    def task_ids(self) -> tuple[str, ...]:
        return tuple(task.task_id for task in self.tasks)

    @property
    def max_score(self) -> float:
        return sum(task.points for task in self.tasks)

    def task(self, task_id: str) -> TaskSpec:
        return next(task for task in self.tasks if task.task_id == task_id)


class SpecError(ValueError):
    """The source notebook breaks the task contract (an authoring error)."""


def nbgrader_meta(cell: Any) -> dict[str, Any]:
    meta = cell.get("metadata", {}).get("nbgrader", {})
    return meta if isinstance(meta, dict) else {}


def _is_setup(cell: Any, meta: dict[str, Any]) -> bool:
    return (
        cell.get("cell_type") == "code"
        and bool(meta.get("locked"))
        and not meta.get("solution")
        and not meta.get("grade")
    )


def read_spec(path: Path) -> NotebookSpec:
    """Parse a source notebook into its tasks, manual tasks and cell slots."""
    notebook = nbformat.read(path, as_version=4)
    points: dict[str, float] = {}
    solution_ids: list[str] = []
    manual: list[ManualTaskSpec] = []
    slots: list[CellSlot] = []
    for cell in notebook.cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        if not grade_id:
            continue
        if meta.get("solution") and meta.get("grade"):
            manual.append(ManualTaskSpec(grade_id, float(meta.get("points", 0))))
        elif meta.get("solution") and cell.get("cell_type") == "code":
            solution_ids.append(grade_id)
            slots.append(CellSlot(grade_id, None))
        elif meta.get("grade") and grade_id.startswith(TEST_PREFIX):
            points[grade_id[len(TEST_PREFIX) :]] = float(meta.get("points", 0))
        elif _is_setup(cell, meta):
            slots.append(CellSlot(grade_id, cell.source))
    tasks = tuple(TaskSpec(tid, points[tid]) for tid in solution_ids if tid in points)
    if not tasks:
        raise SpecError(f"{path}: no task (solution cell `f` with a test cell `test_f`) found")
    task_ids = {task.task_id for task in tasks}
    slots = [s for s in slots if s.setup_source is not None or s.grade_id in task_ids]
    return NotebookSpec(path.stem, tasks, tuple(manual), tuple(slots))
