"""``autograder collect``: read one source, screen every file, admit the good ones."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from autograder.collect.admit import CollectReport, admit
from autograder.collect.candidates import Candidate, Verdict, not_a_notebook
from autograder.collect.screen import screen
from autograder.collect.sources import FORMATS, SourceError, custom_format, from_folder, from_zip
from autograder.course import Assignment
from autograder.i18n import Text
from autograder.nbgrader.exchange import collect_from_exchange


@dataclass(frozen=True)
class CollectSource:
    """Exactly one of: ``zip_path`` (with ``zip_format`` or ``regex``), ``folder``, ``exchange``."""

    zip_path: Path | None = None
    zip_format: str = "moodle"
    regex: str | None = None
    folder: Path | None = None
    exchange: bool = False


def _read(source: CollectSource, assignment: Assignment) -> list[tuple[str, Candidate | None]]:
    if source.zip_path is not None:
        fmt = custom_format(source.regex) if source.regex else FORMATS[source.zip_format]
        return list(from_zip(source.zip_path, fmt))
    if source.folder is not None:
        return list(from_folder(source.folder))
    if source.exchange:
        staging = collect_from_exchange(assignment.course_root, assignment.aid)
        try:
            return list(from_folder(staging))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    raise SourceError("say where submissions come from: --zip, --folder or --exchange")


def run_collect(assignment: Assignment, source: CollectSource, lang: str = "de") -> CollectReport:
    files = _read(source, assignment)
    unclaimed = [
        Verdict(origin, "", "rejected", _unclaimed_reason(origin, source))
        for origin, candidate in files
        if candidate is None
    ]
    screened = screen([c for _, c in files if c is not None], assignment.spec())
    return admit(assignment.course_root, assignment.aid, unclaimed + screened, lang)


def _unclaimed_reason(origin: str, source: CollectSource) -> Text:
    if not origin.endswith(".ipynb"):
        return not_a_notebook(origin)
    fmt = source.regex or source.zip_format
    return Text(
        f"Dateiname passt nicht zum Format {fmt!r}: keine Studierenden-Kennung erkennbar",
        f"file name does not fit the format {fmt!r}: no student id found",
    )
