"""Check candidates before they enter the course: one usable notebook per student."""

from __future__ import annotations

import tempfile
from collections import defaultdict
from pathlib import Path

from autograder.collect.candidates import SAFE_ID, Candidate, Verdict, not_a_notebook, unsafe_id
from autograder.i18n import Text
from autograder.notebook.reading import MAX_FILE_BYTES
from autograder.notebook.spec import NotebookSpec
from autograder.notebook.submission import NotebookError, load_submission


def problem(candidate: Candidate, spec: NotebookSpec) -> Text | None:
    """Why this file cannot be this student's submission of ``spec``; None if it can."""
    if not candidate.origin.endswith(".ipynb"):
        return not_a_notebook(candidate.origin)
    if not SAFE_ID.match(candidate.student_id):
        return unsafe_id(candidate.student_id)
    if candidate.too_large:
        limit = MAX_FILE_BYTES >> 20
        return Text(f"Datei größer als {limit} MiB", f"file larger than {limit} MiB")
    with tempfile.TemporaryDirectory(prefix="ag-screen-") as tmp:
        path = Path(tmp) / "candidate.ipynb"
        path.write_bytes(candidate.data)
        try:
            load_submission(path, spec, candidate.student_id)
        except NotebookError as exc:
            return exc.text
    return None


def screen(candidates: list[Candidate], spec: NotebookSpec) -> list[Verdict]:
    """Accept one usable notebook per student; say why every other file is not taken."""
    verdicts: list[Verdict] = []
    usable: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        reason = problem(candidate, spec)
        if reason is None:
            usable[candidate.student_id].append(candidate)
        else:
            verdicts.append(
                Verdict(candidate.origin, candidate.student_id, "rejected", reason, candidate)
            )
    for files in usable.values():
        verdicts += _one_per_student(files)
    return verdicts


def _one_per_student(files: list[Candidate]) -> list[Verdict]:
    if len(files) == 1:
        return [Verdict(files[0].origin, files[0].student_id, "accepted", None, files[0])]
    stamps = [f.timestamp for f in files]
    newest = max((s for s in stamps if s is not None), default=None)
    if newest is None or None in stamps or stamps.count(newest) > 1:
        names = ", ".join(f.origin for f in files)
        reason = Text(
            f"mehrere Abgaben ohne eindeutig neueste ({names}); bitte eine auswählen",
            f"several submissions and no unique newest ({names}); pick one",
        )
        return [Verdict(f.origin, f.student_id, "rejected", reason, f) for f in files]
    latest = next(f for f in files if f.timestamp == newest)
    verdicts = [Verdict(latest.origin, latest.student_id, "accepted", None, latest)]
    reason = Text(
        f"ältere Abgabe; bewertet wird die neueste ({latest.origin})",
        f"older submission; the newest ({latest.origin}) is graded",
    )
    verdicts += [
        Verdict(f.origin, f.student_id, "superseded", reason, f) for f in files if f is not latest
    ]
    return verdicts
