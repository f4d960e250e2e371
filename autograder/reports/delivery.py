"""Deliver feedback pages through nbgrader: ``feedback/<student>/<aid>/<notebook>.html``.

The pages show the gradebook's final state, not only the auto scores: manual scores of free-text
cells, overrides, instructors' comments from formgrader and the late penalty.
``nbgrader release_feedback <aid>`` then copies each page into the exchange and students get it
with ``nbgrader fetch_feedback`` (or JupyterLab's assignment list). nbgrader names a page in the
exchange after the submission's ``submission_secret.txt``, so only submissions that came through
the exchange (``autograder collect --exchange``) can be delivered this way; the others are
counted and left to the instructor (the pages are in the results folder either way).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from autograder.course import Assignment
from autograder.reports.export import FinalRow, final_rows
from autograder.reports.feedback import render_feedback
from autograder.results.atomic import write_text
from autograder.results.model import BatchResult, SubmissionResult

PageRenderer = Callable[[SubmissionResult, FinalRow | None], str]  # another page (an exam's)

SIDECARS = ("timestamp.txt", "submission_secret.txt")
# nbgrader's own feedback mode: release_feedback copies the page into the exchange with its mode,
# and fetch_feedback runs under the student's account, so the page must be world-readable
PAGE_MODE = 0o644


@dataclass(frozen=True)
class Delivery:
    delivered: list[str]
    not_from_exchange: list[str]


def deliver_feedback(
    batch: BatchResult, assignment: Assignment, render: PageRenderer | None = None
) -> Delivery:
    delivered, skipped = [], []
    final = {row.student_id: row for row in final_rows(assignment)}
    for result in batch.submissions:
        submitted = Path(result.file).parent
        if not all((submitted / name).is_file() for name in SIDECARS):
            skipped.append(result.student_id)
            continue
        folder = assignment.course_root / "feedback" / result.student_id / assignment.aid
        row = final.get(result.student_id)
        page = (
            render(result, row)
            if render
            else render_feedback(result, batch.assignment, batch.lang, row, batch.title)
        )
        write_text(folder / f"{assignment.source_notebook.stem}.html", page, PAGE_MODE)
        for name in SIDECARS:
            shutil.copyfile(submitted / name, folder / name)
        delivered.append(result.student_id)
    return Delivery(delivered, skipped)
