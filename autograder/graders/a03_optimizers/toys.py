"""The notebook's setup cell ``setup_toys``, loaded into the trusted process.

``minimize`` and ``nesterov_step`` take functions, which cannot cross into the sandbox: the
setup cell defines gradients and toy step functions (optimizers that are *not* tasks here);
``worker_helpers.py`` calls the student's functions with them in the sandbox. Diagnosis replays the catalogued mistakes on the very
same functions, executed here from the source notebook (instructor code, never the student's).
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

AID = "a03_optimizers"
SETUP_CELL = "setup_toys"
TOY_STEPS = ("adagrad_step", "decayed_sgd_step", "adadelta_step", "extragradient_step")


@functools.cache
def from_notebook(notebook: Path) -> SimpleNamespace:
    cells = json.loads(notebook.read_text())["cells"]
    source = next(
        "".join(cell["source"])
        for cell in cells
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == SETUP_CELL
    )
    namespace: dict[str, Any] = {}
    exec(compile(source, f"<{AID} {SETUP_CELL}>", "exec"), namespace)
    return SimpleNamespace(**namespace)


def load(reference: Any) -> SimpleNamespace:
    """The setup cell's definitions, found next to the reference (``<course>/solutions``)."""
    course = Path(reference.__file__).resolve().parents[1]
    return from_notebook(course / "source" / AID / f"{AID}.ipynb")
