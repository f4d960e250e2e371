"""Correct alternative implementations as plain solution-cell snippets.

``autograder/graders/<aid>/variants/<task>/<key>.py`` holds exactly what a student might write
in the task's solution cell. Its first two lines name it::

    # de: Softmax über torch.softmax
    # en: softmax via torch.softmax
    def softmax(z):
        ...

The tests put each snippet into a notebook and require full marks; grading never runs them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from autograder.authoring.catalogue import Entry
from autograder.i18n import Text

VARIANTS_DIR = "variants"


class VariantError(ValueError):
    """A variant file is malformed (the message names the file and what is missing)."""


def read_variant(path: Path, task_id: str) -> Entry:
    """The variant in ``path`` as a catalogue entry of kind ``variant``."""
    source = path.read_text(encoding="utf-8")
    name = _name(source, path)
    scope: dict[str, Any] = {"np": np}
    exec(compile(source, str(path), "exec"), scope)
    if not callable(scope.get(task_id)):
        raise VariantError(f"{path}: defines no function {task_id!r}")
    return Entry(task_id, path.stem, name, scope[task_id], "variant", source_text=source)


def _name(source: str, path: Path) -> Text:
    lines = source.splitlines()[:2]
    names = {line[2:4]: line[5:].strip() for line in lines if line[:2] == "# " and line[4:5] == ":"}
    if not names.get("de") or not names.get("en"):
        raise VariantError(f"{path}: the first two lines must be '# de: …' and '# en: …'")
    return Text(names["de"], names["en"])


def variants_of(graders_dir: Path, task_id: str) -> list[Entry]:
    """Every variant of ``task_id``, in file-name order."""
    folder = graders_dir / VARIANTS_DIR / task_id
    return [read_variant(p, task_id) for p in sorted(folder.glob("*.py"))]
