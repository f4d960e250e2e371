"""Feedback pages: one HTML file per student (German by default), safe to hand out.

Shows per task the points, the message, the named mistake and the task's figures (e.g. the
student's trajectory beside the reference's). Never shows hidden tests, their inputs or
tracebacks: only what is already in the student-facing result. Every text is HTML-escaped (a
student's exception message is text the student controls); figures are SVG drawn by matplotlib
from numbers and grader-written labels.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from autograder.reports.atomic import write_text
from autograder.reports.plots import figure_svg
from autograder.results.model import BatchResult, SubmissionResult

if TYPE_CHECKING:
    from autograder.reports.export import FinalRow

LABELS = {
    "de": {
        "title": "Rückmeldung",
        "student": "Abgabe von",
        "total": "Punkte (automatisch bewertet)",
        "final_total": "Punkte (endgültig, mit manueller Bewertung)",
        "late": "Abzug für verspätete Abgabe",
        "comment": "Kommentar der Lehrenden",
        "manual_done": "Manuell bewertet.",
        "manual_pending": "Freitext wird noch manuell bewertet",
        "task": "Aufgabe",
        "points": "Punkte",
        "feedback": "Rückmeldung",
        "mistake": "Typischer Fehler",
        "notes": "Hinweise zu Ihrem Notebook",
        "footer": "Bewertet mit verdeckten Tests und zufälligen Eingaben; die sichtbaren Tests im "
        "Notebook sind nur ein Teil davon.",
    },
    "en": {
        "title": "Feedback",
        "student": "Submission of",
        "total": "Points (graded automatically)",
        "final_total": "Points (final, with manual grading)",
        "late": "Late submission penalty",
        "comment": "Instructor's comment",
        "manual_done": "Graded manually.",
        "manual_pending": "free text still to be graded manually",
        "task": "Task",
        "points": "Points",
        "feedback": "Feedback",
        "mistake": "Known mistake",
        "notes": "Notes on your notebook",
        "footer": "Graded with hidden tests on random inputs; the visible checks in the notebook "
        "are only a part of them.",
    },
}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


def render_feedback(
    result: SubmissionResult, assignment: str, lang: str, final: FinalRow | None = None
) -> str:
    """The page for one student; with ``final`` (the gradebook's row) it shows final points:
    manual scores and overrides per task, the late penalty and the instructors' comments."""
    template = _environment.get_template("feedback.html.j2")
    cells = final.cells if final else {}
    pending = [t for t in result.tasks if t.status == "manual" and cells.get(t.task_id) is None]
    return template.render(
        result=result,
        assignment=assignment,
        lang=lang,
        t=LABELS.get(lang, LABELS["de"]),
        manual=bool(pending),
        final=final,
        points=lambda task: cells.get(task.task_id) if final else None,
        by_hand=final.graded_by_hand if final else frozenset(),
        svg=figure_svg,
    )


def feedback_name(student_id: str) -> str:
    """A safe file name for a student id (ids come from file names students chose)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in student_id)[:60]
    return f"{safe}-{hashlib.sha256(student_id.encode()).hexdigest()[:6]}.html"


def write_feedback(batch: BatchResult, out: Path) -> Path:
    folder = out / "feedback"
    for result in batch.submissions:
        html = render_feedback(result, batch.assignment, batch.lang)
        write_text(folder / feedback_name(result.student_id), html)
    return folder
