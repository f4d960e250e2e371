"""Submissions from nbgrader's exchange: ``nbgrader collect`` into a staging folder, then screened.

nbgrader writes ``<staging>/<student>/<aid>/<notebook>.ipynb`` with ``timestamp.txt``; the same
checks as for any other source decide what enters ``submitted/``.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from autograder.nbgrader.run import failure, run_nbgrader


def collect_from_exchange(course_root: Path, aid: str) -> Path:
    """Run ``nbgrader collect`` for ``aid`` into a fresh staging folder and return it."""
    staging = Path(tempfile.mkdtemp(prefix=".exchange-", dir=course_root))
    process = run_nbgrader(
        "collect", aid, f"--CourseDirectory.submitted_directory={staging.name}", cwd=course_root
    )
    if process.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise failure(f"nbgrader collect {aid} failed", process)
    return staging
