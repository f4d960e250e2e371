"""Read candidates from a plain folder or an LMS download zip (Moodle, ILIAS, a custom regex).

Zip members are read into memory by name, never extracted to paths taken from the archive
(no zip-slip); member count, member size and total size are capped (no zip bombs).
"""

from __future__ import annotations

import contextlib
import dataclasses
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from autograder.collect.candidates import Candidate
from autograder.nbgrader.run import parse_timestamp
from autograder.notebook.reading import MAX_FILE_BYTES

NBGRADER_SIDECARS = ("timestamp.txt", "submission_secret.txt")
MAX_MEMBERS = 10_000
MAX_TOTAL_BYTES = 2 << 30


class SourceError(ValueError):
    """The archive or folder cannot be read at all (a usage error, with what to do)."""


@dataclass(frozen=True)
class NameFormat:
    """How an LMS names a student's file: a regex over the member path with named groups.

    ``student_id`` is required; ``first_name``/``last_name`` are optional. Like the
    ``named_regexp`` of nbgrader's ``zip_collect``.
    """

    name: str
    pattern: re.Pattern[str]


FORMATS = {
    # Moodle "Download all submissions": "<Full Name>_<participant id>_assignsubmission_file_/<file>"
    "moodle": NameFormat(
        "moodle",
        re.compile(
            r"^(?:.*/)?(?P<full_name>[^/]+?)_(?P<student_id>\d+)_assignsubmission_file_/(?:.*/)?[^/]+$"
        ),
    ),
    # ILIAS exercise "Download all submissions": ".../<Lastname>_<Firstname>_<login>[_<id>]/<file>"
    "ilias": NameFormat(
        "ilias",
        re.compile(
            r"^(?:.*/)?(?P<last_name>[^/_]+)_(?P<first_name>[^/_]+)_(?P<student_id>[^/_]+)(?:_\d+)?/[^/]+$"
        ),
    ),
    # a zip of "<student>.ipynb" files, or of nbgrader's "<student>/<aid>/<file>.ipynb"
    "plain": NameFormat(
        "plain",
        re.compile(
            r"^(?:(?P<student_id>[^/]+)/[^/]+/[^/]+\.ipynb|(?:.*/)?(?P<stem>[^/]+)\.ipynb)$"
        ),
    ),
}


def custom_format(regex: str) -> NameFormat:
    try:
        pattern = re.compile(regex)
    except re.error as exc:
        raise SourceError(f"--regex is not a valid regular expression: {exc}") from None
    if "student_id" not in pattern.groupindex:
        raise SourceError("--regex needs a named group (?P<student_id>...)")
    return NameFormat("regex", pattern)


def claim(member: str, fmt: NameFormat) -> dict[str, str] | None:
    """The student fields the format reads from a member path, or None if it doesn't match."""
    match = fmt.pattern.match(member)
    if match is None:
        return None
    fields = {k: v for k, v in match.groupdict().items() if v}
    if "student_id" not in fields and "stem" in fields:
        fields["student_id"] = fields.pop("stem")
    if "full_name" in fields:
        first, _, last = fields.pop("full_name").rpartition(" ")
        fields.update(first_name=first, last_name=last)
    return fields if "student_id" in fields else None


def _candidate(
    origin: str,
    fields: dict[str, str],
    data: bytes,
    stamp: tuple[datetime | None, bool],
    too_large: bool,
) -> Candidate:
    return Candidate(
        origin=origin,
        student_id=fields["student_id"],
        data=data,
        timestamp=stamp[0],
        submission_time=stamp[1],
        first_name=fields.get("first_name", ""),
        last_name=fields.get("last_name", ""),
        too_large=too_large,
    )


def _zip_time(info: zipfile.ZipInfo) -> datetime | None:
    try:
        return datetime(*info.date_time, tzinfo=UTC)
    except ValueError:
        return None


def from_zip(path: Path, fmt: NameFormat) -> Iterator[tuple[str, Candidate | None]]:
    """(member, candidate) per file in the archive; candidate None when the name doesn't fit."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as exc:
        raise SourceError(f"{path}: not a readable zip archive ({exc})") from None
    with archive:
        members = [i for i in archive.infolist() if not i.is_dir()]
        if len(members) > MAX_MEMBERS or sum(i.file_size for i in members) > MAX_TOTAL_BYTES:
            raise SourceError(f"{path}: too many or too large members for a course download")
        for info in members:
            name = info.filename
            if "__MACOSX/" in name or name.endswith(".DS_Store"):
                continue
            fields = claim(name, fmt)
            if fields is None:
                yield name, None
                continue
            too_large = info.file_size > MAX_FILE_BYTES
            data = b"" if too_large else archive.read(info)
            yield name, _candidate(name, fields, data, (_zip_time(info), False), too_large)


def from_folder(folder: Path) -> Iterator[tuple[str, Candidate | None]]:
    """``<student>.ipynb`` files, or nbgrader's ``<student>/<aid>/<file>.ipynb``."""
    if not folder.is_dir():
        raise SourceError(f"{folder}: no such folder")
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        if ".ipynb_checkpoints" in relative or path.name in NBGRADER_SIDECARS:
            continue  # read with the notebook beside them
        fields = claim(relative, FORMATS["plain"])
        if fields is None:
            yield relative, None
            continue
        too_large = path.stat().st_size > MAX_FILE_BYTES
        data = b"" if too_large else path.read_bytes()
        candidate = _candidate(relative, fields, data, _file_time(path), too_large)
        secret = path.parent / "submission_secret.txt"
        if secret.is_file():
            candidate = dataclasses.replace(candidate, secret=secret.read_bytes()[:1024])
        yield relative, candidate


def _file_time(path: Path) -> tuple[datetime, bool]:
    """nbgrader's ``timestamp.txt`` beside the notebook (a submission time: True), else the
    file's modification time (only to order a student's files: False)."""
    stamp = path.parent / "timestamp.txt"
    if stamp.is_file():
        with contextlib.suppress(ValueError):
            return parse_timestamp(stamp.read_text().strip()), True
    return datetime.fromtimestamp(path.stat().st_mtime, tz=UTC), False
