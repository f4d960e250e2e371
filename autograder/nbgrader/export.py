"""``autograder export``: the final grades from nbgrader's gradebook as an LMS-friendly CSV.

The gradebook is the truth after grading: auto scores written by ``autograder grade
--gradebook`` (or nbgrader autograde), manual scores and overrides entered in formgrader, and
late penalties. One row per student of the course; columns (documented in docs/instructor.md):

    student_id, last_name, first_name, email, status, <one column per grade cell>,
    late_penalty, total, max_total

``status`` is ``submitted`` or ``missing``; a grade cell's column is named after the task
(``test_neuron`` → ``neuron``; manual cells keep their id) and is empty while a manual cell is
ungraded. Every number has two decimals (``round_points``); ``total`` is the rounded sum of the
unrounded cell scores minus the late penalty, never below 0.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from nbgrader.api import Gradebook, MissingEntry

from autograder.course import Assignment
from autograder.nbgrader.gradebook import course_gradebook, course_plugin, refresh_late_penalty
from autograder.results.atomic import write_text
from autograder.results.model import round_points

HEAD = ("student_id", "last_name", "first_name", "email", "status")
TAIL = ("late_penalty", "total", "max_total")


@dataclass(frozen=True)
class FinalRow:
    student_id: str
    last_name: str
    first_name: str
    email: str
    status: str
    cells: dict[str, float | None]  # column → score (None: not graded yet)
    late_penalty: float
    total: float
    max_total: float
    comments: dict[str, str] = field(default_factory=dict)  # column → instructor's comment
    graded_by_hand: frozenset[str] = frozenset()  # columns with an instructor's manual score


def column_name(grade_id: str) -> str:
    return grade_id.removeprefix("test_")


def _cell_ids(gb: Gradebook, assignment: Assignment) -> list[str]:
    notebook = gb.find_notebook(assignment.source_notebook.stem, assignment.aid)
    return [cell.name for cell in notebook.grade_cells]


def _row(gb: Gradebook, assignment: Assignment, student: Any, cell_ids: list[str]) -> FinalRow:
    notebook_id = assignment.source_notebook.stem
    max_total = sum(gb.find_grade_cell(c, notebook_id, assignment.aid).max_score for c in cell_ids)
    last_name = (
        "" if (student.last_name, student.first_name) == (student.id, "") else student.last_name
    )
    names = (student.id, last_name or "", student.first_name or "", student.email or "")
    try:
        notebook = gb.find_submission_notebook(notebook_id, assignment.aid, student.id)
    except MissingEntry:
        empty = dict.fromkeys(map(column_name, cell_ids))
        return FinalRow(*names, "missing", empty, 0.0, 0.0, max_total)
    grades = {g.name: g for g in notebook.grades}
    cells: dict[str, float | None] = {}
    for cell_id in cell_ids:
        grade = grades.get(cell_id)
        graded = grade is not None and (grade.auto_score, grade.manual_score) != (None, None)
        cells[column_name(cell_id)] = float(grade.score) if graded and grade else None
    penalty = float(notebook.late_submission_penalty or 0.0)
    total = max(0.0, sum(v for v in cells.values() if v is not None) - penalty)
    comments = {
        column_name(c.name): c.manual_comment
        for c in notebook.comments
        if c.manual_comment and c.manual_comment.strip()
    }
    by_hand = frozenset(column_name(g.name) for g in grades.values() if g.manual_score is not None)
    return FinalRow(*names, "submitted", cells, penalty, total, max_total, comments, by_hand)


def final_rows(assignment: Assignment) -> list[FinalRow]:
    """Every student's final grades; late penalties are first brought up to date with the
    current totals (manual scores entered in formgrader since grading included)."""
    plugin = course_plugin(assignment)
    with course_gradebook(assignment.course_root) as gb:
        for submission in gb.assignment_submissions(assignment.aid):
            refresh_late_penalty(gb, assignment, submission.student.id, plugin)
        cell_ids = _cell_ids(gb, assignment)
        return [_row(gb, assignment, s, cell_ids) for s in gb.students]


def _points(value: float | None) -> str:
    return "" if value is None else f"{round_points(value):.2f}"


def export_csv_text(rows: list[FinalRow]) -> str:
    columns = list(rows[0].cells) if rows else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*HEAD, *columns, *TAIL])
    for row in sorted(rows, key=lambda r: r.student_id):
        writer.writerow(
            [row.student_id, row.last_name, row.first_name, row.email, row.status]
            + [_points(row.cells[c]) for c in columns]
            + [_points(row.late_penalty), _points(row.total), _points(row.max_total)]
        )
    return buffer.getvalue()


def write_export(assignment: Assignment, path: Path) -> Path:
    write_text(path, export_csv_text(final_rows(assignment)))
    return path
