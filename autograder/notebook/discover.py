"""Find submissions on disk and name their students.

Accepts notebook files and folders. In a folder, every ``*.ipynb`` below it is a submission
(checkpoints excluded). The student id is the folder name in nbgrader's layout
``<student>/<aid>/<aid>.ipynb``, else the notebook's file name without ``.ipynb``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Found:
    student_id: str
    path: Path


class DiscoveryError(ValueError):
    """A path given on the command line does not exist (a usage error)."""


def student_id_for(path: Path, aid: str) -> str:
    """``<student>/<aid>/<aid>.ipynb`` (nbgrader's layout) → student, else the file's stem."""
    if path.stem == aid and path.parent.name == aid and path.parent.parent.name:
        return path.parent.parent.name
    return path.stem


def discover(paths: list[Path], aid: str) -> list[Found]:
    found: list[Found] = []
    for path in paths:
        if path.is_dir():
            notebooks = sorted(
                p for p in path.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts
            )
            found += [Found(student_id_for(p, aid), p) for p in notebooks]
        elif path.exists():
            found.append(Found(student_id_for(path, aid), path))
        else:
            raise DiscoveryError(f"{path}: no such file or folder")
    return _unique_ids(found)


def _unique_ids(found: list[Found]) -> list[Found]:
    """Two notebooks of the same student get ids ``s``, ``s~2``, … so nothing is overwritten."""
    seen: dict[str, int] = {}
    unique = []
    for item in found:
        seen[item.student_id] = seen.get(item.student_id, 0) + 1
        count = seen[item.student_id]
        unique.append(item if count == 1 else Found(f"{item.student_id}~{count}", item.path))
    return unique
