"""Is an upload taken for feedback? Every answer in German, and every upload stored either way."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from autograder.collect.candidates import Candidate
from autograder.collect.screen import problem
from autograder.course import Course, CourseError
from autograder.serve.config import ServeConfig
from autograder.serve.store import QUEUED, REJECTED, STORED, Store


@dataclass(frozen=True)
class Verdict:
    status: str  # queued | stored (an exam: kept, no feedback) | rejected
    reason: str | None = None


def too_large(limit: int) -> Verdict:
    return Verdict(
        REJECTED, f"Die Datei ist zu groß (höchstens {limit / (1 << 20):.1f} MiB sind erlaubt)."
    )


def judge(
    config: ServeConfig,
    course: Course,
    store: Store,
    student_id: str,
    aid: str,
    filename: str,
    data: bytes,
    now: datetime,
) -> Verdict:
    """The first reason not to grade this upload, else ``queued`` (or ``stored`` for an exam)."""
    window = config.assignments.get(aid)
    if window is None or aid not in course.assignment_ids():
        return Verdict(REJECTED, f"Die Aufgabe „{aid[:100]}“ gibt es hier nicht.")
    if not window.is_open(now):
        return Verdict(REJECTED, f"Die Aufgabe „{aid}“ ist gerade nicht zur Abgabe geöffnet.")
    if len(data) > config.max_upload_bytes:
        return too_large(config.max_upload_bytes)
    reason = _notebook_problem(course, aid, filename, student_id, data)
    if reason is not None:
        return Verdict(REJECTED, reason)
    if window.exam:
        return Verdict(
            STORED,
            "Ihre Abgabe ist gespeichert. Bei Prüfungen gibt es keine Rückmeldung vor der "
            "Bewertung.",
        )
    used = store.attempts_since(student_id, aid, now - timedelta(hours=1))
    if used >= config.attempts_per_hour:
        return Verdict(
            REJECTED,
            f"Sie haben in der letzten Stunde schon {used} Versuche für diese Aufgabe abgegeben "
            f"(höchstens {config.attempts_per_hour} pro Stunde). Bitte versuchen Sie es später "
            "noch einmal.",
        )
    return Verdict(QUEUED)


def _notebook_problem(
    course: Course, aid: str, filename: str, student_id: str, data: bytes
) -> str | None:
    try:
        spec = course.assignment(aid).spec()
    except CourseError:
        return f"Die Aufgabe „{aid}“ ist nicht vollständig eingerichtet."
    found = problem(Candidate(filename or "upload", student_id, data), spec)
    return None if found is None else f"Die Datei wurde nicht angenommen: {found.sentence().de}"
