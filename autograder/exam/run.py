"""What ``autograder grade`` does for an exam and the ``autograder exam …`` commands."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from autograder.config import GradingConfig
from autograder.course import Assignment
from autograder.exam.cohort import sittings
from autograder.exam.collusion import code_similarity, pair_rows, write_collusion
from autograder.exam.fairness import fairness_rows, write_fairness
from autograder.exam.identity import note_foreign_ids
from autograder.exam.pages import write_receipts, write_reviews
from autograder.exam.published import is_published, mark_published
from autograder.exam.settings import ExamSettings, declared_exam
from autograder.exam.window import Timing, apply_window
from autograder.notebook.compose import read_notebook, solution_sources
from autograder.notebook.submission import NotebookError, load_submission
from autograder.results.atomic import write_text
from autograder.results.model import BatchResult, read_results

WINDOW_CSV = "exam_window.csv"


def window_csv(timings: list[Timing], settings: ExamSettings) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["student_id", "submitted", "deadline", "late", "rule", "early"])
    for t in timings:
        submitted = t.submitted.isoformat(timespec="seconds") if t.submitted else ""
        rule = settings.late if t.late else "zero" if t.early else ""
        late, early = ("yes" if flag else "" for flag in (t.late, t.early))
        writer.writerow([t.student_id, submitted, t.deadline.isoformat(), late, rule, early])
    return buffer.getvalue()


def apply_exam_window(batch: BatchResult, out: Path, settings: ExamSettings) -> Path:
    """Apply the time window (in place, before the reports are written) and note ids typed into
    a notebook that are not its submission's; ``exam_window.csv`` lists every submission's
    time, deadline and verdict."""
    timings = apply_window(batch, settings)
    note_foreign_ids(batch)
    path = out / WINDOW_CSV
    write_text(path, window_csv(timings, settings))
    return path


def student_pages(
    assignment: Assignment, batch: BatchResult, out: Path, config: GradingConfig
) -> Path:
    """Receipts until the exam is published, then the Einsicht pages."""
    if not is_published(out):
        return write_receipts(batch, out)
    return write_reviews(batch, out, declared_exam(assignment), config.secret_seed)


def publish_exam(assignment: Assignment, results: Path, config: GradingConfig) -> Path:
    """Mark the exam's results published and write every student's Einsicht page."""
    batch = read_results(results, assignment.aid)
    mark_published(results, assignment.aid)
    return write_reviews(batch, results, declared_exam(assignment), config.secret_seed)


def late_zeroed(results: Path) -> frozenset[str]:
    """Students whose late (or early, refused) submission was scored zero (left out of the
    fairness report)."""
    try:
        rows = list(csv.DictReader(io.StringIO((results / WINDOW_CSV).read_text())))
    except OSError:
        return frozenset()
    return frozenset(
        r["student_id"] for r in rows if (r["late"] or r.get("early")) and r["rule"] == "zero"
    )


@dataclass(frozen=True)
class ReportPaths:
    fairness: list[Path]
    collusion: list[Path]
    top: tuple[str, str] | None  # the most suspicious pair


def code_sources(assignment: Assignment, batch: BatchResult, task_ids: list[str]) -> dict[str, str]:
    """The code tasks' solution cells of every submission (read as text, never run)."""
    spec = assignment.spec()
    sources = {}
    for result in batch.submissions:
        try:
            submission = load_submission(Path(result.file), spec, result.student_id)
        except (NotebookError, OSError):
            continue
        sources[result.student_id] = "\n".join(submission.solutions.get(t, "") for t in task_ids)
    return sources


def exam_reports(assignment: Assignment, results: Path, config: GradingConfig) -> ReportPaths:
    batch = read_results(results, assignment.aid)
    exam = declared_exam(assignment)
    title = batch.title or assignment.aid
    fair = fairness_rows(
        sittings(batch, exam, config.secret_seed, late_zeroed(results)), exam.ids()
    )
    cohort = sittings(batch, exam, config.secret_seed)
    code_ids = [c.qid for c in exam.code]
    stub = solution_sources(read_notebook(assignment.release_dir / assignment.source_notebook.name))
    similarity = code_similarity(
        code_sources(assignment, batch, code_ids), "\n".join(stub.get(t, "") for t in code_ids)
    )
    pairs = pair_rows(cohort, [q.qid for q in exam.questions], similarity)
    top = (pairs[0].student_a, pairs[0].student_b) if pairs else None
    return ReportPaths(
        write_fairness(fair, results, title), write_collusion(pairs, results, title), top
    )
