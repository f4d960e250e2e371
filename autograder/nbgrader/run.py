"""Run an nbgrader command in a course folder, with this interpreter's tools on PATH."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

TIMEOUT_SECONDS = 600


class NbgraderError(RuntimeError):
    """An nbgrader command failed; the message ends with the tail of its stderr."""


def nbgrader_env() -> dict[str, str]:
    """nbgrader calls the ``alembic`` executable: put this interpreter's bin folder first."""
    bin_dir = str(Path(sys.executable).parent)
    return {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}


def run_nbgrader(command: str, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``nbgrader <command> <args…>`` in ``cwd`` (the course root); output captured as text."""
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", command, *args],
        cwd=cwd,
        env=nbgrader_env(),
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )


def generate_assignment(
    aid: str, course_root: Path, release_directory: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """nbgrader's ``generate_assignment`` in ``course_root`` (records grade cells, writes the release)."""
    extra = (
        [f"--CourseDirectory.release_directory={release_directory}"] if release_directory else []
    )
    return run_nbgrader("generate_assignment", aid, "--force", *extra, cwd=course_root)


def failure(what: str, process: subprocess.CompletedProcess[str]) -> NbgraderError:
    """The error for a failed nbgrader command: what failed, then the end of its stderr."""
    return NbgraderError(f"{what}:\n{process.stderr[-3000:]}")


def parse_timestamp(text: str) -> datetime:
    """A ``timestamp.txt`` as nbgrader reads it (naive times are UTC); ValueError if unreadable."""
    from nbgrader.utils import parse_utc  # nbgrader costs a second to import: only here

    try:
        return parse_utc(text)
    except OverflowError as exc:
        raise ValueError(f"timestamp out of range: {text!r}") from exc
