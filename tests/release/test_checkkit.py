"""The check kit in every notebook: one code, current in every source, true to grading.

The kit runs visible checks with the setup and solution cells only, as the grader does, so a
helper in an inserted cell fails the check cell (it would get 0 when graded), a helper in another
solution cell passes (it gets full marks), and an untouched task says in German what is missing.
"""

from __future__ import annotations

import copy

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.course import find_course
from autograder.notebook.spec import nbgrader_meta
from autograder.release.kitcell import (
    KIT_CELL_ID,
    RULES,
    RULES_CELL_ID,
    SUMMARY_CELL_ID,
    kit_is_current,
)
from tests.conftest import REPO

COURSE = find_course(REPO)
AIDS = COURSE.assignment_ids()


def _cell(notebook: nbformat.NotebookNode, key: str) -> nbformat.NotebookNode:
    return next(
        c for c in notebook.cells if c.get("id") == key or nbgrader_meta(c).get("grade_id") == key
    )


def _notebooks(kind: str) -> list[nbformat.NotebookNode]:
    paths = [
        COURSE.assignment(aid).source_notebook
        if kind == "source"
        else COURSE.assignment(aid).release_dir / f"{aid}.ipynb"
        for aid in AIDS
    ]
    return [nbformat.read(path, as_version=4) for path in paths]


@pytest.mark.parametrize("aid", AIDS)
def test_source_kit_cells_are_current(aid):
    assert kit_is_current(COURSE.assignment(aid).source_notebook), f"run `autograder release {aid}`"


@pytest.mark.parametrize("kind", ["source", "release"])
def test_grading_rules_and_kit_code_are_identical_in_every_notebook(kind):
    notebooks = _notebooks(kind)
    assert len(notebooks) == len(AIDS) >= 4
    kit_code = {_cell(nb, KIT_CELL_ID).source.split("\n\n_install(")[0] for nb in notebooks}
    assert len(kit_code) == 1
    for notebook in notebooks:
        assert _cell(notebook, RULES_CELL_ID).source == RULES
        texts = [c.source for c in notebook.cells if c.cell_type == "markdown"]
        assert sum("So wird bewertet" in t for t in texts) == 1  # no second, older block
        assert not any("für sich" in t or "zusätzliche Zellen" in t for t in texts)


def test_the_rules_state_what_the_engine_does():
    """Checked against the engine by the grading tests below and in tests/engine."""
    assert "alle Lösungszellen** in der\n  Reihenfolge des Notebooks" in RULES
    assert "Funktionen aus anderen\n  Lösungszellen verwenden" in RULES
    assert "Alle anderen Zellen werden nicht ausgeführt" in RULES


# ------------------------------------------------------------------ grading (the engine)


def _with_extra_cell(release, sources, extra: str, before: str):
    from autograder.notebook.compose import fill_solutions

    notebook = fill_solutions(release, sources)
    index = next(
        i for i, c in enumerate(notebook.cells) if nbgrader_meta(c).get("grade_id") == before
    )
    notebook.cells.insert(index, nbformat.v4.new_code_cell(extra))
    return notebook


HELPER = "def helfer(z):\n    return 1.0 / (1.0 + np.exp(-z))\n"


def _bce_with_helper(model_sources):
    return model_sources["bce_sgd_step"].replace(
        "1.0 / (1.0 + np.exp(-(w @ x_tilde)))", "helfer(w @ x_tilde)"
    )


def test_helper_in_another_solution_cell_gets_full_marks(grade_sources, model_sources):
    sources = {
        **model_sources,
        "neuron": model_sources["neuron"] + "\n\n" + HELPER,
        "bce_sgd_step": _bce_with_helper(model_sources),
    }
    task = grade_sources(sources, only={"bce_sgd_step"}).task("bce_sgd_step")
    assert task.score == task.max_score


def test_helper_in_an_inserted_cell_gets_zero_and_says_where_helpers_belong(
    grader, release_notebook, model_sources, tmp_path
):
    sources = {**model_sources, "bce_sgd_step": _bce_with_helper(model_sources)}
    notebook = _with_extra_cell(
        release_notebook, sources, "import numpy as np\n" + HELPER, "bce_sgd_step"
    )
    path = tmp_path / "student.ipynb"
    nbformat.write(notebook, path)
    task = grader.grade_file(path, "student", frozenset({"bce_sgd_step"})).task("bce_sgd_step")
    assert task.score == 0
    assert "`helfer` ist bei der Bewertung nicht definiert" in task.feedback
    assert "nur die Lösungszellen" in task.feedback and "Hilfsfunktionen gehören" in task.feedback


# ------------------------------------------------------------------ the kit in a kernel


def _execute(notebook: nbformat.NotebookNode, tmp_path) -> nbformat.NotebookNode:
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        allow_errors=True,
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    return notebook


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        parts.append(out.get("text", ""))
        if out.get("output_type") == "error":
            parts.append(f"{out['ename']}: {out['evalue']}\n" + "\n".join(out["traceback"]))
    return "".join(parts)


@pytest.mark.slow
def test_inserted_helper_fails_the_check_cell_like_grading(
    release_notebook, model_sources, tmp_path
):
    sources = {**model_sources, "bce_sgd_step": _bce_with_helper(model_sources)}
    notebook = _with_extra_cell(release_notebook, sources, HELPER, "bce_sgd_step")
    notebook = _execute(notebook, tmp_path)
    failed = _text(_cell(notebook, "test_bce_sgd_step"))
    assert "`helfer` steht nicht in einer Lösungszelle" in failed and "✓" not in failed
    moved = {**sources, "neuron": model_sources["neuron"] + "\n\n" + HELPER}
    notebook = _execute(_with_extra_cell(release_notebook, moved, "", "bce_sgd_step"), tmp_path)
    assert "✗" not in _text(_cell(notebook, "test_bce_sgd_step"))


CELL_ID_SESSION = """
import json, sys
import nbformat
from IPython.core.interactiveshell import InteractiveShell

release = nbformat.read(sys.argv[1], as_version=4)
cells = {c.get("id"): c for c in release.cells}
by_grade_id = {c.metadata.get("nbgrader", {}).get("grade_id"): c for c in release.cells}
shell = InteractiveShell.instance()
shell.run_cell(cells["pruefwerkzeug"].source, cell_id="pruefwerkzeug")
shell.run_cell(by_grade_id["setup"].source, cell_id=by_grade_id["setup"].id)
stub = by_grade_id["neuron"]
shell.run_cell(stub.source, cell_id=stub.id)
solution = "def neuron(w, X, activation='step'):\\n    return np.ones(len(X))\\n"
shell.run_cell(solution, cell_id="eingefuegt")
before = shell.run_cell(by_grade_id["test_neuron"].source, cell_id="t").error_in_exec
shell.run_cell(solution, cell_id=stub.id)
after = shell.run_cell(by_grade_id["test_neuron"].source, cell_id="t").error_in_exec
print(json.dumps([str(before), str(after)]))
"""


def test_cell_ids_decide_which_cell_is_graded():
    """JupyterLab sends cell ids: a copy of a task in an inserted cell is not its solution cell.

    (In a subprocess: an IPython shell in the test process would change its hooks.)
    """
    import json
    import subprocess
    import sys

    release = COURSE.assignment("a01_perceptron_xor").release_dir / "a01_perceptron_xor.ipynb"
    process = subprocess.run(
        [sys.executable, "-c", CELL_ID_SESSION, str(release)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    before, after = json.loads(process.stdout.strip().splitlines()[-1])
    assert "`neuron` ist noch nicht implementiert" in before
    assert "noch nicht implementiert" not in after


@pytest.mark.slow
@pytest.mark.parametrize("aid", AIDS)
def test_untouched_release_says_in_german_what_is_missing(aid, tmp_path):
    release = nbformat.read(COURSE.assignment(aid).release_dir / f"{aid}.ipynb", as_version=4)
    notebook = _execute(copy.deepcopy(release), tmp_path)
    spec = COURSE.assignment(aid).spec()
    word = "beantwortet" if aid.startswith("q") else "implementiert"
    for task in spec.task_ids:  # the task itself, or one its checks call first (forward)
        text = _text(_cell(notebook, f"test_{task}"))
        named = [t for t in spec.task_ids if f"`{t}` ist noch nicht {word}" in text]
        assert named and spec.task_ids.index(named[0]) <= spec.task_ids.index(task), text
        assert "Traceback" not in text and "NotImplementedError:" not in text
    table = _text(_cell(notebook, SUMMARY_CELL_ID))
    assert "Sichtbare Prüfungen" in table and "verdeckte Tests" in table
    assert f"0 / {spec.max_score:g}" in table
    assert sum(f"\n{task} " in table for task in spec.task_ids) == len(spec.task_ids)


def test_a_stale_kit_is_found_and_synced(tmp_path):
    import shutil

    from autograder.release.kitcell import sync_kit

    source = COURSE.assignment("a01_perceptron_xor").source_notebook
    copy_path = tmp_path / source.name
    shutil.copy(source, copy_path)
    notebook = nbformat.read(copy_path, as_version=4)
    _cell(notebook, KIT_CELL_ID).source += "\n# von Hand geändert\n"
    _cell(notebook, "test_neuron").source += "\npruefe(True, 'neue Prüfung')\n"
    nbformat.write(notebook, copy_path)
    assert not kit_is_current(copy_path)
    assert sync_kit(copy_path) and kit_is_current(copy_path)
    kit = _cell(nbformat.read(copy_path, as_version=4), KIT_CELL_ID).source
    assert "neue Prüfung" in kit and "von Hand" not in kit
