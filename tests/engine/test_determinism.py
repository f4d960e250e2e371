"""Fair numerics: the same seed regrades identically; a new seed gives fresh hidden inputs."""

import hashlib

import numpy as np
import pytest

from autograder.config import GradingConfig
from autograder.engine.runner import AssignmentGrader, GradeOptions, load_catalogue
from autograder.engine.seeds import rng_for
from autograder.notebook.compose import fill_solutions, write_notebook


def _scores(result):
    return [(t.task_id, t.score, t.feedback) for t in result.tasks]


def test_same_seed_same_result(grader, release_notebook, model_sources, tmp_path):
    mistake = next(e for e in load_catalogue("a01_perceptron_xor").mistakes("perceptron_train"))
    path = write_notebook(
        fill_solutions(release_notebook, {**model_sources, mistake.task_id: mistake.source}),
        tmp_path / "s.ipynb",
    )
    first = grader.grade_file(path, "s")
    second = grader.grade_file(path, "s")
    assert _scores(first) == _scores(second)


def test_new_seed_gives_new_inputs_and_the_same_fair_result(
    a01, release_notebook, model_sources, tmp_path
):
    a = rng_for("term-1", "a01", "test_neuron.py::test_sigmoid").normal(size=5)
    b = rng_for("term-2", "a01", "test_neuron.py::test_sigmoid").normal(size=5)
    assert not np.allclose(a, b)
    path = write_notebook(fill_solutions(release_notebook, model_sources), tmp_path / "m.ipynb")
    other = AssignmentGrader(a01, GradeOptions(GradingConfig("another-term")))
    result = other.grade_file(path, "m")
    assert result.score == result.max_score


def test_english_feedback(a01, release_notebook, tmp_path):
    path = write_notebook(release_notebook, tmp_path / "stub.ipynb")
    english = AssignmentGrader(a01, GradeOptions(GradingConfig("s"), lang="en"))
    result = english.grade_file(path, "stub", frozenset({"neuron"}))
    assert result.task("neuron").feedback.startswith("`neuron` is not implemented yet")
    assert result.task("neuron").label == "Task 1 – `neuron`"


def test_hidden_step_inputs_always_contain_exact_zeros():
    """Fair for every seed: f(0) = 1 is tested whatever the term's secret is."""
    from autograder.graders.a01_perceptron_xor.test_neuron import step_inputs_with_zeros

    for seed in range(200):
        w, X = step_inputs_with_zeros(np.random.default_rng(seed))
        z = w[0] + X @ w[1:]
        assert (z == 0).sum() >= 10


@pytest.mark.parametrize("constant", ["zeros", "ones"])
def test_a_constant_answer_scores_nothing_under_any_seed(a01, release_notebook, tmp_path, constant):
    """The hidden step inputs always hold both classes: for about 15 % of secret seeds random
    weights used to give all-equal outputs, and a constant answer earned a test's points."""
    source = f"def neuron(w, X, activation='step'):\n    return np.{constant}(len(X))\n"
    path = write_notebook(
        fill_solutions(release_notebook, {"neuron": source}), tmp_path / "c.ipynb"
    )
    earned = {}
    for index in range(25):
        grader = AssignmentGrader(a01, GradeOptions(GradingConfig(f"term-{index}")))
        task = grader.grade_file(path, "constant", frozenset({"neuron"})).task("neuron")
        if task.score:
            earned[index] = task.score
    assert earned == {}


def test_each_tests_generator_is_default_rng_of_its_seed_and_stands_alone():
    """The hidden inputs are ``default_rng(first 128 bits of sha256(secret, assignment, test))``:
    asked again (the next student), the generator starts afresh, also for spawned children."""
    names = ("term-1", "a01", "test_neuron.py::test_sigmoid")
    digest = hashlib.sha256("\0".join(names).encode()).digest()
    expected = np.random.default_rng(int.from_bytes(digest[:16], "big")).normal(size=5)
    first = rng_for(*names)
    assert first.normal(size=5).tolist() == expected.tolist()
    first_children = [child.normal() for child in first.spawn(2)]
    second = rng_for(*names)
    assert second.normal(size=5).tolist() == expected.tolist()
    assert [child.normal() for child in second.spawn(2)] == first_children
