"""Put screened candidates into the course: ``submitted/`` for accepted, ``rejected/`` for the rest.

Accepted notebooks land in nbgrader's layout ``submitted/<student>/<aid>/<aid>.ipynb`` with
``timestamp.txt`` (nbgrader's late-penalty rules read it), written atomically, as UTF-8 without
a byte-order mark (what nbgrader's own ``autograde`` can read). Every other
file is kept in ``rejected/<aid>/<n>-<name>`` with a ``.reason.txt`` beside it, and every
verdict goes into the report ``collect/<aid>.csv``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from autograder.collect.candidates import Verdict
from autograder.nbgrader.gradebook import record_students
from autograder.notebook.reading import as_utf8
from autograder.results.atomic import write_bytes, write_text

TIMESTAMP_FORMAT = "%Y-%m-%d %H:%M:%S.%f %Z"  # as nbgrader's exchange writes it


@dataclass(frozen=True)
class CollectReport:
    aid: str
    verdicts: list[Verdict]
    report_path: Path

    @property
    def accepted(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status == "accepted"]


def _safe_name(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in text)[-80:]


def _write_accepted(course_root: Path, aid: str, verdict: Verdict) -> None:
    candidate = verdict.candidate
    assert candidate is not None
    folder = course_root / "submitted" / candidate.student_id / aid
    write_bytes(folder / f"{aid}.ipynb", as_utf8(candidate.data))  # screened: it decodes
    if candidate.timestamp is not None and candidate.submission_time:
        write_text(folder / "timestamp.txt", candidate.timestamp.strftime(TIMESTAMP_FORMAT))
    if candidate.secret:
        write_bytes(folder / "submission_secret.txt", candidate.secret)


def _write_rejected(course_root: Path, aid: str, index: int, verdict: Verdict) -> None:
    folder = course_root / "rejected" / aid
    name = f"{index:04d}-{_safe_name(verdict.origin)}"
    if verdict.candidate is not None and verdict.candidate.data:
        write_bytes(folder / name, verdict.candidate.data)
    reason = verdict.reason.en if verdict.reason else ""
    write_text(folder / f"{name}.reason.txt", f"{verdict.origin}\n{verdict.status}: {reason}\n")


def _report_csv(verdicts: list[Verdict], lang: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["origin", "student_id", "status", "reason"])
    for v in verdicts:
        writer.writerow([v.origin, v.student_id, v.status, v.reason.get(lang) if v.reason else ""])
    return buffer.getvalue()


def _record_names(course_root: Path, verdicts: list[Verdict]) -> None:
    """Names from the LMS export go into nbgrader's gradebook (formgrader and export show them);
    students whose source has none (the exchange, a folder) are shown by their id."""
    students = [(c.student_id, c.first_name, c.last_name) for v in verdicts if (c := v.candidate)]
    record_students(course_root, students)


def admit(course_root: Path, aid: str, verdicts: list[Verdict], lang: str = "de") -> CollectReport:
    for index, verdict in enumerate(verdicts):
        if verdict.status == "accepted":
            _write_accepted(course_root, aid, verdict)
        else:
            _write_rejected(course_root, aid, index, verdict)
    _record_names(course_root, [v for v in verdicts if v.status == "accepted"])
    report = course_root / "collect" / f"{aid}.csv"
    write_text(report, _report_csv(verdicts, lang))
    return CollectReport(aid, verdicts, report)
