"""Candidate submissions: one file claimed by one student, before it is checked."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from autograder.i18n import Text

SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class Candidate:
    origin: str  # where the file came from (a zip member, a path): shown in the report
    student_id: str
    data: bytes
    timestamp: datetime | None = None  # when the file was made: picks the newest of several
    # True only for nbgrader's own timestamp.txt (the exchange): then it is the submission time
    # that late penalties use. File and zip-entry times are download or upload times in an
    # unknown time zone, so they order a student's files but never make anyone late.
    submission_time: bool = False
    first_name: str = ""
    last_name: str = ""
    too_large: bool = False  # over the notebook size limit: not read, reported
    secret: bytes = b""  # nbgrader's submission_secret.txt (names the feedback in the exchange)


@dataclass(frozen=True)
class Verdict:
    """What happened to one candidate."""

    origin: str
    student_id: str
    status: str  # accepted | rejected | superseded
    reason: Text | None = None
    candidate: Candidate | None = None


def not_a_notebook(origin: str) -> Text:
    return Text(
        f"keine Notebook-Datei (.ipynb): {origin}", f"not a notebook file (.ipynb): {origin}"
    )


def unsafe_id(student_id: str) -> Text:
    return Text(
        f"unbrauchbare Kennung {student_id[:80]!r} (erlaubt: Buchstaben, Ziffern, . _ @ -)",
        f"unusable student id {student_id[:80]!r} (allowed: letters, digits, . _ @ -)",
    )
