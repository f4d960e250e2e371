"""Run an nbgrader command in a course folder, with this interpreter's tools on PATH."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TIMEOUT_SECONDS = 600


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
