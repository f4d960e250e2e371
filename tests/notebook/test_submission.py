"""Malformed notebooks get a clear error result, never a crash, and never stop a batch."""

import json

import nbformat
import pytest

from autograder.notebook.compose import fill_solutions, write_notebook
from autograder.notebook.discover import discover
from autograder.notebook.submission import NotebookError, load_submission

A01 = "a01_perceptron_xor"


@pytest.fixture
def spec(a01):
    return a01.spec()


@pytest.mark.parametrize(
    "content, phrase",
    [
        (b"", "leer"),
        (b"{not json", "JSON-Fehler"),
        (b'{"nbformat": 4, "cells": [{"outputs": }]}', "JSON-Fehler"),  # outputs without a value
        (b"[" * 100_000, "zu tief verschachtelt"),
        (b"\x80\x81garbage", "UTF-8"),
        (b"\xff\xfe\x00garbag", "UTF-16"),  # a UTF-16 BOM, then an odd number of bytes
        (b"# %%\ndef neuron(w, X):\n    pass\n", "Python-Skript"),  # a .py export
        (json.dumps({"nbformat": 3, "worksheets": []}).encode(), "Notebook-Format 3"),
        (json.dumps([1, 2, 3]).encode(), "kein Jupyter-Notebook"),
        (
            json.dumps(
                {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": "oops"}
            ).encode(),
            "Zellen",
        ),
    ],
)
def test_unreadable_notebooks_raise_clear_errors(tmp_path, spec, content, phrase):
    path = tmp_path / "bad.ipynb"
    path.write_bytes(content)
    with pytest.raises(NotebookError) as info:
        load_submission(path, spec, "s")
    assert phrase in info.value.text.de


def test_huge_and_binary_files(tmp_path, spec):
    huge = tmp_path / "huge.ipynb"
    huge.write_bytes(b'{"cells": [], "x": "' + b"a" * (50 << 20) + b'"}')
    with pytest.raises(NotebookError) as info:
        load_submission(huge, spec, "s")
    assert "zu groß" in info.value.text.de
    garbage = tmp_path / "garbage.ipynb"
    garbage.write_bytes(bytes(range(256)) * 100)
    with pytest.raises(NotebookError):
        load_submission(garbage, spec, "s")


def test_missing_metadata_and_duplicate_cell_ids(tmp_path, spec, release_notebook, model_sources):
    notebook = fill_solutions(release_notebook, model_sources)
    data = json.loads(nbformat.writes(notebook))
    del data["metadata"]
    for cell in data["cells"]:
        cell["id"] = "same-id"  # duplicate cell ids (nbformat 4.5 wants them unique)
    path = tmp_path / "odd.ipynb"
    path.write_text(json.dumps(data))
    submission = load_submission(path, spec, "s")
    assert set(submission.solutions) == set(spec.task_ids) and not submission.problems


def test_notebook_of_another_assignment(tmp_path, spec):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("x = 1")])
    path = write_notebook(notebook, tmp_path / "other.ipynb")
    with pytest.raises(NotebookError) as info:
        load_submission(path, spec, "s")
    assert "keine Lösungszelle" in info.value.text.de


def test_deleted_and_converted_cells_cost_their_task_only(tmp_path, spec, release_notebook):
    notebook = fill_solutions(release_notebook, {})
    cells = notebook.cells
    by_id = {c.metadata.get("nbgrader", {}).get("grade_id"): i for i, c in enumerate(cells)}
    cells[by_id["bce_sgd_step"]].cell_type = "markdown"
    cells.append(cells[by_id["perceptron_train"]])
    del cells[by_id["neuron"]]
    path = tmp_path / "broken.ipynb"
    path.write_text(json.dumps(notebook))
    submission = load_submission(path, spec, "s")
    assert "fehlt" in submission.problems["neuron"].de
    assert "keine Code-Zelle" in submission.problems["bce_sgd_step"].de
    assert "perceptron_train" in submission.solutions  # an identical copy counts once
    assert "perceptron_train" not in submission.problems and not submission.notes
    assert "mlp_xor_train" in submission.solutions


def test_edited_test_cells_are_ignored(tmp_path, spec, release_notebook):
    notebook = fill_solutions(release_notebook, {"test_neuron": "raise SystemExit"})
    for cell in notebook.cells:
        if cell.metadata.get("nbgrader", {}).get("grade_id") == "setup":
            cell.source = "import os; os._exit(1)"
    path = write_notebook(notebook, tmp_path / "edited.ipynb")
    cells = load_submission(path, spec, "s").code_cells(spec)
    sources = "\n".join(c.source for c in cells)
    assert "os._exit" not in sources and "SystemExit" not in sources


def test_student_ids_from_nbgrader_layout_and_file_names(tmp_path):
    (tmp_path / "alice" / A01).mkdir(parents=True)
    (tmp_path / "alice" / A01 / f"{A01}.ipynb").write_text("{}")
    (tmp_path / "bob.ipynb").write_text("{}")
    (tmp_path / ".ipynb_checkpoints").mkdir()
    (tmp_path / ".ipynb_checkpoints" / "bob-checkpoint.ipynb").write_text("{}")
    ids = sorted(f.student_id for f in discover([tmp_path], A01))
    assert ids == ["alice", "bob"]
