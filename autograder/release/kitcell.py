"""The check kit cell of every notebook: ``checkkit.py`` plus the data of one assignment.

Students in JupyterLab or Colab upload only the ``.ipynb``, so the helper behind ``%%pruefung``,
``pruefe_aufgabe`` and ``pruefe_alle`` must live in the notebook. Its code is written once, in
``checkkit.py``; this module renders it with one assignment's tasks, setup cells and visible
checks (all visible in the notebook anyway) into the cell ``pruefwerkzeug``, and keeps
every source notebook's copy current (``autograder release`` calls ``sync_kit``).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.notebook.spec import TEST_PREFIX, nbgrader_meta, read_spec

if TYPE_CHECKING:  # nbformat (with its JSON-schema validator) only where it is used
    import nbformat

KIT_CELL_ID = "pruefwerkzeug"
RULES_CELL_ID = "so-wird-bewertet"
SUMMARY_CELL_ID = "pruefe-alle"
SUMMARY_TEXT_ID = "pruefe-alle-text"
MAGIC = "%%pruefung"
KIT_CODE = Path(__file__).with_name("checkkit.py")

RULES = """**So wird bewertet**

- Jede Aufgabe hat eine **Lösungszelle**; dort steht anfangs `raise NotImplementedError()`. Schreiben
  Sie Ihren Code nur in die Lösungszellen und ändern Sie die vorgegebenen Namen und Parameter nicht.
- Bei der Bewertung werden die vorgegebenen Einrichtungszellen und **alle Lösungszellen** in der
  Reihenfolge des Notebooks in einem gemeinsamen Namensraum ausgeführt; danach werden Ihre Funktionen
  aufgerufen bzw. Ihre Antworten gelesen. Eine Lösungszelle darf deshalb Funktionen aus anderen
  Lösungszellen verwenden.
- **Alle anderen Zellen werden nicht ausgeführt** – auch keine Zelle, die Sie selbst einfügen. Was nur
  dort steht, fehlt bei der Bewertung (`NameError`, keine Punkte für die Aufgabe). Schreiben Sie
  Hilfsfunktionen deshalb in eine Lösungszelle, am besten in die der Aufgabe, die sie benutzt.
- Die **Prüfzelle** unter jeder Aufgabe (erste Zeile `%%pruefung …`) rechnet sichtbare Beispiele nach
  und läuft dabei genauso: nur mit den Einrichtungs- und Lösungszellen. Was bei der Bewertung fehlen
  würde, fehlt also auch dort. `pruefe_aufgabe("…")` prüft eine Aufgabe, `pruefe_alle()` (am Ende
  des Notebooks) zeigt eine Tabelle aller sichtbaren Prüfungen.
- Die **Punkte** vergeben verdeckte Tests mit anderen Eingaben (bei Quizfragen der Lösungsschlüssel);
  die sichtbaren Prüfungen zeigen nur, ob die Beispiele bzw. die Form der Antwort stimmen.
  Freitextantworten bewerten die Lehrenden.
- Führen Sie zuerst die eingeklappte Code-Zelle **Prüfwerkzeug** direkt unter diesem Text aus (bitte
  nicht verändern), dann die Einrichtungszellen."""

SUMMARY_TEXT = """## Vor der Abgabe: alle sichtbaren Prüfungen

Die nächste Zelle führt die sichtbaren Prüfungen aller Aufgaben noch einmal aus – nur mit den
Einrichtungs- und Lösungszellen, wie bei der Bewertung – und zeigt eine Tabelle. Sie zeigt nur die
sichtbaren Beispiele; die Punkte vergeben verdeckte Tests mit anderen Eingaben."""


@dataclass(frozen=True)
class KitData:
    """What the kit needs to know about one notebook."""

    tasks: list[tuple[str, str, float, str]]  # (name, "funktion" | "antwort", points, cell id)
    cells: list[tuple[str, str]]  # notebook order: ("setup", its code) | ("task", name)
    checks: dict[str, str]  # task → its visible checks (the test cell without the magic line)


def check_body(source: str) -> str:
    """A test cell's visible checks without its ``%%pruefung`` line."""
    first, _, rest = source.partition("\n")
    return rest if first.startswith(MAGIC) else source


def kit_data(notebook: nbformat.NotebookNode, path: Path) -> KitData:
    spec = read_spec(path)
    by_id = {nbgrader_meta(c).get("grade_id"): c for c in notebook.cells}
    tasks = []
    for task in spec.tasks:
        cell = by_id[task.task_id]
        kind = "funktion" if f"def {task.task_id}(" in cell.source else "antwort"
        tasks.append((task.task_id, kind, task.points, cell.get("id", "")))
    cells = [
        ("setup", slot.setup_source) if slot.setup_source is not None else ("task", slot.grade_id)
        for slot in spec.slots
    ]
    checks = {t.task_id: check_body(by_id[TEST_PREFIX + t.task_id].source) for t in spec.tasks}
    return KitData(tasks, cells, checks)


def _source_literal(text: str) -> list[str]:
    """``text`` as a parenthesized concatenation of one string literal per line."""
    return ["("] + [f"    {line!r}" for line in text.splitlines(keepends=True) or [""]] + [")"]


def _indented(lines: list[str], depth: int) -> str:
    return "".join("    " * depth + line + "\n" for line in lines)


def render_kit(data: KitData) -> str:
    """The kit cell: the shared code, then this notebook's data."""
    cells: list[str] = []
    for kind, value in data.cells:
        if kind == "setup":
            literal = _source_literal(value)
            cells += [f"({kind!r}, {literal[0]}", *literal[1:-1], literal[-1] + "),"]
        else:
            cells.append(f"({kind!r}, {value!r}),")
    checks: list[str] = []
    for name, body in data.checks.items():
        literal = _source_literal(body)
        checks += [f"{name!r}: {literal[0]}", *literal[1:-1], literal[-1] + ","]
    return (
        KIT_CODE.read_text()
        + "\n\n_install(\n    _CheckKit(\n        tasks=[\n"
        + _indented([f"{task!r}," for task in data.tasks], 3)
        + "        ],\n        cells=[\n"
        + _indented(cells, 3)
        + "        ],\n        checks={\n"
        + _indented(checks, 3)
        + "        },\n    )\n)\n"
    )


def _cell(cells: list[nbformat.NotebookNode], cell_id: str) -> nbformat.NotebookNode | None:
    return next((c for c in cells if c.get("id") == cell_id), None)


def _ensure_cell(
    notebook: nbformat.NotebookNode, cell_id: str, kind: str, source: str, index: int
) -> None:
    cell = _cell(notebook.cells, cell_id)
    if cell is None:
        import nbformat.v4

        make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        cell = make(source, id=cell_id)
        notebook.cells.insert(index if index >= 0 else len(notebook.cells), cell)
    cell.source = source


def expected_notebook(path: Path) -> nbformat.NotebookNode:
    """The source notebook at ``path`` with a current kit cell and a closing ``pruefe_alle()``."""
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        grade_id = nbgrader_meta(cell).get("grade_id", "")
        if grade_id.startswith(TEST_PREFIX) and not cell.source.startswith(MAGIC):
            cell.source = f"{MAGIC} {grade_id[len(TEST_PREFIX) :]}\n{cell.source}"
    first_code = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code")
    _ensure_cell(notebook, RULES_CELL_ID, "markdown", RULES, first_code)
    _ensure_cell(notebook, KIT_CELL_ID, "code", "", first_code + 1)
    _ensure_cell(notebook, SUMMARY_TEXT_ID, "markdown", SUMMARY_TEXT, -1)
    _ensure_cell(notebook, SUMMARY_CELL_ID, "code", "pruefe_alle()", -1)
    kit = _cell(notebook.cells, KIT_CELL_ID)
    assert kit is not None
    kit.metadata["jupyter"] = {"source_hidden": True}
    kit.metadata["editable"] = False
    kit.metadata["deletable"] = False
    kit.source = render_kit(kit_data(notebook, path))
    return notebook


def kit_is_current(path: Path) -> bool:
    """Does the source notebook ``path`` hold the kit cells ``sync_kit`` would write?"""
    import nbformat

    return bool(expected_notebook(path) == nbformat.read(path, as_version=4))


def sync_kit(path: Path) -> bool:
    """Bring the kit of the source notebook ``path`` up to date; True if it changed."""
    if kit_is_current(path):
        return False
    import nbformat

    nbformat.write(expected_notebook(path), path)
    return True
