"""The course's students as its nbgrader gradebook lists them, read-only and without opening
nbgrader's ``Gradebook`` (which checks its migrations in a subprocess on every open, seconds
each time): for the feedback service, which asks whenever an unknown Hub user signs in."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa


def gradebook_students(course_root: Path) -> set[str]:
    """The ids in the gradebook's ``student`` table (none while there is no gradebook yet)."""
    from autograder.nbgrader.gradebook import nbgrader_settings

    db_url, _course_id = nbgrader_settings(course_root)
    if db_url.startswith("sqlite:///") and not Path(db_url[len("sqlite:///") :]).exists():
        return set()
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as db:
            if not sa.inspect(db).has_table("student"):
                return set()
            return set(db.scalars(sa.text("SELECT id FROM student")))
    finally:
        engine.dispose()


def student_ids(course_root: Path) -> list[str]:
    """Every student the course's gradebook knows, sorted."""
    return sorted(gradebook_students(course_root))
