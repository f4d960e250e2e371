"""The id a student typed into the notebook (``MATRIKELNUMMER = "…"`` in the cell „Ihre
Kennung“) against the id the submission came from. Grading always uses the latter; a different
typed id only adds a note, so the student and the instructors see why the numbers did not fit.
The notebook is read as text (never run), as for grading."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from autograder.i18n import Text
from autograder.notebook.reading import NotebookError, read_notebook_json
from autograder.results.model import BatchResult

ENTERED = re.compile(r"""^\s*MATRIKELNUMMER\s*=\s*["']([^"'\n]*)["']""", re.MULTILINE)


def _source(cell: Any) -> str:
    source = cell.get("source", "") if isinstance(cell, dict) else ""
    return "".join(source) if isinstance(source, list) else str(source)


def entered_id(notebook: Path) -> str:
    """The last ``MATRIKELNUMMER = "…"`` of the notebook's code cells ("" if none)."""
    try:
        data = read_notebook_json(notebook)
    except (NotebookError, OSError):
        return ""
    cells = data.get("cells", []) if isinstance(data, dict) else []
    found = [
        m.group(1).strip()
        for cell in cells
        if isinstance(cell, dict) and cell.get("cell_type") == "code"
        for m in ENTERED.finditer(_source(cell))
    ]
    return found[-1] if found else ""


def foreign_id_note(entered: str, graded: str) -> Text:
    return Text(
        f"Im Notebook ist die Kennung {entered!r} eingetragen; bewertet wurde, wie immer, die "
        f"Kennung der Abgabe ({graded!r}) mit deren Zahlen.",
        f"The notebook names the id {entered!r}; as always, the submission's id ({graded!r}) "
        "was graded, with its numbers.",
    )


def note_foreign_ids(batch: BatchResult) -> list[str]:
    """Add a note to every submission whose typed id differs from its own; their ids."""
    foreign = []
    for result in batch.submissions:
        entered = entered_id(Path(result.file))
        if entered and entered != result.student_id:
            result.notes.append(foreign_id_note(entered, result.student_id).get(batch.lang))
            foreign.append(result.student_id)
    return foreign
