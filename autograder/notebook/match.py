"""Find each task's cell in a student's notebook, as students really hand notebooks in.

A task's cell is the code cell with its nbgrader ``grade_id``. When there is none, the code
cell that defines the task's function (``def neuron(``) or assigns its answer variable
(``antwort_1 = …``) is taken: cells pasted into a fresh notebook, a Colab or VS Code round trip
or an edited ``grade_id`` lose the metadata, not the code. Several copies of a cell (JupyterLab
keeps the metadata on copy and paste) count once if identical; otherwise the last one counts,
as running the notebook from top to bottom would define the function. Every such repair
leaves a note for the student; nothing here ever raises.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from autograder.i18n import Text
from autograder.notebook.spec import TEST_PREFIX, NotebookSpec, nbgrader_meta

_CELL_KINDS = {"markdown": "Markdown", "raw": "Raw"}


@dataclass(frozen=True)
class Cell:
    number: int  # position in the notebook, 1-based, counted from the top
    cell_type: str
    grade_id: str | None
    source: str | None  # None: not text (a damaged cell)


@dataclass
class Matched:
    """What was found for each task, and what a student should know about how."""

    solutions: dict[str, str] = field(default_factory=dict)
    problems: dict[str, Text] = field(default_factory=dict)  # task id → why it has no code
    manual_answers: dict[str, str] = field(default_factory=dict)
    notes: list[Text] = field(default_factory=list)  # repairs, for the feedback page
    review: set[str] = field(default_factory=set)  # manual tasks whose cell could not be told
    found_any: bool = False  # some task's cell was found, usable or not


def _source(cell: dict[str, Any]) -> str | None:
    source = cell.get("source")
    if isinstance(source, list):
        try:
            return "".join(source)
        except TypeError:  # a line that is not a string: no usable source
            return None
    return source if isinstance(source, str) else None


def read_cells(raw_cells: list[Any]) -> list[Cell]:
    cells = []
    for number, cell in enumerate(raw_cells, start=1):
        if isinstance(cell, dict):
            grade_id = nbgrader_meta(cell).get("grade_id")
            cells.append(
                Cell(
                    number,
                    str(cell.get("cell_type")),
                    grade_id if isinstance(grade_id, str) else None,
                    _source(cell),
                )
            )
    return cells


def definition(source: str, name: str) -> str | None:
    """How ``source`` defines ``name`` at top level (``def name(`` or ``name = …``), if at all.

    A pattern, not a parse: a cell with a syntax error or an IPython magic is still found (and
    its error then reported by the worker as for any other cell)."""
    n = re.escape(name)
    if re.search(rf"^(?:async[ \t]+)?def[ \t]+{n}[ \t]*\(", source, re.MULTILINE):
        return f"def {name}("
    if re.search(rf"^{n}[ \t]*(?::[^=\n]*)?=(?!=)", source, re.MULTILINE):
        return f"{name} = …"
    return None


def _listing(cells: list[Cell], conjunction: str) -> str:
    numbers = [str(c.number) for c in cells]
    return f"{', '.join(numbers[:-1])} {conjunction} {numbers[-1]}"


def _last_of(task_id: str, cells: list[Cell], matched: Matched) -> Cell:
    """The copy that counts: the last; a note when the copies differ."""
    last = cells[-1]
    if any(c.source != last.source for c in cells):
        matched.notes.append(
            Text(
                f"Die Zelle `{task_id}` kommt {len(cells)}-mal mit verschiedenem Inhalt vor "
                f"(Zellen {_listing(cells, 'und')}, von oben gezählt). Bewertet wurde die letzte "
                f"(Zelle {last.number}): Beim Ausführen von oben nach unten gilt sie. Bitte "
                "behalten Sie nur eine.",
                f"The cell `{task_id}` appears {len(cells)} times with different contents "
                f"(cells {_listing(cells, 'and')}, counted from the top). The last one (cell "
                f"{last.number}) was graded: running the notebook from top to bottom, it is the "
                "one that counts. Please keep only one.",
            )
        )
    return last


def _not_code(task_id: str, cell: Cell) -> Text:
    kind = _CELL_KINDS.get(cell.cell_type, cell.cell_type)
    return Text(
        f"Die Lösungszelle `{task_id}` ist keine Code-Zelle mehr, sondern eine {kind}-Zelle "
        f"(Zelle {cell.number}), und wird daher nicht ausgeführt. In JupyterLab macht die "
        "Taste Y (im Befehlsmodus) sie wieder zu einer Code-Zelle.",
        f"The solution cell `{task_id}` is no longer a code cell but a {kind} cell (cell "
        f"{cell.number}), so it is not run. In JupyterLab, the key Y (in command mode) makes it "
        "a code cell again.",
    )


def _found_by_definition(task_id: str, cell: Cell) -> Text:
    how = definition(cell.source or "", task_id)
    return Text(
        f"Die Lösungszelle `{task_id}` hatte ihre nbgrader-Kennung verloren (oder eine "
        f"geänderte); bewertet wurde Zelle {cell.number}, die `{how}` enthält.",
        f"The solution cell `{task_id}` had lost its nbgrader id (or had an edited one); "
        f"cell {cell.number}, which contains `{how}`, was graded.",
    )


STRUCTURE_LOST = Text(
    "Ihr Notebook hat seine nbgrader-Struktur verloren (die Zell-Metadaten fehlen, etwa nach "
    "dem Kopieren in ein neues Notebook oder über Colab/VS Code). Die Lösungen wurden an den "
    "Funktionen und Variablen erkannt, die sie definieren; Freitext-Antworten suchen die "
    "Lehrenden von Hand. Bitte bearbeiten Sie künftig das ausgeteilte Notebook.",
    "Your notebook has lost its nbgrader structure (the cell metadata is missing, e.g. after "
    "copying cells into a new notebook or a Colab/VS Code round trip). The solutions were "
    "found by the functions and variables they define; the instructors look for free-text "
    "answers by hand. Please work in the handed-out notebook in future.",
)


def _known_ids(spec: NotebookSpec) -> set[str]:
    ids = {s.grade_id for s in spec.slots} | {m.task_id for m in spec.manual_tasks}
    return ids | {*spec.task_ids} | {TEST_PREFIX + t for t in spec.task_ids}


def _candidates(task_id: str, cells: list[Cell], strays: list[Cell]) -> tuple[list[Cell], bool]:
    """The code cells tagged ``task_id``; else the stray ones defining it (then True)."""
    tagged = [c for c in cells if c.grade_id == task_id and c.cell_type == "code"]
    if tagged:
        return tagged, False
    return [c for c in strays if definition(c.source or "", task_id)], True


def _unusable(task_id: str, cells: list[Cell]) -> Text:
    tagged = [c for c in cells if c.grade_id == task_id]
    if tagged:
        return _not_code(task_id, tagged[-1])
    return Text(
        f"Die Lösungszelle `{task_id}` fehlt im Notebook (gelöscht?).",
        f"The solution cell `{task_id}` is missing from the notebook (deleted?).",
    )


def _take(task_id: str, cell: Cell, matched: Matched) -> None:
    if cell.source is None:
        matched.problems[task_id] = Text(
            f"Die Lösungszelle `{task_id}` ist beschädigt.",
            f"The solution cell `{task_id}` is damaged.",
        )
    else:
        matched.solutions[task_id] = cell.source


def match_cells(raw_cells: list[Any], spec: NotebookSpec) -> Matched:
    """Each task's code and each manual task's answer from a notebook's ``cells``."""
    cells = read_cells(raw_cells)
    known = _known_ids(spec)
    lost = not any(c.grade_id in known for c in cells)
    strays = [c for c in cells if c.cell_type == "code" and c.grade_id not in known]
    matched = Matched(found_any=any(c.grade_id in spec.task_ids for c in cells))
    for task_id in spec.task_ids:
        candidates, by_definition = _candidates(task_id, cells, strays)
        if not candidates:
            matched.problems[task_id] = _unusable(task_id, cells)
            continue
        chosen = _last_of(task_id, candidates, matched)
        _take(task_id, chosen, matched)
        matched.found_any = True
        if by_definition and not lost:
            matched.notes.append(_found_by_definition(task_id, chosen))
    for manual in spec.manual_tasks:
        answers = [c for c in cells if c.grade_id == manual.task_id]
        if answers:
            chosen = _last_of(manual.task_id, answers, matched)
            matched.manual_answers[manual.task_id] = chosen.source or ""
        elif lost:
            matched.review.add(manual.task_id)
    if lost and matched.solutions:
        matched.notes.insert(0, STRUCTURE_LOST)
    return matched
