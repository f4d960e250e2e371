"""Grade many submissions of one assignment; one bad submission never stops the batch."""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from pathlib import Path

from autograder.course import Assignment
from autograder.grading.runner import AssignmentGrader, GradeOptions, GraderBroken
from autograder.i18n import Text
from autograder.notebook.discover import Found
from autograder.results.model import BatchResult, SubmissionResult

log = logging.getLogger(__name__)

Progress = Callable[[Found, SubmissionResult], None]


def grade_batch(
    assignment: Assignment,
    found: list[Found],
    options: GradeOptions,
    progress: Progress | None = None,
) -> BatchResult:
    grader = AssignmentGrader(assignment, options)
    batch = BatchResult(
        assignment=assignment.aid,
        lang=options.lang,
        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        secret_fingerprint=options.config.fingerprint,
    )
    for item in found:
        result = _grade_one(grader, item)
        batch.submissions.append(result)
        if progress is not None:
            progress(item, result)
    return batch


def _grade_one(grader: AssignmentGrader, item: Found) -> SubmissionResult:
    try:
        return grader.grade_file(item.path, item.student_id)
    except GraderBroken:
        raise
    except Exception:  # an engine bug must cost this submission only, and be visible
        log.exception("internal error while grading %s", item.path)
        text = Text(
            "Interner Fehler beim Bewerten; die Lehrenden wurden informiert.",
            "Internal error while grading; the instructors have been told.",
        )
        result = grader.error_result(item.student_id, Path(item.path), text, time.monotonic())
        result.notes.append("internal error: see the grader's log")
        for task in result.tasks:
            task.needs_review = True
        return result
