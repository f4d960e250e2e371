"""Parse a student's notebook into a submission: the solution cells, and nothing else.

Only the code of the task cells is taken (``match.py`` finds them: by nbgrader ``grade_id``, or
by the function they define when the metadata is lost). Setup and test cells come from the
source notebook, so a student who edits or deletes them changes nothing. Outputs are dropped
while reading (``reading.py``). A notebook that cannot be read gives a ``NotebookError`` with a
clear message, never a crash.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.i18n import Text
from autograder.notebook.match import match_cells
from autograder.notebook.reading import NotebookError, read_notebook_json
from autograder.notebook.spec import NotebookSpec
from autograder.sandbox.session import CodeCell

__all__ = ["NotebookError", "Submission", "load_submission"]


@dataclass
class Submission:
    student_id: str
    path: Path
    solutions: dict[str, str]
    problems: dict[str, Text] = field(default_factory=dict)  # task id → why its cell is unusable
    manual_answers: dict[str, str] = field(default_factory=dict)
    notes: list[Text] = field(default_factory=list)  # how the notebook was repaired to grade it
    review: set[str] = field(default_factory=set)  # manual tasks the instructors must look for

    def code_cells(self, spec: NotebookSpec) -> list[CodeCell]:
        """Setup cells from the source and the student's task cells, in notebook order."""
        cells = []
        for slot in spec.slots:
            if slot.setup_source is not None:
                cells.append(CodeCell(slot.grade_id, slot.setup_source))
            elif slot.grade_id in self.solutions:
                cells.append(CodeCell(slot.grade_id, self.solutions[slot.grade_id]))
        return cells


def _as_notebook(data: Any) -> Any:
    if not isinstance(data, dict) or ("cells" not in data and "worksheets" not in data):
        raise NotebookError(
            Text("Die Datei ist kein Jupyter-Notebook.", "The file is not a Jupyter notebook.")
        )
    major = data.get("nbformat")
    if major != 4:
        raise NotebookError(
            Text(
                f"Notebook-Format {major!r} wird nicht unterstützt (erwartet: 4). Bitte in "
                "JupyterLab öffnen und neu speichern.",
                f"Notebook format {major!r} is not supported (expected 4). Open it in "
                "JupyterLab and save it again.",
            )
        )
    notebook: dict[str, Any] = data  # plain JSON: match.py reads cells as dicts
    if not isinstance(notebook.get("cells"), list):
        raise NotebookError(
            Text("Das Notebook enthält keine Zellenliste.", "The notebook has no list of cells.")
        )
    return notebook


def load_submission(path: Path, spec: NotebookSpec, student_id: str) -> Submission:
    """Read ``path`` and extract the solution cells of ``spec``'s tasks."""
    notebook = _as_notebook(read_notebook_json(path))
    matched = match_cells(notebook["cells"], spec)
    if not matched.found_any:
        raise NotebookError(
            Text(
                f"Das Notebook enthält keine Lösungszelle von `{spec.name}` – falsches "
                "Notebook oder Zellen gelöscht?",
                f"The notebook has no solution cell of `{spec.name}` – wrong notebook or "
                "cells deleted?",
            )
        )
    return Submission(
        student_id,
        path,
        matched.solutions,
        matched.problems,
        matched.manual_answers,
        matched.notes,
        matched.review,
    )
