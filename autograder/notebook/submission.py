"""Parse a student's notebook into a submission: the solution cells, and nothing else.

Only the code of the task cells (matched by nbgrader ``grade_id``) is taken. Setup and test
cells come from the source notebook, so a student who edits or deletes them changes nothing.
A notebook that cannot be read gives a ``NotebookError`` with a clear message, never a crash.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat

from autograder.i18n import Text
from autograder.notebook.spec import NotebookSpec, nbgrader_meta
from autograder.sandbox.session import CodeCell

MAX_NOTEBOOK_BYTES = 20 << 20


class NotebookError(Exception):
    """The file is not a usable notebook for this assignment."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass
class Submission:
    student_id: str
    path: Path
    solutions: dict[str, str]
    problems: dict[str, Text] = field(default_factory=dict)  # task id → why its cell is unusable
    manual_answers: dict[str, str] = field(default_factory=dict)

    def code_cells(self, spec: NotebookSpec) -> list[CodeCell]:
        """Setup cells from the source and the student's task cells, in notebook order."""
        cells = []
        for slot in spec.slots:
            if slot.setup_source is not None:
                cells.append(CodeCell(slot.grade_id, slot.setup_source))
            elif slot.grade_id in self.solutions:
                cells.append(CodeCell(slot.grade_id, self.solutions[slot.grade_id]))
        return cells


def _read_json(path: Path) -> Any:
    try:
        size = path.stat().st_size
        if size > MAX_NOTEBOOK_BYTES:
            raise NotebookError(
                Text(
                    f"Die Datei ist zu groß ({size >> 20} MiB, höchstens 20 MiB).",
                    f"The file is too large ({size >> 20} MiB, at most 20 MiB).",
                )
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise NotebookError(
            Text(
                f"Die Datei ist nicht lesbar: {exc.strerror}.",
                f"Cannot read the file: {exc.strerror}.",
            )
        ) from None
    if not raw.strip():
        raise NotebookError(Text("Die Datei ist leer.", "The file is empty."))
    try:
        return json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise NotebookError(
            Text("Die Datei ist kein Text in UTF-8.", "The file is not UTF-8 text.")
        ) from None
    except json.JSONDecodeError as exc:
        raise NotebookError(
            Text(
                f"Die Datei ist kein gültiges Notebook (JSON-Fehler in Zeile {exc.lineno}, "
                f"Spalte {exc.colno}: {exc.msg}).",
                f"The file is not a valid notebook (JSON error at line {exc.lineno}, "
                f"column {exc.colno}: {exc.msg}).",
            )
        ) from None


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
    logging.getLogger("traitlets").setLevel(logging.CRITICAL)
    try:
        notebook = nbformat.from_dict(data)
    except Exception:
        raise NotebookError(
            Text("Die Notebook-Struktur ist beschädigt.", "The notebook structure is damaged.")
        ) from None
    if not isinstance(notebook.get("cells"), list):
        raise NotebookError(
            Text("Das Notebook enthält keine Zellenliste.", "The notebook has no list of cells.")
        )
    return notebook


def _cell_source(cell: Any) -> str | None:
    source = cell.get("source")
    if isinstance(source, list) and all(isinstance(s, str) for s in source):
        return "".join(source)
    return source if isinstance(source, str) else None


def load_submission(path: Path, spec: NotebookSpec, student_id: str) -> Submission:
    """Read ``path`` and extract the solution cells of ``spec``'s tasks."""
    notebook = _as_notebook(_read_json(path))
    found: dict[str, list[Any]] = {}
    for cell in notebook["cells"]:
        if not isinstance(cell, dict):
            continue
        grade_id = nbgrader_meta(cell).get("grade_id")
        if isinstance(grade_id, str):
            found.setdefault(grade_id, []).append(cell)
    submission = Submission(student_id, path, {})
    for task_id in spec.task_ids:
        _take_task_cell(submission, task_id, found.get(task_id, []))
    for manual in spec.manual_tasks:
        cells = found.get(manual.task_id, [])
        if len(cells) == 1:
            submission.manual_answers[manual.task_id] = _cell_source(cells[0]) or ""
    if not submission.solutions and not any(t in found for t in spec.task_ids):
        raise NotebookError(
            Text(
                f"Das Notebook enthält keine Lösungszelle von `{spec.name}` – falsches "
                "Notebook oder Zellen gelöscht?",
                f"The notebook has no solution cell of `{spec.name}` – wrong notebook or "
                "cells deleted?",
            )
        )
    return submission


def _take_task_cell(submission: Submission, task_id: str, cells: list[Any]) -> None:
    if not cells:
        submission.problems[task_id] = Text(
            f"Die Lösungszelle `{task_id}` fehlt im Notebook (gelöscht?).",
            f"The solution cell `{task_id}` is missing from the notebook (deleted?).",
        )
    elif len(cells) > 1:
        submission.problems[task_id] = Text(
            f"Die Lösungszelle `{task_id}` ist {len(cells)}-mal vorhanden; bitte nur eine.",
            f"The solution cell `{task_id}` appears {len(cells)} times; keep only one.",
        )
    elif cells[0].get("cell_type") != "code":
        submission.problems[task_id] = Text(
            f"Die Lösungszelle `{task_id}` ist keine Code-Zelle mehr.",
            f"The solution cell `{task_id}` is no longer a code cell.",
        )
    elif (source := _cell_source(cells[0])) is None:
        submission.problems[task_id] = Text(
            f"Die Lösungszelle `{task_id}` ist beschädigt.",
            f"The solution cell `{task_id}` is damaged.",
        )
    else:
        submission.solutions[task_id] = source
