"""Feedback pages: one HTML file per student (German by default), safe to hand out.

Titled and labelled as the notebook is (its first heading; "Aufgabe 3 – `perceptron_train`",
"Frage 1"). Shows per task the points, the message, the named mistake and the task's figures
(e.g. the student's trajectory beside the reference's). Never shows hidden tests, tracebacks or
large hidden inputs: only what is already in the student-facing result (which may hold one
small failing call, see docs/instructor.md). Every text is HTML-escaped (a student's exception
message is text the student controls) before `code` spans become ``<code>``; figures are SVG
drawn by matplotlib from numbers and grader-written labels.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2
import markupsafe

from autograder.engine.diagnosis import named
from autograder.reports.plots import figure_svg
from autograder.results.atomic import write_text
from autograder.results.model import BatchResult, SubmissionResult, TaskResult

if TYPE_CHECKING:
    from autograder.nbgrader.export import FinalRow

LABELS = {
    "de": {
        "title": "Rückmeldung zu",
        "student": "Abgabe von",
        "total": "Punkte (automatisch bewertet)",
        "final_total": "Punkte (endgültig, mit manueller Bewertung)",
        "late": "Abzug für verspätete Abgabe",
        "comment": "Kommentar der Lehrenden",
        "manual_done": "Manuell bewertet.",
        "manual_pending": "Freitext wird noch manuell bewertet",
        "not_graded": "Ihre Abgabe wurde nicht bewertet",
        "task": "Aufgabe",
        "points": "Punkte",
        "feedback": "Rückmeldung",
        "notes": "Hinweise zu Ihrem Notebook",
        "footer_code": "Programmieraufgaben werden mit verdeckten Tests auf zufälligen Eingaben "
        "bewertet; die sichtbaren Tests im Notebook sind nur ein Teil davon.",
        "footer_quiz": "Quizfragen werden mit dem Lösungsschlüssel bewertet; die sichtbaren Tests im "
        "Notebook prüfen nur die Form Ihrer Antworten.",
    },
    "en": {
        "title": "Feedback on",
        "student": "Submission of",
        "total": "Points (graded automatically)",
        "final_total": "Points (final, with manual grading)",
        "late": "Late submission penalty",
        "comment": "Instructor's comment",
        "manual_done": "Graded manually.",
        "manual_pending": "free text still to be graded manually",
        "not_graded": "your submission was not graded",
        "task": "Task",
        "points": "Points",
        "feedback": "Feedback",
        "notes": "Notes on your notebook",
        "footer_code": "Programming tasks are graded with hidden tests on random inputs; the "
        "visible checks in the notebook are only a part of them.",
        "footer_quiz": "Quiz questions are graded against the answer key; the visible checks in "
        "the notebook only check the form of your answers.",
    },
}

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
)


CODE_SPAN = re.compile(r"`([^`\n]+)`")


def code_spans(text: str) -> markupsafe.Markup:
    """``text`` HTML-escaped, with markdown `code` spans as ``<code>`` (escaped first, so a
    student's text can never inject markup)."""
    escaped = str(markupsafe.escape(text))
    return markupsafe.Markup(CODE_SPAN.sub(r"<code>\1</code>", escaped))


def split_named(task: TaskResult, lang: str) -> tuple[str, str]:
    """The sentence naming the task's mistake (shown highlighted) and the rest of its feedback."""
    if task.diagnosis is None:
        return "", task.feedback
    sentence = named(task.diagnosis.name, task.question).get(lang)
    if task.feedback.startswith(sentence):
        return sentence, task.feedback[len(sentence) :].strip()
    if task.diagnosis.name in task.feedback:
        return "", task.feedback  # the message names it already (a quiz option's misconception)
    return sentence, task.feedback


def render_feedback(
    result: SubmissionResult,
    assignment: str,
    lang: str,
    final: FinalRow | None = None,
    title: str = "",
) -> str:
    """The page for one student, headed by the notebook's ``title`` (else the assignment id);
    with ``final`` (the gradebook's row) it shows final points: manual scores and overrides per
    task, the late penalty and the instructors' comments."""
    template = _environment.get_template("feedback.html.j2")
    cells = final.cells if final else {}
    pending = [t for t in result.tasks if t.status == "manual" and cells.get(t.task_id) is None]
    auto = [t for t in result.tasks if t.kind == "auto"]
    return template.render(
        result=result,
        title=title or assignment,
        lang=lang,
        t=LABELS.get(lang, LABELS["de"]),
        manual=bool(pending) and result.status != "error",
        final=final,
        points=lambda task: cells.get(task.task_id) if final else None,
        by_hand=final.graded_by_hand if final else frozenset(),
        svg=figure_svg,
        code=code_spans,
        split_named=lambda task: split_named(task, lang),
        code_tasks=any(not task.question for task in auto),
        questions=any(task.question for task in auto),
    )


def feedback_name(student_id: str) -> str:
    """A safe file name for a student id (ids come from file names students chose)."""
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in student_id)[:60]
    return f"{safe}-{hashlib.sha256(student_id.encode()).hexdigest()[:6]}.html"


def write_feedback_page(
    result: SubmissionResult, out: Path, assignment: str, lang: str, title: str = ""
) -> Path:
    """``out/feedback/<student>.html`` for one graded submission."""
    path = out / "feedback" / feedback_name(result.student_id)
    write_text(path, render_feedback(result, assignment, lang, title=title))
    return path


def write_feedback(batch: BatchResult, out: Path) -> Path:
    for result in batch.submissions:
        write_feedback_page(result, out, batch.assignment, batch.lang, batch.title)
    return out / "feedback"
