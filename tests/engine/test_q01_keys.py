"""q01's keys: defensible from the decks, not printed by the code tasks, and a points table."""

from __future__ import annotations

import re

import nbformat

from autograder.authoring.questions import Numeric, grade
from autograder.course import find_course
from autograder.graders.q01_fragen.test_questions import QUESTIONS
from tests.conftest import REPO

COURSE = find_course(REPO)
BY_ID = {question.qid: question for question in QUESTIONS}
LINEAR_ACTIVATION, XOR_NEURON_LOSS = BY_ID["antwort_5"], BY_ID["antwort_6"]
SOFTMAX_PROBABILITY, PARAMETER_COUNT, VANISHING_FACTOR = (
    BY_ID["antwort_7"],
    BY_ID["antwort_8"],
    BY_ID["antwort_9"],
)


def _text(aid: str) -> str:
    notebook = nbformat.read(COURSE.assignment(aid).source_notebook, as_version=4)
    return "\n".join(cell.source for cell in notebook.cells)


def _spellings(value: float) -> set[str]:
    """How a printed check could show ``value``: rounded decimals, or a count with separators."""
    if value >= 1000:
        n = round(value)
        return {str(n), f"{n:,}", f"{n:,}".replace(",", " "), f"{n:_}"}
    return {f"{value:.{digits}f}" for digits in (2, 3, 4, 5, 6)}


def test_visible_checks_of_a01_and_a02_do_not_print_the_numeric_keys():
    printed = _text("a01_perceptron_xor") + _text("a02_mlp_backprop")
    for question in (XOR_NEURON_LOSS, SOFTMAX_PROBABILITY, PARAMETER_COUNT):
        assert isinstance(question, Numeric)
        shown = sorted(s for s in _spellings(question.value) if s in printed)
        assert not shown, f"{question.qid}: {shown} appears in a01/a02"


def test_keys_accept_what_the_decks_teach():
    # Fragen III: the deck's intended key c (reworded to the part that is true)
    assert LINEAR_ACTIVATION.key == frozenset({"c"})
    question_5 = _text("q01_fragen").split("## Frage 5")[1].split("## Frage 6")[0]
    assert "Gradientenabstieg ist nicht möglich" not in question_5
    # the deck's own 10⁻⁶ for ten sigmoid layers, and the exact bound 0.25¹⁰
    for answer, fraction in ((1e-6, 1), (0.25**10, 1), (0.25**9, 0), (0.0, 0)):
        assert grade(VANISHING_FACTOR, answer).fraction == fraction, answer
    assert grade(LINEAR_ACTIVATION, {"c"}).fraction == 1


def test_q01_header_has_the_points_table():
    header = _text("q01_fragen").split("```")[0].split("# Fragen I")[0]
    spec = COURSE.assignment("q01_fragen").spec()
    for number, task in enumerate(spec.tasks, start=1):
        row = re.search(rf"^\| {number} \|.*\| (\d+) \|$", header, re.MULTILINE)
        assert row is not None and float(row.group(1)) == task.points, task.task_id
    manual = sum(task.points for task in spec.manual_tasks)
    assert f"Insgesamt {spec.max_score + manual:g} Punkte" in header
