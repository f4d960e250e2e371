"""The exam's time window: nbgrader's ``timestamp.txt`` against the start and the end (plus a
student's extension); a late submission is scored by the exam's rule (``zero`` or ``accept``), with
a note on its result either way; one from before the start is refused (0 points, with a note).
Submissions are never dropped: the instructor sees every one."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from autograder.exam.settings import ExamSettings
from autograder.i18n import Text
from autograder.nbgrader.run import parse_timestamp
from autograder.results.model import BatchResult, SubmissionResult


@dataclass(frozen=True)
class Timing:
    student_id: str
    submitted: dt.datetime | None  # None: no nbgrader timestamp beside the notebook
    deadline: dt.datetime
    late: bool
    early: bool = False  # submitted before the exam's start: refused


def submission_time(notebook: Path) -> dt.datetime | None:
    """nbgrader's ``timestamp.txt`` beside the submitted notebook, as an aware UTC time."""
    try:
        stamp = parse_timestamp((notebook.parent / "timestamp.txt").read_text().strip())
    except (OSError, ValueError):
        return None
    return stamp.replace(tzinfo=dt.UTC) if stamp.tzinfo is None else stamp.astimezone(dt.UTC)


def _minutes(delta: dt.timedelta) -> str:
    return f"{delta.total_seconds() / 60:.1f}"


def _local(time: dt.datetime, like: dt.datetime) -> str:
    return time.astimezone(like.tzinfo).strftime("%d.%m.%Y %H:%M:%S")


def late_note(timing: Timing, rule: str) -> Text:
    assert timing.submitted is not None
    late = _minutes(timing.submitted - timing.deadline)
    end = _local(timing.deadline, timing.deadline)
    if rule == "zero":
        return Text(
            f"Abgabe {late} Minuten nach dem Ende der Bearbeitungszeit ({end}): nach der Regel "
            "dieser Klausur mit 0 Punkten bewertet.",
            f"Submitted {late} minutes after the end of the exam ({end}): scored 0 points by "
            "this exam's rule.",
        )
    return Text(
        f"Abgabe {late} Minuten nach dem Ende der Bearbeitungszeit ({end}): angenommen und "
        "bewertet, mit diesem Vermerk.",
        f"Submitted {late} minutes after the end of the exam ({end}): accepted and graded, "
        "with this note.",
    )


def early_note(timing: Timing, start: dt.datetime) -> Text:
    assert timing.submitted is not None
    early = _minutes(start - timing.submitted)
    begin = _local(start, start)
    return Text(
        f"Abgabe {early} Minuten vor dem Beginn der Bearbeitungszeit ({begin}): vor Beginn der "
        "Klausur wird keine Abgabe angenommen; mit 0 Punkten bewertet.",
        f"Submitted {early} minutes before the start of the exam ({begin}): no submission is "
        "accepted before the exam begins; scored 0 points.",
    )


NO_TIMESTAMP = Text(
    "Keine Abgabezeit gefunden (nbgrader-Datei timestamp.txt fehlt); die Lehrenden prüfen die "
    "Abgabe von Hand.",
    "No submission time found (nbgrader's timestamp.txt is missing); the instructors check "
    "the submission by hand.",
)


def timing_of(result: SubmissionResult, settings: ExamSettings) -> Timing:
    submitted = submission_time(Path(result.file))
    deadline = settings.deadline(result.student_id)
    late = submitted is not None and submitted > deadline
    early = submitted is not None and submitted < settings.start
    return Timing(result.student_id, submitted, deadline, late, early)


def _score_zero(result: SubmissionResult) -> None:
    for task in result.tasks:
        task.score = 0.0
    result.score = 0.0


def apply_window(batch: BatchResult, settings: ExamSettings) -> list[Timing]:
    """Flag late submissions and score them by the exam's rule; refuse early ones (in place)."""
    timings = []
    for result in batch.submissions:
        timing = timing_of(result, settings)
        timings.append(timing)
        if timing.submitted is None:
            result.notes.append(NO_TIMESTAMP.get(batch.lang))
        elif timing.early:
            result.notes.append(early_note(timing, settings.start).get(batch.lang))
            _score_zero(result)
        elif timing.late:
            result.notes.append(late_note(timing, settings.late).get(batch.lang))
            if settings.late == "zero":
                _score_zero(result)
    return timings
