"""What students read: one name per deck, German docstrings, no grader internals, no question
asked twice, a demo that works with a correct implementation, a momentum task that says which
form is graded."""

from __future__ import annotations

import ast
import re

import matplotlib
import nbformat
import numpy as np
import pytest

from autograder.course import find_course
from autograder.notebook.spec import nbgrader_meta
from autograder.release.kitcell import MAGIC
from tests.conftest import REPO

COURSE = find_course(REPO)
AIDS = COURSE.assignment_ids()
ENGLISH = re.compile(r"\b(the|of|returns?|Returns|with|and|every|from|for)\b")


def _release(aid: str) -> nbformat.NotebookNode:
    return nbformat.read(COURSE.assignment(aid).release_dir / f"{aid}.ipynb", as_version=4)


def _source(aid: str) -> nbformat.NotebookNode:
    return nbformat.read(COURSE.assignment(aid).source_notebook, as_version=4)


def _cell(notebook: nbformat.NotebookNode, key: str) -> nbformat.NotebookNode:
    return next(
        c for c in notebook.cells if c.get("id") == key or nbgrader_meta(c).get("grade_id") == key
    )


def _docstrings(source: str) -> list[str]:
    if source.startswith(MAGIC):
        source = source.partition("\n")[2]
    tree = ast.parse(source)
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.ClassDef)]
    return [doc for n in nodes if (doc := ast.get_docstring(n))]


@pytest.mark.parametrize("aid", AIDS)
def test_docstrings_students_see_are_german(aid):
    for cell in _release(aid).cells:
        if cell.cell_type == "code":
            for doc in _docstrings(cell.source):
                assert not ENGLISH.search(doc), f"{aid}: {doc!r}"


@pytest.mark.parametrize("aid", AIDS)
def test_each_deck_has_one_name(aid):
    text = "\n".join(c.source for c in _source(aid).cells if c.cell_type == "markdown")
    assert not re.search(r"(?<!KNN-)(?<!Mathematik-)Foliensatz\b", text)
    assert not re.search(r"KNN Teil|Vorlesung, Gl\.|Mathe-Folien|Foliensatz 1", text)


def test_no_grader_helpers_in_any_release():
    for aid in AIDS:
        assert "_grader_" not in "\n".join(c.source for c in _release(aid).cells)


def test_a01_task_8_is_not_a_question_of_q01():
    task_8 = _cell(_source("a01_perceptron_xor"), "a9dac773").source
    quiz = "\n".join(c.source for c in _source("q01_fragen").cells)
    sentences = [s.strip(" *\n") for s in re.split(r"[.?!]", task_8) if len(s.strip()) > 30]
    assert sentences and not any(s in quiz for s in sentences)
    assert "XOR-Problem" not in task_8


def test_a01_demo_learns_xor_with_the_reference_and_explains_stalls(monkeypatch):
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from solutions.a01_perceptron_xor import mlp_xor_train

    monkeypatch.setattr(plt, "show", lambda: None)
    notebook = _source("a01_perceptron_xor")
    scope = {"np": np, "mlp_xor_train": mlp_xor_train}
    exec(compile(_cell(notebook, "8b6ac236").source, "<demo>", "exec"), scope)
    finals = {name: curve[-1] for name, curve in scope["kurven"].items()}
    assert len(finals) == 3 and all(j < 0.05 for j in finals.values()), finals
    text = _cell(notebook, "5bc7335b").source
    assert "Manche Startwerte bleiben hängen" in text and "seed = 0" in text
    plt.close("all")


def test_a03_momentum_task_names_the_graded_form_and_the_other_decks():
    text = _cell(_source("a03_optimizers"), "cell-6").source
    assert "KNN-Foliensatz (**bewertet**)" in text
    assert r"\mathbf{v} \leftarrow \beta\mathbf{v} + \eta\nabla J" in text  # the math deck's form
    assert r"\mathbf{m} = -\mathbf{v}" in text and "torch.optim.SGD" in text
