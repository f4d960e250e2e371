"""Titles and task labels come from the source notebook, not from a table kept by hand."""

import nbformat
import pytest

from autograder.course import find_course
from autograder.notebook.spec import read_spec
from tests.conftest import REPO

COURSE = find_course(REPO)


def _labels(aid: str, lang: str = "de") -> dict[str, str]:
    spec = read_spec(COURSE.assignment(aid).source_notebook)
    return {t.task_id: t.label.get(lang) for t in (*spec.tasks, *spec.manual_tasks) if t.label}


@pytest.mark.parametrize(
    ("aid", "title"),
    [
        ("a01_perceptron_xor", "Übung 1: Das Perzeptron und das XOR-Problem"),
        ("q01_fragen", "Quiz 1: Fragen zur Vorlesung „Künstliche Neuronale Netze“"),
    ],
)
def test_the_title_is_the_notebooks_first_heading(aid, title):
    assert read_spec(COURSE.assignment(aid).source_notebook).title == title


def test_every_task_of_every_assignment_has_a_numbered_label():
    for aid in COURSE.assignment_ids():
        spec = read_spec(COURSE.assignment(aid).source_notebook)
        for task in (*spec.tasks, *spec.manual_tasks):
            assert task.label is not None and task.label.de.split()[0] in (
                "Aufgabe",
                "Frage",
                "Vorabfrage",
            ), (aid, task.task_id, task.label)


def test_functions_are_named_questions_and_free_text_are_not():
    a01 = _labels("a01_perceptron_xor")
    assert a01["perceptron_train"] == "Aufgabe 3 – `perceptron_train`"
    assert a01["vorabfrage_xor"] == "Aufgabe 8"
    q01 = _labels("q01_fragen")
    assert q01["antwort_1"] == "Frage 1" and q01["vorabfrage_2"] == "Vorabfrage 2"
    assert _labels("q01_fragen", "en")["antwort_1"] == "Question 1"
    spec = read_spec(COURSE.assignment("q01_fragen").source_notebook)
    assert all(task.question for task in spec.tasks)


def test_a_heading_over_several_tasks_numbers_them_in_order():
    a02 = _labels("a02_mlp_backprop")  # "Aufgabe 4 und 5", "Aufgabe 11–14"
    assert a02["relu"].startswith("Aufgabe 4 ") and a02["relu_prime"].startswith("Aufgabe 5 ")
    assert [a02[t].split(" –")[0] for t in ("mse", "sparse_categorical_cross_entropy")] == [
        "Aufgabe 11",
        "Aufgabe 14",
    ]
    assert a02["sparse_vs_categorical"] == "Aufgabe 16"


def test_a_cell_that_numbers_itself_wins_over_the_heading_above():
    assert _labels("a03_optimizers")["frage_rennen"] == "Frage 9"  # "**Frage 9 (2 Punkte …).**"


def test_renaming_a_heading_renames_the_row(tmp_path):
    source = COURSE.assignment("a01_perceptron_xor").source_notebook
    notebook = nbformat.read(source, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown" and "## Aufgabe 3:" in cell.source:
            cell.source = cell.source.replace("## Aufgabe 3:", "## Aufgabe 7:")
        if cell.cell_type == "markdown" and cell.source.startswith("# Übung 1"):
            cell.source = cell.source.replace("# Übung 1: Das Perzeptron", "# Blatt 1: Perzeptron")
    path = tmp_path / source.name
    nbformat.write(notebook, path)
    spec = read_spec(path)
    assert spec.title.startswith("Blatt 1: Perzeptron")
    assert spec.task("perceptron_train").label.de == "Aufgabe 7 – `perceptron_train`"
