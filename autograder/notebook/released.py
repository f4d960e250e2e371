"""What the students received: the released text of each manually graded cell.

nbgrader decides that a free-text answer was not given when the submitted cell's checksum equals
the released one's (``nbgrader.utils.determine_grade``): the cell then scores 0 and needs no
manual grade. The checksum covers the cell's source, so "unchanged" means: the submitted text
is exactly the released text (a stub, or a question with a stub in it).
"""

from __future__ import annotations

import json
from pathlib import Path

from autograder.notebook.spec import nbgrader_meta

TEXT_STUBS = ("IHRE ANTWORT HIER", "YOUR ANSWER HERE")  # ours and nbgrader's default


def released_texts(release_notebook: Path, grade_ids: tuple[str, ...]) -> dict[str, str]:
    """The released source of each of ``grade_ids`` (empty when there is no release)."""
    try:
        cells = json.loads(release_notebook.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError):
        return {}
    texts = {}
    for cell in cells:
        grade_id = nbgrader_meta(cell).get("grade_id")
        source = cell.get("source", "")
        if grade_id in grade_ids:
            texts[grade_id] = "".join(source) if isinstance(source, list) else str(source)
    return texts


def unchanged(answer: str | None, released: str | None) -> bool:
    """nbgrader's "no response": the cell is missing or its text is exactly the released one
    (without a release at hand: exactly a text stub)."""
    if answer is None:
        return True
    return answer == released if released is not None else answer in TEXT_STUBS
