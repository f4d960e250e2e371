"""The variant table students' notebooks read: ``varianten.json`` beside the released notebook.

It maps every student id of the roster to the texts of their variants (their numbers, their
order of options) and nothing else: it is built from ``Variant.text`` only, never from a key,
and checked before it is written (no secret, no key of a computed question in its own text).
``autograder exam variants <aid> --students roster.txt`` writes it into the course's release
folder, from where ``nbgrader release_assignment`` hands it out with the notebook.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from autograder.authoring.exam import Exam, Variant
from autograder.authoring.questions import Numeric
from autograder.exam.settings import ExamError
from autograder.results.atomic import write_text

TABLE_NAME = "varianten.json"


def read_roster(path: Path) -> list[str]:
    """Student ids: one per line, or a CSV whose header has a ``student_id`` (or ``id``) column;
    blank lines and ``#`` comments are skipped."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ExamError(f"cannot read the roster {path}: {exc}") from None
    lines = [ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if lines and "," in lines[0]:
        rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
        column = next((c for c in ("student_id", "id") if rows and c in rows[0]), None)
        if column is None:
            raise ExamError(f"{path}: a CSV roster needs a student_id column")
        ids = [row[column].strip() for row in rows if row[column].strip()]
    else:
        ids = [ln.strip() for ln in lines]
    if not ids:
        raise ExamError(f"{path}: no student ids")
    if len(set(ids)) != len(ids):
        raise ExamError(f"{path}: a student id appears twice")
    return ids


def variants_table(exam: Exam, student_ids: list[str], secret: str) -> dict[str, Any]:
    texts = {
        sid: {qid: v.text for qid, v in exam.variants(sid, secret).items()} for sid in student_ids
    }
    return {"klausur": exam.aid, "varianten": texts}


def _digits(shown: str) -> int:
    """Significant digits of a printed number ("-0.1000" → 1, "0.2746" → 4)."""
    mantissa = shown.lstrip("-").split("e")[0].replace(".", "")
    return len(mantissa.lstrip("0").rstrip("0"))


def computed_key(variant: Variant) -> float | None:
    """The key of a computed question: a number with at least 3 significant digits that is no
    integer (a round 0.5 or a count may well appear among the givens by coincidence)."""
    question = variant.question
    if not isinstance(question, Numeric) or float(question.value).is_integer():
        return None
    return question.value if _digits(f"{question.value:.6g}") >= 3 else None


def key_in_text(variant: Variant, text: str) -> bool:
    """A computed key printed in ``text`` to 4, 5 or 6 significant digits (where that still
    shows at least 3 of them: -0.1000372 to 4 digits is "-0.1", no sign of a leak)."""
    key = computed_key(variant)
    shown = [f"{key:.{d}g}" for d in (4, 5, 6)] if key is not None else []
    return any(_digits(s) >= 3 and s in text for s in shown)


def table_leaks(exam: Exam, table: dict[str, Any], secret: str) -> list[str]:
    """What the table would give away (empty: nothing)."""
    leaks = []
    if secret in json.dumps(table, ensure_ascii=False):
        leaks.append("the secret seed")
    for sid in table["varianten"]:
        for qid, variant in exam.variants(sid, secret).items():
            if key_in_text(variant, variant.text):
                leaks.append(f"{sid}/{qid}: the key in the question's text")
    return leaks


def write_variants(exam: Exam, student_ids: list[str], secret: str, path: Path) -> Path:
    table = variants_table(exam, student_ids, secret)
    leaks = table_leaks(exam, table, secret)
    if leaks:
        raise ExamError("the variant table would leak: " + "; ".join(leaks[:5]))
    write_text(path, json.dumps(table, ensure_ascii=False, indent=1) + "\n")
    return path
