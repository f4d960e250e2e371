"""Write auto scores into the course's nbgrader gradebook, where formgrader shows them.

Each auto-graded task's score goes onto its nbgrader grade cell (``test_<task>``) of the
student's submitted notebook; manual cells keep no auto score, so formgrader asks for them.
A manual score an instructor sets later wins (nbgrader's own rule: ``score`` prefers
``manual_score``), and ``nbgrader export`` produces the final table. The submission time
(nbgrader's ``timestamp.txt`` beside the notebook) is recorded and the course's late-penalty
plugin (``c.AssignLatePenalties.plugin_class``, nbgrader's ``LateSubmissionPlugin`` by default)
sets the notebook's late penalty, as ``nbgrader autograde`` would.

The assignment's grade cells must be in the gradebook: ``register_assignment`` runs nbgrader's
``generate_assignment`` in the course (its release goes to a throwaway folder).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import warnings
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
from autograder.notebook.reading import read_notebook_json
from autograder.release.generate import ReleaseError, nbgrader_env, run_generate_assignment
from autograder.reports.atomic import write_text
from autograder.reports.cell_outputs import apply_result
from autograder.results.model import BatchResult, SubmissionResult


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
        process = run_generate_assignment(assignment.aid, assignment.course_root, Path(tmp))
    if process.returncode != 0:
        raise ReleaseError(
            f"nbgrader could not register {assignment.aid}:\n{process.stderr[-3000:]}"
        )


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


def record_submission(
    gb: Gradebook, assignment: Assignment, result: SubmissionResult, plugin: BasePlugin
) -> None:
    gb.update_or_create_student(result.student_id)
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
        if task.kind != "auto":
            continue
        grade = gb.find_grade(
            f"test_{task.task_id}", notebook_id, assignment.aid, result.student_id
        )
        grade.auto_score = task.score
        # as nbgrader's SaveAutoGrades: an auto score needs no manual look unless someone has
        # already graded it by hand (then the regrade is for review) or our grader asks for one
        grade.needs_manual_grade = grade.manual_score is not None or task.needs_review
    gb.db.commit()
    notebook = gb.find_submission_notebook(notebook_id, assignment.aid, result.student_id)
    notebook.late_submission_penalty = None
    seconds_late = submission.total_seconds_late
    if seconds_late > 0:
        penalty = plugin.late_submission_penalty(result.student_id, notebook.score, seconds_late)
        if penalty is not None:
            notebook.late_submission_penalty = min(max(penalty, 0.0), notebook.score)
    gb.db.commit()


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
    db_url, course_id = nbgrader_settings(assignment.course_root)
    os.environ["PATH"] = nbgrader_env()["PATH"]  # Gradebook() runs the `alembic` executable
    plugin = late_penalty_plugin(course_config(assignment.course_root))
    written = 0
    with Gradebook(db_url, course_id) as gb:
        for result in batch.submissions:
            if result.status == "graded":
                record_submission(gb, assignment, result, plugin)
                copy_for_formgrader(assignment, result)
                written += 1
    return written
