"""What the exam's reports read per student: their variants, their answers and their scores.

Built on the trusted side from ``results.json`` (the answers as given, ``TaskResult.response``),
the exam's declaration and the course's secret; never shown to students.
"""

from __future__ import annotations

from dataclasses import dataclass

from autograder.authoring.exam import Exam, Variant
from autograder.results.model import BatchResult, SubmissionResult


@dataclass(frozen=True)
class Sitting:
    """One student's exam: variant, answer (``response``) and score fraction per task."""

    student_id: str
    variants: dict[str, Variant]
    responses: dict[str, str]
    fractions: dict[str, float]
    result: SubmissionResult


def sittings(
    batch: BatchResult, exam: Exam, secret: str, skip: frozenset[str] = frozenset()
) -> list[Sitting]:
    """Every graded submission except the student ids in ``skip`` (e.g. late, scored zero)."""
    found = []
    for result in batch.submissions:
        if result.status != "graded" or result.student_id in skip:
            continue
        tasks = {t.task_id: t for t in result.tasks if t.task_id in exam.ids()}
        found.append(
            Sitting(
                result.student_id,
                exam.variants(result.student_id, secret),
                {k: t.response for k, t in tasks.items()},
                {k: (t.score / t.max_score if t.max_score else 0.0) for k, t in tasks.items()},
                result,
            )
        )
    return found
