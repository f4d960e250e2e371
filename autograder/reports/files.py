"""The report files of a batch: results.json, gradescope/<student>.json, grades.csv and the
feedback pages.

A submission's own files (its Gradescope file and feedback page) can be written the moment it
is graded, while the rest of the batch is still being graded (``ReportWriter.submission``);
what needs the whole batch is written at its end (``ReportWriter.finish``)."""

from __future__ import annotations

import collections
import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from autograder.reports.feedback import write_feedback_page
from autograder.reports.gradescope import DEFAULT as DEFAULT_GRADESCOPE
from autograder.reports.gradescope import GradescopeSettings, gradescope_result
from autograder.reports.items import write_items
from autograder.results.atomic import write_json, write_text
from autograder.results.model import BatchResult, SubmissionResult, round_points


def write_results_json(batch: BatchResult, out: Path) -> Path:
    path = out / "results.json"
    write_json(path, batch)
    return path


def write_gradescope_file(
    result: SubmissionResult, out: Path, settings: GradescopeSettings
) -> Path:
    path = out / "gradescope" / f"{result.student_id}.json"
    write_json(path, gradescope_result(result, settings))
    return path


def grades_csv_text(batch: BatchResult) -> str:
    """One row per submission: student, status, one column per task, total, max."""
    task_ids = [t.task_id for t in batch.submissions[0].tasks] if batch.submissions else []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", "status", *task_ids, "total", "max_total"])
    for result in batch.submissions:
        scores = {t.task_id: t for t in result.tasks if t.kind == "auto"}
        cells = [f"{round_points(scores[t].score):.2f}" if t in scores else "" for t in task_ids]
        writer.writerow(
            [
                result.student_id,
                result.status,
                *cells,
                f"{round_points(result.score):.2f}",
                f"{round_points(result.max_score):.2f}",
            ]
        )
    return buffer.getvalue()


def write_grades_csv(batch: BatchResult, out: Path) -> Path:
    path = out / "grades.csv"
    write_text(path, grades_csv_text(batch))
    return path


@dataclass
class ReportWriter:
    """The reports of one batch into ``out``. ``gradescope``: the assignment's ``[gradescope]``
    settings; ``feedback_pages=False`` for an exam, whose pages are withheld
    (``autograder/exam/``)."""

    out: Path
    assignment: str
    lang: str
    title: str = ""
    gradescope: GradescopeSettings = DEFAULT_GRADESCOPE
    feedback_pages: bool = True
    _written: set[int] = field(default_factory=set)  # id() of the results whose files exist

    def submission(self, result: SubmissionResult) -> None:
        """One graded submission's own files, at once (the batch may still be grading)."""
        write_gradescope_file(result, self.out, self.gradescope)
        if self.feedback_pages:
            write_feedback_page(result, self.out, self.assignment, self.lang, self.title)
        self._written.add(id(result))

    def finish(self, batch: BatchResult) -> list[Path]:
        """The batch's files, and every submission's own files not written yet (all of them
        for a student id that occurs twice: in batch order, the last one wins)."""
        repeated = _repeated_ids(batch)
        for result in batch.submissions:
            if id(result) not in self._written or result.student_id in repeated:
                self.submission(result)
        return [
            write_results_json(batch, self.out),
            self.out / "gradescope",
            write_grades_csv(batch, self.out),
            *([self.out / "feedback"] if self.feedback_pages else []),
            *write_items(batch, self.out),  # quiz assignments only
        ]


def _repeated_ids(batch: BatchResult) -> set[str]:
    counts = collections.Counter(result.student_id for result in batch.submissions)
    return {student_id for student_id, count in counts.items() if count > 1}


def write_all(
    batch: BatchResult,
    out: Path,
    gradescope: GradescopeSettings = DEFAULT_GRADESCOPE,
    feedback_pages: bool = True,
) -> list[Path]:
    """Every report of a batch at once (see ``ReportWriter``)."""
    writer = ReportWriter(
        out, batch.assignment, batch.lang, batch.title, gradescope, feedback_pages
    )
    return writer.finish(batch)
