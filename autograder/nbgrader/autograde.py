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
from nbgrader.preprocessors import DeduplicateIds, NbGraderPreprocessor

from autograder.config import load_config
from autograder.course import find_course
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.nbgrader.cell_outputs import apply_result
from autograder.results.journal import grading_context
from autograder.sandbox.doctor import checked_sandbox
from autograder.sandbox.launcher import SandboxSpec


class SandboxRefused(RuntimeError):
    """The sandbox failed its self-check: nbgrader must not fall back to in-kernel grading."""


def _grader(course_root: str, aid: str) -> AssignmentGrader:
    """The loaded grader for this assignment, loaded anew when graders, reference, source
    notebook or secret change (formgrader's server process lives through such edits)."""
    course = find_course(Path(course_root))
    config = load_config(course.root)
    context = grading_context(course.assignment(aid), config.fingerprint, "de")
    return _loaded_grader(str(course.root), aid, context)


@functools.lru_cache(maxsize=8)
def _loaded_grader(course_root: str, aid: str, context: str) -> AssignmentGrader:
    course = find_course(Path(course_root))
    assignment = course.assignment(aid)
    config = load_config(course.root)
    report = checked_sandbox(SandboxSpec(limits=config.limits), [assignment.reference_path])
    if not report.ok:
        failed = "; ".join(f"{c.name}: {c.detail}" for c in report.checks if not c.ok)
        raise SandboxRefused(f"autograder doctor failed ({failed}); refusing to grade")
    return AssignmentGrader(assignment, GradeOptions(config))


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


class DeduplicateIdsCleanly(DeduplicateIds):
    """nbgrader's ``DeduplicateIds`` (of several cells with one ``grade_id`` the last keeps it,
    which is the copy our grader takes too), but the earlier copies lose their nbgrader metadata
    entirely: nbgrader 0.9.6 leaves an empty dict, which its own ``CheckCellMetadata`` then
    refuses as an "old version of the metadata format", so a notebook with a copied task cell
    (JupyterLab's copy and paste keeps the metadata) could not be autograded at all."""

    def preprocess_cell(
        self, cell: Any, resources: dict[str, Any], cell_index: int
    ) -> tuple[Any, dict[str, Any]]:
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources
