"""Build notebooks from a release: fill its solution cells with given code.

Used to make example submissions and, in tests, to turn each catalogue entry into a
submission exactly like a student's (the released notebook with one cell replaced).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.notebook.spec import nbgrader_meta

if TYPE_CHECKING:  # nbformat (with its JSON-schema validator) only where it is used
    import nbformat


def read_notebook(path: Path) -> nbformat.NotebookNode:
    import nbformat

    return nbformat.read(path, as_version=4)


def solution_sources(notebook: nbformat.NotebookNode) -> dict[str, str]:
    """The code of every solution cell, by grade_id (e.g. the source notebook's model answers)."""
    return {
        nbgrader_meta(cell)["grade_id"]: cell.source
        for cell in notebook.cells
        if nbgrader_meta(cell).get("solution") and cell.cell_type == "code"
    }


def fill_solutions(
    release: nbformat.NotebookNode, sources: dict[str, str]
) -> nbformat.NotebookNode:
    """A copy of ``release`` whose solution cells named in ``sources`` hold that code."""
    notebook = copy.deepcopy(release)
    for cell in notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        if grade_id in sources and cell.cell_type == "code":
            cell.source = sources[grade_id]
    return notebook


def write_notebook(notebook: nbformat.NotebookNode, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    import nbformat

    nbformat.write(notebook, path)
    return path
