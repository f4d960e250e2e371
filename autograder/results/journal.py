"""The batch journal: one file per graded submission, written the moment it is graded.

A batch that is killed (even with ``kill -9``) and started again with the same command skips
every submission whose journal entry matches: the same student, the same notebook bytes and the
same grading context (assignment, graders, reference, source notebook, secret, language,
version). Nothing is graded twice and nothing is lost; ``--force`` ignores the journal.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from autograder import __version__
from autograder.course import Assignment
from autograder.notebook.discover import Found
from autograder.results.atomic import write_json
from autograder.results.model import SubmissionResult, submission_from_dict


def _digest(paths: list[Path]) -> str:
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path.name).encode())
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()


def grading_context(assignment: Assignment, secret_fingerprint: str, lang: str) -> str:
    """Changes whenever a regrade could give a different result."""
    graded_by = sorted(
        p for p in assignment.graders_dir.rglob("*") if p.is_file() and p.suffix in {".py", ".toml"}
    )
    files = [*graded_by, assignment.reference_path, assignment.source_notebook]
    return hashlib.sha256(
        f"{__version__}|{assignment.aid}|{secret_fingerprint}|{lang}|{_digest(files)}".encode()
    ).hexdigest()[:16]


class Journal:
    def __init__(self, folder: Path, context: str, reuse: bool = True) -> None:
        self.folder = folder
        self.context = context
        self.reuse = reuse  # False (--force): regrade everything, but still record

    def _entry(self, item: Found) -> Path:
        safe = hashlib.sha256(item.student_id.encode()).hexdigest()[:8]
        return self.folder / f"{item.student_id[:60]}-{safe}.json"

    def lookup(self, item: Found) -> SubmissionResult | None:
        if not self.reuse:
            return None
        path = self._entry(item)
        try:
            entry = json.loads(path.read_text())
            if entry["context"] != self.context or entry["file_sha256"] != _file_hash(item.path):
                return None
            return submission_from_dict(entry["result"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: grade again

    def record(self, item: Found, result: SubmissionResult) -> None:
        entry = {
            "context": self.context,
            "file_sha256": _file_hash(item.path),
            "result": result,  # written as asdict(result) would be
        }
        write_json(self._entry(item), entry)


def _file_hash(path: Path) -> str:
    try:
        with path.open("rb") as file:  # in chunks: a notebook with outputs may be large
            return hashlib.file_digest(file, "sha256").hexdigest()
    except OSError:
        return "unreadable"
