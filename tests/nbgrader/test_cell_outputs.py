"""Our results inside an nbgrader notebook, also when its grade cells are gone."""

import nbformat

from autograder.nbgrader.cell_outputs import apply_result
from autograder.results.model import SubmissionResult, TaskResult


def _result() -> SubmissionResult:
    tasks = [
        TaskResult("neuron", "auto", 2.0, 2.0, "passed", "Alle Prüfungen bestanden."),
        TaskResult("bce_sgd_step", "auto", 0.5, 2.0, "partial", "Falsch."),
        TaskResult("vorabfrage_xor", "manual", 0.0, 2.0, "manual", "Bitte suchen.", None, [], True),
    ]
    return SubmissionResult("s", "s.ipynb", "graded", 2.5, 4.0, tasks)


def _ids(notebook) -> list[str]:
    return [c.metadata.get("nbgrader", {}).get("grade_id") for c in notebook.cells]


def test_present_test_cells_get_the_result_and_missing_grade_cells_are_restored():
    present = nbformat.v4.new_code_cell(
        "pruefe(...)", metadata={"nbgrader": {"grade": True, "grade_id": "test_neuron"}}
    )
    stray = nbformat.v4.new_code_cell("def bce_sgd_step(w, x, y, eta): ...")  # metadata lost
    notebook = nbformat.v4.new_notebook(cells=[present, stray])
    apply_result(notebook, _result())
    assert _ids(notebook) == ["test_neuron", None, "test_bce_sgd_step", "vorabfrage_xor"]
    assert "2/2 Punkte" in notebook.cells[0].outputs[0].text
    restored = notebook.cells[2]
    assert restored.metadata.nbgrader["points"] == 2.0 and restored.metadata.nbgrader["locked"]
    assert restored.outputs[-1].data["text/plain"] == "0.5"  # nbgrader's partial credit
    manual = notebook.cells[3]
    assert manual.cell_type == "markdown" and manual.metadata.nbgrader["solution"]
    nbformat.validate(notebook)
