"""The LMS-friendly export: its columns, missing students and consistent rounding."""

import csv
import io

from autograder.nbgrader.export import FinalRow, column_name, export_csv_text


def row(student_id: str, status: str, cells: dict, penalty: float = 0.0) -> FinalRow:
    total = max(0.0, sum(v for v in cells.values() if v is not None) - penalty)
    return FinalRow(student_id, "Nach", "Vor", "", status, cells, penalty, total, 4.0)


def test_columns_missing_students_and_rounding():
    thirds = {"neuron": 1 / 3, "step": 1 / 3, "essay": 1 / 3, "quiz": None}
    rows = [
        row("zoe", "submitted", thirds),
        row("amy", "missing", dict.fromkeys(thirds)),
        row("late", "submitted", {"neuron": 2.0, "step": 1.0, "essay": 1.0, "quiz": None}, 5.0),
    ]
    text = export_csv_text(rows)
    table = list(csv.DictReader(io.StringIO(text)))
    assert list(table[0]) == [
        "student_id",
        "last_name",
        "first_name",
        "email",
        "status",
        "neuron",
        "step",
        "essay",
        "quiz",
        "late_penalty",
        "total",
        "max_total",
    ]
    assert [r["student_id"] for r in table] == ["amy", "late", "zoe"]  # sorted by id
    amy, late, zoe = table
    assert amy["status"] == "missing" and amy["neuron"] == "" and amy["total"] == "0.00"
    # every cell shows two decimals; the total is the sum of the unrounded cells, rounded once
    assert (zoe["neuron"], zoe["step"], zoe["essay"], zoe["total"]) == (
        "0.33",
        "0.33",
        "0.33",
        "1.00",
    )
    assert zoe["quiz"] == ""  # an ungraded manual cell stays empty, not 0
    assert late["late_penalty"] == "5.00" and late["total"] == "0.00"  # never below 0
    assert zoe["max_total"] == "4.00"


def test_grade_cells_are_named_after_their_tasks():
    assert column_name("test_neuron") == "neuron"
    assert column_name("vorabfrage_xor") == "vorabfrage_xor"
