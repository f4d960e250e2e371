"""Our results inside an nbgrader notebook: each ``test_<task>`` cell gets the task's outcome.

The feedback as text and, below full marks, the points as an ``execute_result`` that nbgrader's
``SaveAutoGrades`` reads as partial credit. Used by formgrader's autograde path (the
preprocessor) and for the notebooks ``grade --gradebook`` puts into ``autograded/``, so formgrader
shows the same on both paths.
"""

from __future__ import annotations

from typing import Any

from nbformat.v4 import new_code_cell, new_markdown_cell, new_output

from autograder.notebook.spec import TEST_PREFIX, nbgrader_meta
from autograder.results.model import SubmissionResult, TaskResult


def _outputs(task: TaskResult) -> list[Any]:
    text = f"{task.score:g}/{task.max_score:g} Punkte – {task.feedback}\n"
    outputs = [new_output("stream", name="stdout", text=text)]
    if task.score < task.max_score:  # nbgrader reads a number as partial credit
        outputs.append(
            new_output(
                "execute_result", data={"text/plain": repr(round(task.score, 4))}, execution_count=1
            )
        )
    return outputs


def apply_result(notebook: Any, result: SubmissionResult) -> None:
    """Put each task's result into its test cell's outputs (the error of a broken file into all).

    A task whose grade cell is not in the notebook (nbgrader's metadata lost, the cell deleted)
    gets one appended: nbgrader records only scores it finds in a cell, and the grader found the
    task's code by its function (``autograder/notebook/match.py``)."""
    tasks = {t.task_id: t for t in result.tasks if t.kind == "auto"}
    present = set()
    for cell in notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        present.add(grade_id)
        if cell.cell_type != "code" or not grade_id.startswith(TEST_PREFIX):
            continue
        task = tasks.get(grade_id[len(TEST_PREFIX) :])
        if task is not None:
            cell.outputs = _outputs(task)
            cell.execution_count = 1
    notebook.cells += [_restored(task) for task in result.tasks if _grade_id(task) not in present]


def _grade_id(task: TaskResult) -> str:
    return TEST_PREFIX + task.task_id if task.kind == "auto" else task.task_id


def _restored(task: TaskResult) -> Any:
    """A grade cell for ``task``, in nbgrader's metadata schema 3 (as its ``OverwriteCells``
    restores missing cells)."""
    meta = {
        "grade": True,
        "grade_id": _grade_id(task),
        "locked": task.kind == "auto",
        "points": task.max_score,
        "schema_version": 3,
        "solution": task.kind != "auto",
        "task": False,
    }
    if task.kind != "auto":  # a free-text answer the instructors look for by hand
        return new_markdown_cell(task.feedback, metadata={"nbgrader": meta})
    note = "# Vom Autograder ergänzt: diese Testzelle fehlte im abgegebenen Notebook.\n"
    cell = new_code_cell(note, metadata={"nbgrader": meta})
    cell.outputs = _outputs(task)
    cell.execution_count = 1
    return cell
