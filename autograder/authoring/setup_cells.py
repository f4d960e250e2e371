"""A locked setup cell of the source notebook, run in the trusted process.

Some tasks take functions (a gradient, a step function, a test function ``f``), which cannot
cross into the sandbox: the notebook defines them in a locked setup cell, the student's function
is reached through a helper there (``call(…).through(helper, …)``), and the reference and the
catalogued mistakes need the very same functions here. ``setup_cell(reference, grade_id)`` runs
that cell (instructor code from the source notebook, never the student's) and returns what it
defines, so the graders keep no second copy::

    TEST_FUNCTIONS = setup_cell(reference, "gradient_check_functions").TEST_FUNCTIONS

The source notebook is found next to the reference: ``<course>/solutions/<aid>.py`` →
``<course>/source/<aid>/<aid>.ipynb``. The cell runs with ``np`` defined, as in the notebook.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np


def setup_cell(reference: Any, grade_id: str) -> SimpleNamespace:
    """What the source notebook's cell ``grade_id`` defines (run once per notebook and cell)."""
    path = Path(reference.__file__).resolve()
    return cell_namespace(path.parents[1] / "source" / path.stem / f"{path.stem}.ipynb", grade_id)


@functools.cache
def cell_namespace(notebook: Path, grade_id: str) -> SimpleNamespace:
    """Run the cell ``grade_id`` of ``notebook`` in a fresh namespace (with ``np``)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    sources = [
        "".join(cell["source"])
        for cell in cells
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id
    ]
    if len(sources) != 1:
        raise LookupError(f"{notebook.name}: no single cell with grade_id {grade_id!r}")
    namespace: dict[str, Any] = {"np": np}
    exec(compile(sources[0], f"<{notebook.stem} {grade_id}>", "exec"), namespace)
    return SimpleNamespace(**namespace)
