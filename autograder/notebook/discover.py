"""Find submissions on disk and name their students.

Accepts notebook files and folders. In a folder, every ``*.ipynb`` below it is a submission
(checkpoints excluded). The student id is the folder name in nbgrader's layout
``<student>/<aid>/<aid>.ipynb``, else the notebook's file name without ``.ipynb``.

nbgrader's ``submitted/`` holds every assignment of every student (``<student>/<aid>/``). A
folder in that layout contributes only ``<student>/<the graded aid>/``; a notebook in another
assignment's folder is skipped (and counted), never taken for a student of its own.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Found:
    student_id: str
    path: Path
    only: frozenset[str] | None = None  # grade just these tasks (``autograder audit``)


@dataclass(frozen=True)
class Discovery:
    found: list[Found]
    other_assignments: list[Path] = field(default_factory=list)  # skipped notebooks


class DiscoveryError(ValueError):
    """A path given on the command line does not exist (a usage error)."""


def student_id_for(path: Path, aid: str) -> str:
    """``<student>/<aid>/<aid>.ipynb`` (nbgrader's layout) → student, else the file's stem."""
    if path.stem == aid and path.parent.name == aid and path.parent.parent.name:
        return path.parent.parent.name
    return path.stem


def _notebooks(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


def _of_other_assignment(
    notebooks: list[Path], folder: Path, aid: str, known: Collection[str]
) -> set[Path]:
    """Notebooks that sit in another assignment's folder: one named like a known assignment
    of the course, or any ``<student>/<other>/`` when the folder is in nbgrader's layout."""
    nested = {p: p.relative_to(folder).parts for p in notebooks}
    layout = any(len(parts) == 3 and parts[1] in {aid, *known} for parts in nested.values())
    return {
        p
        for p, parts in nested.items()
        if p.parent.name != aid and (p.parent.name in known or (layout and len(parts) == 3))
    }


def discover_submissions(
    paths: list[Path], aid: str, known_assignments: Collection[str] = ()
) -> Discovery:
    """The submissions of ``aid`` in ``paths``; ``known_assignments`` are the course's ids."""
    known = set(known_assignments) - {aid}
    found: list[Found] = []
    skipped: list[Path] = []
    for path in paths:
        if path.is_dir():
            notebooks = _notebooks(path)
            others = _of_other_assignment(notebooks, path, aid, known)
            skipped += [p for p in notebooks if p in others]
            found += [Found(student_id_for(p, aid), p) for p in notebooks if p not in others]
        elif path.exists():
            found.append(Found(student_id_for(path, aid), path))
        else:
            raise DiscoveryError(f"{path}: no such file or folder")
    return Discovery(_unique_ids(found), skipped)


def discover(paths: list[Path], aid: str) -> list[Found]:
    return discover_submissions(paths, aid).found


def _unique_ids(found: list[Found]) -> list[Found]:
    """Two notebooks of the same student get ids ``s``, ``s~2``, … so nothing is overwritten."""
    seen: dict[str, int] = {}
    unique = []
    for item in found:
        seen[item.student_id] = seen.get(item.student_id, 0) + 1
        count = seen[item.student_id]
        unique.append(item if count == 1 else Found(f"{item.student_id}~{count}", item.path))
    return unique
