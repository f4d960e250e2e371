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

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.i18n import Text
from autograder.notebook.outline import (
    Heading,
    defines_function,
    heading_lines,
    own_label,
    task_label,
)

TEST_PREFIX = "test_"


@dataclass(frozen=True)
class TaskSpec:
    """An auto-graded task: the function ``task_id`` (or, for a quiz ``question``, the variable),
    worth ``points``; ``label`` is what the notebook calls it ("Aufgabe 3 – `perceptron_train`")."""

    task_id: str
    points: float
    label: Text | None = None
    question: bool = False


@dataclass(frozen=True)
class ManualTaskSpec:
    """A manually graded answer cell (free text), graded in nbgrader's formgrader."""

    task_id: str
    points: float
    label: Text | None = None


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
    title: str = ""  # the notebook's first heading ("Übung 1: Das Perzeptron und das XOR-Problem")

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


def source_cells(path: Path) -> list[dict[str, Any]]:
    """The cells of a source notebook, each ``source`` one string (as ``nbformat.read`` gives
    them). A version-4 notebook is plain JSON; importing nbformat with its JSON-schema validator
    would cost every command ≈ 0.15 s, so only an older notebook is converted by nbformat."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    if notebook.get("nbformat") != 4:
        import nbformat

        notebook = nbformat.read(path, as_version=4)
    return [{**cell, "source": _joined(cell.get("source", ""))} for cell in notebook["cells"]]


def _joined(source: str | list[str]) -> str:
    return "".join(source) if isinstance(source, list) else source


def read_spec(path: Path) -> NotebookSpec:
    """Parse a source notebook into its tasks, manual tasks, cell slots, title and labels."""
    cells = source_cells(path)
    points: dict[str, float] = {}
    solutions: dict[str, tuple[Text, bool]] = {}  # task id → label, is a function
    manual: list[ManualTaskSpec] = []
    slots: list[CellSlot] = []
    titles: list[str] = []
    heading: Heading | None = None
    for cell in cells:
        meta = nbgrader_meta(cell)
        grade_id = meta.get("grade_id")
        if cell.get("cell_type") == "markdown" and not meta.get("solution"):
            lines = heading_lines(cell["source"])
            titles += lines[:1]
            heading = Heading(lines[-1]) if lines else heading
        if not grade_id:
            continue
        if meta.get("solution"):
            first = cell["source"].strip().splitlines()[0] if cell["source"].strip() else ""
            label = own_label(first) or (heading.label() if heading else None)
        if meta.get("solution") and meta.get("grade"):
            text = task_label(label, grade_id, is_function=False)
            manual.append(ManualTaskSpec(grade_id, float(meta.get("points", 0)), text))
        elif meta.get("solution") and cell.get("cell_type") == "code":
            function = defines_function(cell["source"], grade_id)
            solutions[grade_id] = (task_label(label, grade_id, function), function)
            slots.append(CellSlot(grade_id, None))
        elif meta.get("grade") and grade_id.startswith(TEST_PREFIX):
            points[grade_id[len(TEST_PREFIX) :]] = float(meta.get("points", 0))
        elif _is_setup(cell, meta):
            slots.append(CellSlot(grade_id, cell["source"]))
    tasks = tuple(
        TaskSpec(tid, points[tid], label, question=not function)
        for tid, (label, function) in solutions.items()
        if tid in points
    )
    if not tasks:
        raise SpecError(f"{path}: no task (solution cell `f` with a test cell `test_f`) found")
    task_ids = {task.task_id for task in tasks}
    slots = [s for s in slots if s.setup_source is not None or s.grade_id in task_ids]
    title = titles[0] if titles else path.stem
    return NotebookSpec(path.stem, tasks, tuple(manual), tuple(slots), title)
