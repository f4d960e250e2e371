"""An exam's settings: ``[exam]`` in ``autograder/graders/<aid>/assignment.toml``::

    [exam]
    salt = "e01-probeklausur"            # public part of the variants' salt (secret: grading.toml)
    minutes = 60                         # working time; start…end is at least as long
    start = "2027-02-01T10:00:00+01:00"  # ISO 8601 with a UTC offset; earlier: refused
    end = "2027-02-01T11:00:00+01:00"
    late = "zero"                        # after the end: "zero" (0 points) or "accept" (a note)

    [exam.extensions]                    # extra minutes per student id
    "s0042" = 15

An assignment without an ``[exam]`` table is no exam.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from autograder.authoring.catalogue import grader_modules
from autograder.authoring.exam import Exam, exam_table
from autograder.course import Assignment

LATE_RULES = ("zero", "accept")


class ExamError(ValueError):
    """An invalid ``[exam]`` table or an exam command on a non-exam (a usage error)."""


@dataclass(frozen=True)
class ExamSettings:
    salt: str
    minutes: int
    start: dt.datetime
    end: dt.datetime
    late: str = "zero"
    extensions: dict[str, int] = field(default_factory=dict)

    def deadline(self, student_id: str) -> dt.datetime:
        """The end of the window for one student (with their extension)."""
        return self.end + dt.timedelta(minutes=self.extensions.get(student_id, 0))


def _time(table: dict[str, Any], key: str, where: str) -> dt.datetime:
    value = table.get(key)
    try:
        parsed = value if isinstance(value, dt.datetime) else dt.datetime.fromisoformat(str(value))
    except ValueError:
        raise ExamError(f"{where}: {key} = {value!r} is no ISO 8601 time") from None
    if parsed.tzinfo is None:
        raise ExamError(f"{where}: {key} = {value!r} needs a UTC offset (e.g. +01:00)")
    return parsed


def _extensions(table: Any, where: str) -> dict[str, int]:
    if not isinstance(table, dict) or not all(
        isinstance(v, int) and v >= 0 for v in table.values()
    ):
        raise ExamError(f"{where}: [exam.extensions] maps student ids to whole minutes ≥ 0")
    return {str(k): int(v) for k, v in table.items()}


def exam_settings(assignment: Assignment) -> ExamSettings | None:
    """The exam's settings, or None when the assignment is no exam."""
    table = exam_table(assignment.graders_dir)
    if not table:
        return None
    where = str(assignment.graders_dir / "assignment.toml")
    late = table.get("late", "zero")
    if late not in LATE_RULES:
        raise ExamError(f"{where}: late = {late!r} is not one of {LATE_RULES}")
    minutes = table.get("minutes")
    if not isinstance(minutes, int) or minutes <= 0:
        raise ExamError(f"{where}: minutes must be a whole number > 0")
    start, end = _time(table, "start", where), _time(table, "end", where)
    if end - start < dt.timedelta(minutes=minutes):
        raise ExamError(f"{where}: the window from start to end is shorter than {minutes} minutes")
    extensions = _extensions(table.get("extensions", {}), where)
    return ExamSettings(str(table.get("salt", "")), minutes, start, end, late, extensions)


def require_exam(assignment: Assignment) -> ExamSettings:
    settings = exam_settings(assignment)
    if settings is None:
        raise ExamError(f"{assignment.aid} is no exam (its assignment.toml has no [exam] table)")
    return settings


def declared_exam(assignment: Assignment) -> Exam:
    """The ``Exam`` declared in the assignment's grader files (keys: trusted side only)."""
    found = [
        value
        for module in grader_modules(assignment.graders_dir)
        for value in vars(module).values()
        if isinstance(value, Exam)
    ]
    if len(found) != 1:
        raise ExamError(f"{assignment.graders_dir}: expected one Exam(...), found {len(found)}")
    return found[0]
