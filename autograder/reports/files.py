"""The report files of a batch: results.json, gradescope/<student>.json and grades.csv."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from autograder.reports.feedback import write_feedback
from autograder.reports.gradescope import DEFAULT as DEFAULT_GRADESCOPE
from autograder.reports.gradescope import GradescopeSettings, gradescope_result
from autograder.reports.items import write_items
from autograder.results.atomic import write_json, write_text
from autograder.results.model import BatchResult, round_points


def write_results_json(batch: BatchResult, out: Path) -> Path:
    path = out / "results.json"
    write_json(path, batch.to_dict())
    return path


def write_gradescope(batch: BatchResult, out: Path, settings: GradescopeSettings) -> Path:
    folder = out / "gradescope"
    for result in batch.submissions:
        write_json(folder / f"{result.student_id}.json", gradescope_result(result, settings))
    return folder


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


def write_all(
    batch: BatchResult,
    out: Path,
    gradescope: GradescopeSettings = DEFAULT_GRADESCOPE,
    feedback_pages: bool = True,
) -> list[Path]:
    """Every report of a batch; ``gradescope`` from the assignment's ``[gradescope]`` settings;
    ``feedback_pages=False`` for an exam, whose pages are withheld (``autograder/exam/``)."""
    return [
        write_results_json(batch, out),
        write_gradescope(batch, out, gradescope),
        write_grades_csv(batch, out),
        *([write_feedback(batch, out)] if feedback_pages else []),
        *write_items(batch, out),  # quiz assignments only
    ]
