"""Formgrader's own "autograde" uses our grader: a preprocessor that replaces ``Execute``.

nbgrader's ``autograde`` normally runs the student's notebook, tests included, in one kernel —
where an always-equal object, a monkeypatched ``assert`` helper, a warning on stderr or an
``os._exit`` decide the grade. With this preprocessor in ``c.Autograde.autograde_preprocessors``
(see the course's ``nbgrader_config.py``) nothing of the notebook runs in nbgrader's process:
the notebook is graded by the sandboxed engine, and each ``test_<task>`` cell receives our
result as its output — the feedback as text, and the points as an ``execute_result`` that
nbgrader's ``SaveAutoGrades`` reads as partial credit. Everything after it (gradebook, late
penalties, feedback) is nbgrader's own.
"""

from __future__ import annotations

import functools
import tempfile
from pathlib import Path
from typing import Any

import nbformat
from nbformat.v4 import new_output
from nbgrader.preprocessors import NbGraderPreprocessor

from autograder.config import load_config
from autograder.course import find_course
from autograder.grading.runner import AssignmentGrader, GradeOptions
from autograder.notebook.spec import TEST_PREFIX, nbgrader_meta
from autograder.results.model import SubmissionResult, TaskResult
from autograder.sandbox.doctor import run_doctor
from autograder.sandbox.launcher import SandboxSpec


class SandboxRefused(RuntimeError):
    """The sandbox failed its self-check: nbgrader must not fall back to in-kernel grading."""


@functools.cache
def _grader(course_root: str, aid: str) -> AssignmentGrader:
    course = find_course(Path(course_root))
    assignment = course.assignment(aid)
    config = load_config(course.root)
    report = run_doctor(SandboxSpec(limits=config.limits), [assignment.reference_path])
    if not report.ok:
        failed = "; ".join(f"{c.name}: {c.detail}" for c in report.checks if not c.ok)
        raise SandboxRefused(f"autograder doctor failed ({failed}); refusing to grade")
    return AssignmentGrader(assignment, GradeOptions(config))


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
    """Put each task's result into its test cell's outputs (the error of a broken file into all)."""
    tasks = {t.task_id: t for t in result.tasks if t.kind == "auto"}
    for cell in notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if cell.cell_type != "code" or not grade_id.startswith(TEST_PREFIX):
            continue
        task = tasks.get(grade_id[len(TEST_PREFIX) :])
        if task is not None:
            cell.outputs = _outputs(task)
            cell.execution_count = 1


class SandboxedAutograde(NbGraderPreprocessor):
    """Drop-in replacement for nbgrader's ``Execute`` preprocessor."""

    def preprocess(self, nb: Any, resources: dict[str, Any]) -> tuple[Any, dict[str, Any]]:
        info = resources["nbgrader"]
        grader = _grader(str(Path.cwd()), info["assignment"])
        with tempfile.TemporaryDirectory(prefix="ag-nbgrader-") as tmp:
            path = Path(tmp) / f"{info['notebook']}.ipynb"
            nbformat.write(nb, path)
            result = grader.grade_file(path, info["student"])
        apply_result(nb, result)
        return nb, resources
