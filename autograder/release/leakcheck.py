"""Fail a release that leaks hidden content: solutions, hidden tests, references, graders.

Checks every file of the release folder:

* only notebooks and plain data files may be there (no ``.py`` of ours, no gradebook);
* notebooks must contain no nbgrader solution/hidden-test markers and no model answer;
* no run of three consecutive significant lines of the reference (``solutions/<aid>.py``)
  or of any hidden grader file may appear (single shared lines such as the XOR data are fine);
* the course's secret seed must not appear anywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from autograder.course import Assignment
from autograder.notebook.compose import read_notebook, solution_sources

MARKERS = (
    "BEGIN SOLUTION",
    "END SOLUTION",
    "BEGIN HIDDEN TESTS",
    "END HIDDEN TESTS",
    "BEGIN MARK SCHEME",
)
ALLOWED_SUFFIXES = {
    ".ipynb",
    ".csv",
    ".txt",
    ".png",
    ".jpg",
    ".svg",
    ".npz",
    ".npy",
    ".json",
    ".md",
}
SHINGLE = 3
GRADER_SUFFIXES = (".py", ".toml")  # grader code and its data (a quiz's keys)


@dataclass(frozen=True)
class Leak:
    file: str
    reason: str


def _significant_lines(text: str) -> list[str]:
    lines = []
    for raw in text.splitlines():
        line = " ".join(raw.split())
        if len(line) >= 12 and not line.startswith(("#", '"""', "import ", "from ")):
            lines.append(line)
    return lines


def _shingles(text: str) -> set[tuple[str, ...]]:
    lines = _significant_lines(text)
    return {tuple(lines[i : i + SHINGLE]) for i in range(len(lines) - SHINGLE + 1)}


def _hidden_texts(assignment: Assignment) -> Iterable[tuple[str, str]]:
    yield "reference", assignment.reference_path.read_text()
    graders = assignment.graders_dir.rglob("*")  # variants/<task>/*.py, questions.toml too
    for path in sorted(p for p in graders if p.suffix in GRADER_SUFFIXES):
        yield f"grader {path.relative_to(assignment.graders_dir)}", path.read_text()
    answers = solution_sources(read_notebook(assignment.source_notebook))
    for grade_id, source in answers.items():
        yield f"model solution of {grade_id}", source


def _release_text(path: Path) -> str:
    if path.suffix == ".ipynb":
        notebook = read_notebook(path)
        return "\n".join(cell.source for cell in notebook.cells)
    return path.read_bytes().decode("utf-8", errors="replace")


def find_leaks(
    release_dir: Path, assignment: Assignment, secret_seed: str | None = None
) -> list[Leak]:
    leaks: list[Leak] = []
    hidden = [(name, _shingles(text)) for name, text in _hidden_texts(assignment)]
    for path in sorted(p for p in release_dir.rglob("*") if p.is_file()):
        name = str(path.relative_to(release_dir))
        if path.suffix not in ALLOWED_SUFFIXES:
            leaks.append(Leak(name, f"file type {path.suffix or '(none)'} must not be released"))
            continue
        text = _release_text(path)
        leaks += [Leak(name, f"contains the marker {m!r}") for m in MARKERS if m in text]
        if secret_seed and secret_seed in text:
            leaks.append(Leak(name, "contains the secret seed"))
        released = _shingles(text)
        for hidden_name, shingles in hidden:
            common = released & shingles
            if common:
                sample = " / ".join(next(iter(common)))
                leaks.append(Leak(name, f"contains code of the {hidden_name}: {sample[:120]}"))
    return leaks
