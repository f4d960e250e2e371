"""The kit's parts that a02 needed: comparisons with options, several calls per case, calls
through a notebook helper, cases made in a loop, ordinary tests marked for a task, and edited
reference functions that bring their helpers into the solution cell."""

from __future__ import annotations

import json
import types
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from autograder.authoring import (
    CheckFailure,
    Task,
    call,
    exact_int,
    layers,
    same,
    scalar,
)
from autograder.authoring.catalogue import within
from autograder.authoring.setup_cells import setup_cell
from autograder.authoring.source import with_helpers


def _message(compare: Any, actual: Any, expected: Any, what: str = "x") -> str:
    with pytest.raises(CheckFailure) as failure:
        compare(actual, expected, what)
    return failure.value.text.de


# ------------------------------------------------------------------ comparisons


def test_same_with_factor_names_a_forgotten_one_over_n() -> None:
    expected = np.arange(1.0, 7.0).reshape(3, 2)
    assert "1/N-fache" in _message(same(factor=True, batch_size=3), expected / 3, expected)
    assert "fache" not in _message(same(), expected / 3, expected)


def test_same_with_factor_walks_tuples() -> None:
    dW, db = np.ones((2, 3)), np.ones(2)
    same(factor=True)((dW, db), (dW, db), "(dW, db)")
    message = _message(same(factor=True, batch_size=4), (dW, 4 * db), (dW, db), "(dW, db)")
    assert "Element 2 von 2" in message and "N-fache" in message
    named = same(parts=("dW", "db"))
    assert _message(named, (dW, 4 * db), (dW, db), "(N = 4)").startswith("db (N = 4)")


def test_layers_names_the_first_wrong_layer_from_the_output() -> None:
    expected = [(np.ones((3, 2)), np.ones(3)), (np.ones((1, 3)), np.ones(1))]
    wrong = [(2 * np.ones((3, 2)), np.ones(3)), (np.ones((1, 3)), np.ones(1))]
    layers()(expected, expected, "backward")
    message = _message(layers(), wrong, expected, "backward")
    assert "verdeckten Schicht 1" in message and "2-fache" in message


def test_scalar_takes_any_single_number() -> None:
    scalar(np.array([[0.5]]), 0.5, "J")
    scalar(np.float32(0.5), 0.5, "J", np.dtype(np.float32))
    assert "einzelne Zahl" in _message(scalar, np.array([0.5, 0.5]), 0.5)
    assert "J" in _message(scalar, 0.6, 0.5, "J")


def test_exact_int_accepts_whole_numbers_only_when_equal() -> None:
    exact_int(785.0, 785, "count_params([784, 1])")
    assert "erwartet 785, erhalten 784" in _message(exact_int, 784, 785)
    assert "ganze Zahl" in _message(exact_int, 784.5, 785)


# ------------------------------------------------------------------ cases


class _Student:
    """Records what the generated test asked of the student's side."""

    def __init__(self, answer: Any) -> None:
        self.answer = answer
        self.calls: list[tuple[str, tuple[Any, ...]]] = []

    def f(self, *args: Any) -> Any:
        self.calls.append(("f", args))
        return self.answer(*args)

    def probe(
        self,
        task_id: str,
        helper: str,
        sent: tuple[Any, ...],
        replay: tuple[Any, ...],
        view: Any = None,
    ):
        self.calls.append((f"{task_id} via {helper}", sent))
        result = self.answer(*replay)
        return result if view is None else view(result, replay)


def _run(task: Task, name: str, student: _Student, reference: Any) -> None:
    rng = np.random.default_rng(0)
    task.generated_tests()[f"test_{name}"](student, reference, rng, "cpu")


def test_a_case_may_draw_several_calls_each_with_its_label() -> None:
    task = Task("f")

    @task.case()
    def two(rng):
        return [call(np.ones(2)).labelled("first"), call(np.ones(3)).labelled("second")]

    reference = types.SimpleNamespace(f=lambda x: 2 * x)
    student = _Student(lambda x: 2 * x if x.size == 2 else x)
    with pytest.raises(CheckFailure) as failure:
        _run(task, "two", student, reference)
    assert [len(args[0]) for _, args in student.calls] == [2, 3]
    assert failure.value.text.de.startswith("second")


def test_a_call_compared_by_its_own_comparison() -> None:
    task = Task("f")

    @task.case()
    def batch(rng):
        return call(np.ones(4)).compared_by(same(factor=True, batch_size=4))

    student = _Student(lambda x: 4 * x)
    with pytest.raises(CheckFailure, match="N times"):
        _run(task, "batch", student, types.SimpleNamespace(f=lambda x: x))


def test_a_call_through_a_notebook_helper_replays_trusted_arguments() -> None:
    task = Task("f")

    @task.case()
    def through(rng):
        return call(np.square, np.arange(3.0)).through("f_of", "square", np.arange(3.0))

    student = _Student(lambda g, x: g(x))
    _run(task, "through", student, types.SimpleNamespace(f=lambda g, x: g(x)))
    assert student.calls[0][0] == "f via f_of" and student.calls[0][1][0] == "square"


def test_a_view_shows_a_result_that_cannot_cross_the_same_way_on_both_sides() -> None:
    """A torch Module stays in the worker: its helper returns a view of it, and the reference's
    result is seen through the same view (here: a returned function's values at the arguments)."""
    task = Task("f")

    def view(result, args):
        return np.array([result(x) for x in args[0]])

    @task.case()
    def module(rng):
        return call(np.arange(3.0)).through("f_seen", np.arange(3.0), view=view)

    student = _Student(lambda xs: lambda x: 2 * x)
    _run(task, "module", student, types.SimpleNamespace(f=lambda xs: lambda x: 2 * x))
    assert student.calls[0][0] == "f via f_seen"
    wrong = _Student(lambda xs: lambda x: 3 * x)
    with pytest.raises(CheckFailure):
        _run(task, "module", wrong, types.SimpleNamespace(f=lambda xs: lambda x: 2 * x))


def test_cases_made_in_a_loop_keep_their_defaults_and_names() -> None:
    task = Task("f")
    for k in (2, 3):

        @task.case(name=f"times_{k}")
        def scaled(rng, k=k):
            return call(k * np.ones(2))

    assert sorted(task.generated_tests()) == ["test_times_2", "test_times_3"]
    student = _Student(lambda x: x)
    _run(task, "times_3", student, types.SimpleNamespace(f=lambda x: x))
    assert np.array_equal(student.calls[0][1][0], [3.0, 3.0])


def test_an_ordinary_test_is_marked_with_task_and_weight() -> None:
    task = Task("f")

    @task.test(weight=2)
    def test_property(student):
        pass

    marks = {m.name: m.args for m in test_property.pytestmark}
    assert marks == {"task": ("f",), "weight": (2,)}


# ------------------------------------------------------------------ edited references


REFERENCE = """
import itertools

import numpy as np

SCALE = 2.0


def _f64(x):
    return np.asarray(x, dtype=np.float64)


def other_task(x):
    return x


def pairs(sizes):
    return sum(a * b for a, b in itertools.pairwise(sizes))


def f(x):
    return SCALE * _f64(x) + other_task(x)
"""


@pytest.fixture
def reference(tmp_path) -> types.ModuleType:
    import importlib.util

    path = tmp_path / "ref_module.py"
    path.write_text(REFERENCE)
    spec = importlib.util.spec_from_file_location("ref_module", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_an_edited_reference_brings_its_helpers_but_not_the_tasks(reference) -> None:
    task = Task("f")
    task.mistake("half", "halb", "half", ("SCALE * ", "0.5 * SCALE * "))
    (entry,) = task.mistake_entries(reference, {"other_task"})
    assert "def _f64" in entry.source and "SCALE = 2.0" in entry.source
    assert "import numpy as np" in entry.source
    assert "def other_task" not in entry.source and "def pairs" not in entry.source
    notebook: dict[str, Any] = {"other_task": lambda x: 0.0}  # the student's own cell
    exec(entry.source, notebook)
    assert notebook["f"](3.0) == entry.function(3.0) - 3.0 == 3.0


def test_helpers_are_found_transitively_and_imports_kept(reference) -> None:
    source = "def g(sizes):\n    return pairs(sizes)\n"
    bundled = with_helpers(source, reference, set())
    assert bundled.index("import itertools") < bundled.index("def pairs") < bundled.index("def g")
    scope: dict[str, Any] = {}
    exec(bundled, scope)
    assert scope["g"]([2, 3, 4]) == 18


# ------------------------------------------------------------------ the leak check


def test_the_leak_check_reads_variant_snippets(tmp_path) -> None:
    """Correct variants are hidden like the graders: a release that shows one is refused."""
    import nbformat

    from autograder.course import find_course
    from autograder.release.leakcheck import find_leaks
    from tests.conftest import REPO

    assignment = find_course(REPO).assignment("a02_mlp_backprop")
    snippet = assignment.graders_dir / "variants" / "softmax" / "rows_loop.py"
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(snippet.read_text())])
    nbformat.write(notebook, tmp_path / "a02_mlp_backprop.ipynb")
    leaks = find_leaks(tmp_path, assignment)
    assert any("variants/softmax/rows_loop.py" in leak.reason for leak in leaks), leaks


def test_a_setup_cell_runs_once_from_the_notebook_next_to_the_reference(tmp_path: Path) -> None:
    (tmp_path / "solutions").mkdir()
    (tmp_path / "source" / "t09").mkdir(parents=True)
    reference = tmp_path / "solutions" / "t09.py"
    reference.write_text("")
    cell = {
        "cell_type": "code",
        "metadata": {"nbgrader": {"grade_id": "toys", "locked": True}},
        "source": ["SQUARE = lambda x: np.square(x)\n", "CALLS = []\n"],
    }
    notebook = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (tmp_path / "source" / "t09" / "t09.ipynb").write_text(json.dumps(notebook))
    module = SimpleNamespace(__file__=str(reference))
    toys = setup_cell(module, "toys")
    assert toys.SQUARE(3.0) == 9.0  # np is defined, as in the notebook
    assert setup_cell(module, "toys") is toys  # run once
    with pytest.raises(LookupError, match="no single cell with grade_id 'other'"):
        setup_cell(module, "other")


def test_within_edits_a_piece_of_the_reference_and_refuses_a_miss() -> None:
    assert within("w = w - eta * g", "w - eta", "w + eta") == ("w = w - eta * g", "w = w + eta * g")
    assert within("a - b - c", "-", "+")[1] == "a + b + c"  # every occurrence in the piece
    with pytest.raises(ValueError, match="does not occur"):
        within("w = w - eta * g", "w + eta", "w - eta")
