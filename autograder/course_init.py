"""``autograder course init DIR``: a course folder that nbgrader and this grader both recognise.

It holds the course's ``nbgrader_config.py`` (release directory ``assignments``, the sandboxed
autograde preprocessor, German stubs), the source notebooks and references of this repository,
and a fresh secret seed in ``grading.toml``. ``nbgrader`` commands and formgrader work in it.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder.config import write_new_secret
from autograder.course import PACKAGE_DIR, CourseError

REPO = PACKAGE_DIR.parent


def init_course(root: Path, term: str = "", replace: bool = False) -> Path:
    """Create the course folder ``root`` (refusing to touch an existing one unless ``replace``)."""
    if root.exists() and any(root.iterdir()):
        if not replace:
            raise CourseError(f"{root} exists and is not empty (nothing was changed)")
        shutil.rmtree(root)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copytree(REPO / "source", root / "source")
    shutil.copyfile(REPO / "nbgrader_config.py", root / "nbgrader_config.py")
    shutil.copytree(
        REPO / "solutions", root / "solutions", ignore=shutil.ignore_patterns("__pycache__")
    )
    write_new_secret(root, term=term)
    return root
