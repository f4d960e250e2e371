"""Write auto scores into the course's nbgrader gradebook, where formgrader shows them.

Each auto-graded task's score goes onto its nbgrader grade cell (``test_<task>``) of the
student's submitted notebook. Free-text cells follow nbgrader's ``SaveAutoGrades``: an unchanged
cell scores 0 and needs no manual grade, an answered one has no auto score and waits in
formgrader. A manual score an instructor sets later wins (nbgrader's own rule: ``score`` prefers
``manual_score``; ``set_manual_score`` does what formgrader's grade field does). The submission
time (nbgrader's ``timestamp.txt`` beside the notebook) is recorded and the course's late-penalty
plugin (``c.AssignLatePenalties.plugin_class``, nbgrader's ``LateSubmissionPlugin`` by default)
sets the notebook's late penalty from the final total: recomputed whenever scores change here
and before the final grades are read (``autograder export``, ``autograder feedback``).

The assignment's grade cells must be in the gradebook: ``register_assignment`` runs nbgrader's
``generate_assignment`` in the course (its release goes to a throwaway folder).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import nbformat
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.plugins import BasePlugin, LateSubmissionPlugin
from nbgrader.utils import parse_utc
from sqlalchemy.exc import SAWarning
from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader
from traitlets.utils.importstring import import_item

from autograder.course import Assignment
from autograder.nbgrader.cell_outputs import apply_result
from autograder.nbgrader.run import failure, generate_assignment, nbgrader_env
from autograder.notebook.reading import read_notebook_json
from autograder.notebook.spec import TEST_PREFIX
from autograder.results.atomic import write_text
from autograder.results.model import BatchResult, SubmissionResult, TaskResult


def course_config(course_root: Path) -> Config:
    """The course's nbgrader_config.py, as nbgrader itself reads it."""
    return PyFileConfigLoader("nbgrader_config.py", path=str(course_root)).load_config()


def nbgrader_settings(course_root: Path) -> tuple[str, str]:
    """(db_url, course_id) from the course's nbgrader_config.py."""
    config = course_config(course_root)
    directory = config.CourseDirectory
    db_url = (
        directory.db_url if "db_url" in directory else f"sqlite:///{course_root / 'gradebook.db'}"
    )
    course_id = directory.course_id if "course_id" in directory else ""
    return str(db_url), str(course_id)


def register_assignment(assignment: Assignment) -> None:
    """Let nbgrader record the assignment's notebooks and grade cells in the course gradebook."""
    with tempfile.TemporaryDirectory(prefix="ag-register-") as tmp:
        process = generate_assignment(assignment.aid, assignment.course_root, Path(tmp))
    if process.returncode != 0:
        raise failure(f"nbgrader could not register {assignment.aid}", process)


def late_penalty_plugin(config: Config) -> BasePlugin:
    """The course's late-penalty plugin, configured like nbgrader's ``AssignLatePenalties``."""
    chosen = config.AssignLatePenalties.get("plugin_class", LateSubmissionPlugin)
    plugin_class = import_item(chosen) if isinstance(chosen, str) else chosen
    return plugin_class(config=config)


def submission_time(result: SubmissionResult) -> datetime | None:
    """nbgrader's ``timestamp.txt`` beside the submitted notebook, if there is one."""
    stamp = Path(result.file).parent / "timestamp.txt"
    try:
        return parse_utc(stamp.read_text().strip())
    except (OSError, ValueError, OverflowError):
        return None


def record_student(
    gb: Gradebook, student_id: str, first_name: str = "", last_name: str = ""
) -> None:
    """Names from the source win. A student the gradebook knows no name of gets the id as last
    name: formgrader prints a missing name as "None, None". Names already there are kept."""
    if first_name or last_name:
        gb.update_or_create_student(student_id, first_name=first_name, last_name=last_name)
        return
    try:
        student = gb.find_student(student_id)
    except MissingEntry:
        student = None
    if student is None or (student.first_name, student.last_name) == (None, None):
        gb.update_or_create_student(student_id, first_name="", last_name=student_id)


@contextmanager
def course_gradebook(course_root: Path) -> Iterator[Gradebook]:
    """The course's gradebook, as its ``nbgrader_config.py`` names it."""
    db_url, course_id = nbgrader_settings(course_root)
    os.environ["PATH"] = nbgrader_env()["PATH"]  # Gradebook() runs the `alembic` executable
    with Gradebook(db_url, course_id) as gb:
        yield gb


def record_students(course_root: Path, students: list[tuple[str, str, str]]) -> None:
    """(id, first name, last name) of each student into the course's gradebook (``record_student``)."""
    if not students:
        return
    with course_gradebook(course_root) as gb:
        for student_id, first_name, last_name in students:
            record_student(gb, student_id, first_name, last_name)


def grade_cell_id(task: TaskResult) -> str:
    """The nbgrader grade cell of a task: ``test_<task>`` for auto tasks, the cell itself else."""
    return f"test_{task.task_id}" if task.kind == "auto" else task.task_id


def auto_score(task: TaskResult) -> float | None:
    """What nbgrader's ``SaveAutoGrades`` records: an auto task's score; for free text 0 when the
    cell is unchanged (no answer), else None (a manual grade is needed)."""
    if task.kind == "auto":
        return task.score
    return None if task.status == "manual" else 0.0


def refresh_late_penalty(
    gb: Gradebook, assignment: Assignment, student_id: str, plugin: BasePlugin
) -> None:
    """nbgrader's rule, applied to the final total: the penalty follows the notebook's current
    score, manual scores included, so it does not matter whether manual grading came first."""
    submission = gb.find_submission(assignment.aid, student_id)
    notebook = gb.find_submission_notebook(
        assignment.source_notebook.stem, assignment.aid, student_id
    )
    penalty = None
    seconds_late = submission.total_seconds_late
    if seconds_late > 0:
        penalty = plugin.late_submission_penalty(student_id, notebook.score, seconds_late)
        if penalty is not None:
            penalty = min(max(penalty, 0.0), notebook.score)
    notebook.late_submission_penalty = penalty
    gb.db.commit()


def record_submission(
    gb: Gradebook, assignment: Assignment, result: SubmissionResult, plugin: BasePlugin
) -> None:
    record_student(gb, result.student_id)
    try:
        gb.find_submission(assignment.aid, result.student_id)
    except MissingEntry:
        with warnings.catch_warnings():  # nbgrader's add_submission trips SQLAlchemy's autoflush
            warnings.simplefilter("ignore", SAWarning)
            gb.add_submission(assignment.aid, result.student_id)
    submission = gb.find_submission(assignment.aid, result.student_id)
    submission.timestamp = submission_time(result)
    notebook_id = assignment.source_notebook.stem
    for task in result.tasks:
        grade = gb.find_grade(grade_cell_id(task), notebook_id, assignment.aid, result.student_id)
        grade.auto_score = auto_score(task)
        # as nbgrader's SaveAutoGrades: a cell needs a manual look when it has no auto score,
        # when someone has already graded it by hand (the regrade is for review), or when our
        # grader asks for one
        grade.needs_manual_grade = (
            grade.auto_score is None or grade.manual_score is not None or task.needs_review
        )
        if task.kind == "manual":
            comment = gb.find_comment(task.task_id, notebook_id, assignment.aid, result.student_id)
            comment.auto_comment = None if grade.auto_score is None else "No response."
    gb.db.commit()
    refresh_late_penalty(gb, assignment, result.student_id, plugin)


def course_plugin(assignment: Assignment) -> BasePlugin:
    os.environ["PATH"] = nbgrader_env()["PATH"]  # Gradebook() runs the `alembic` executable
    return late_penalty_plugin(course_config(assignment.course_root))


def copy_for_formgrader(assignment: Assignment, result: SubmissionResult) -> None:
    """formgrader shows ``autograded/<student>/<aid>/<notebook>.ipynb`` for manual grading:
    the student's notebook with our result in each test cell (as nbgrader autograde leaves it)."""
    source = Path(result.file)
    if result.status != "graded" or not source.is_file():
        return
    target = assignment.course_root / "autograded" / result.student_id / assignment.aid
    target.mkdir(parents=True, exist_ok=True)
    try:  # without the student's outputs, as nbgrader's autograde (ClearOutput) leaves it
        notebook = nbformat.from_dict(read_notebook_json(source))
    except Exception:  # it was graded, so it parsed once; keep the plain copy if not now
        shutil.copyfile(source, target / assignment.source_notebook.name)
        return
    apply_result(notebook, result)
    write_text(target / assignment.source_notebook.name, nbformat.writes(notebook))


def write_gradebook(batch: BatchResult, assignment: Assignment) -> int:
    """Record every graded submission; returns how many were written."""
    register_assignment(assignment)
    plugin = course_plugin(assignment)
    written = 0
    with course_gradebook(assignment.course_root) as gb:
        for result in batch.submissions:
            if result.status == "graded":
                record_submission(gb, assignment, result, plugin)
                copy_for_formgrader(assignment, result)
                written += 1
    return written


class ManualScoreError(ValueError):
    """A manual score that cannot be set (unknown cell or student, points out of range)."""


def _grade_cell(assignment: Assignment, task_id: str) -> tuple[str, float]:
    spec = assignment.spec()
    cells = {f"{TEST_PREFIX}{t.task_id}": t.points for t in spec.tasks}
    cells |= {m.task_id: m.points for m in spec.manual_tasks}
    for cell_id in (task_id, f"{TEST_PREFIX}{task_id}"):
        if cell_id in cells:
            return cell_id, cells[cell_id]
    known = ", ".join(c.removeprefix(TEST_PREFIX) for c in cells)
    raise ManualScoreError(f"{assignment.aid} has no task {task_id!r} (tasks: {known})")


def set_manual_score(
    assignment: Assignment, student_id: str, task_id: str, points: float, comment: str | None
) -> float:
    """What formgrader's grade field does: the manual score wins, the cell is no longer open;
    then the late penalty follows the new total. Returns the notebook's final score."""
    cell_id, max_points = _grade_cell(assignment, task_id)
    if not 0 <= points <= max_points:
        raise ManualScoreError(f"{task_id}: {points:g} points is outside 0 … {max_points:g}")
    plugin = course_plugin(assignment)
    notebook_id = assignment.source_notebook.stem
    with course_gradebook(assignment.course_root) as gb:
        try:
            grade = gb.find_grade(cell_id, notebook_id, assignment.aid, student_id)
        except MissingEntry:
            raise ManualScoreError(
                f"no submission of {assignment.aid} by {student_id!r} in the gradebook"
            ) from None
        grade.manual_score = points
        grade.needs_manual_grade = False
        if comment is not None:
            gb.find_comment(
                cell_id, notebook_id, assignment.aid, student_id
            ).manual_comment = comment
        gb.db.commit()
        refresh_late_penalty(gb, assignment, student_id, plugin)
        notebook = gb.find_submission_notebook(notebook_id, assignment.aid, student_id)
        return float(notebook.score - (notebook.late_submission_penalty or 0.0))
