"""The exam's pages for students: a receipt while results are withheld, the Einsicht once the
instructors publish.

The receipt shows only that the submission arrived (and a late note): no points, no answers, no
keys, no hidden inputs. The Einsicht page shows per question the student's variant (the text with
their numbers), their answer, the key, the points and the misconception their answer matches.
Every text is HTML-escaped (as on the feedback pages).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograder.authoring.exam import Exam, Variant, key_text
from autograder.authoring.questions import BadAnswer, MultiSelect, Numeric, SingleChoice, grade
from autograder.course import Assignment
from autograder.exam.mathml import rich_text
from autograder.exam.settings import declared_exam
from autograder.exam.tables import environment
from autograder.reports.feedback import code_spans, feedback_name
from autograder.results.atomic import write_text
from autograder.results.model import BatchResult, SubmissionResult, TaskResult

if TYPE_CHECKING:
    from autograder.nbgrader.delivery import PageRenderer
    from autograder.nbgrader.export import FinalRow

LABELS = {
    "de": {
        "receipt": "Abgabe eingegangen",
        "received": "Ihre Abgabe ist eingegangen. Ergebnisse und Einsicht werden freigegeben, sobald "
        "die Lehrenden die Klausur veröffentlichen; bis dahin zeigt diese Seite keine Punkte.",
        "review": "Einsicht",
        "student": "Abgabe von",
        "total": "Punkte",
        "question": "Frage",
        "variant": "Ihre Aufgabe",
        "answer": "Ihre Antwort",
        "key": "Lösung",
        "points": "Punkte",
        "feedback": "Rückmeldung",
        "notes": "Hinweise",
        "none": "—",
    },
    "en": {
        "receipt": "Submission received",
        "received": "Your submission has arrived. Results and the review are released once the "
        "instructors publish the exam; until then this page shows no points.",
        "review": "Exam review",
        "student": "Submission of",
        "total": "Points",
        "question": "Question",
        "variant": "Your task",
        "answer": "Your answer",
        "key": "Key",
        "points": "Points",
        "feedback": "Feedback",
        "notes": "Notes",
        "none": "—",
    },
}


@dataclass(frozen=True)
class ReviewRow:
    """One question of a student's Einsicht."""

    label: str
    text: str
    answer: str
    key: str
    points: float
    max_points: float
    misconceptions: tuple[str, ...]
    feedback: str


def shown_answer(variant: Variant, response: str) -> str:
    """The student's answer as they wrote it: their letters (not the canonical ids), a number."""
    if not response:
        return ""
    if isinstance(variant.question, SingleChoice | MultiSelect):
        letter_of = {cid: letter for letter, cid in variant.letters.items()}
        return "{" + ", ".join(sorted(letter_of.get(c, c) for c in response.split(","))) + "}"
    return response


def _parsed(variant: Variant, response: str) -> Any:
    if isinstance(variant.question, Numeric):
        return float(response)
    return set(shown_answer(variant, response).strip("{}").split(", "))


def misconceptions(variant: Variant, response: str, lang: str) -> tuple[str, ...]:
    """The misconceptions the recorded answer matches (re-judged against the student's key)."""
    if variant.question is None or not response:
        return ()
    try:
        judged = grade(variant.question, _parsed(variant, response))
    except (BadAnswer, ValueError):
        return ()
    return tuple(m.get(lang) for m in judged.misconceptions)


def review_row(task: TaskResult, variant: Variant, lang: str) -> ReviewRow:
    return ReviewRow(
        label=task.label or task.task_id,
        text=variant.text,
        answer=shown_answer(variant, task.response),
        key=key_text(variant),
        points=task.score,
        max_points=task.max_score,
        misconceptions=misconceptions(variant, task.response, lang),
        feedback=task.feedback,
    )


def render_receipt(result: SubmissionResult, title: str, lang: str) -> str:
    return environment.get_template("receipt.html.j2").render(
        result=result, title=title, t=LABELS.get(lang, LABELS["de"]), lang=lang, code=code_spans
    )


def render_review(result: SubmissionResult, exam: Exam, secret: str, title: str, lang: str) -> str:
    variants = exam.variants(result.student_id, secret)
    rows = [review_row(t, variants[t.task_id], lang) for t in result.tasks if t.task_id in variants]
    return environment.get_template("einsicht.html.j2").render(
        result=result,
        rows=rows,
        title=title,
        t=LABELS.get(lang, LABELS["de"]),
        lang=lang,
        code=code_spans,
        rich=rich_text,
    )


def review_renderer(assignment: Assignment, secret: str, title: str, lang: str) -> PageRenderer:
    """The Einsicht page as nbgrader's feedback delivery renders pages (the gradebook's row is
    not needed: an exam's points are its auto scores)."""
    exam = declared_exam(assignment)

    def render(result: SubmissionResult, row: FinalRow | None) -> str:
        return render_review(result, exam, secret, title, lang)

    return render


def write_receipts(batch: BatchResult, out: Path) -> Path:
    folder = out / "feedback"
    for result in batch.submissions:
        page = render_receipt(result, batch.title or batch.assignment, batch.lang)
        write_text(folder / feedback_name(result.student_id), page)
    return folder


def write_reviews(batch: BatchResult, out: Path, exam: Exam, secret: str) -> Path:
    folder = out / "feedback"
    for result in batch.submissions:
        page = render_review(result, exam, secret, batch.title or batch.assignment, batch.lang)
        write_text(folder / feedback_name(result.student_id), page)
    return folder
