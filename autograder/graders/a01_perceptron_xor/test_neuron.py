import pytest

from autograder.grading import checks

pytestmark = pytest.mark.task("neuron")


def step_inputs_with_zeros(rng):
    """Integer weights and inputs where at least 10 of 40 rows have z = 0 exactly (f(0) = 1)."""
    w = rng.integers(-3, 4, size=4).astype(float)
    w[1] = rng.choice([-1.0, 1.0])  # so x₁ can be solved for z = 0 in integers
    X = rng.integers(-2, 3, size=(40, 3)).astype(float)
    on_boundary = rng.choice(40, size=10, replace=False)
    X[on_boundary, 0] = -(w[0] + X[on_boundary, 1:] @ w[2:]) * w[1]
    return w, X


@pytest.mark.weight(2)
def test_step_with_exact_zeros(student, reference, rng):
    w, X = step_inputs_with_zeros(rng)
    checks.assert_close(
        student.neuron(w, X, activation="step"), reference.neuron(w, X), "ŷ (Stufe)"
    )


def both_classes(rng, reference, n_inputs, rows):
    """Random weights and inputs whose step outputs contain 0s and 1s (else a constant answer,
    e.g. all zeros, could pass for some secret seeds)."""
    while True:
        w = rng.normal(size=n_inputs + 1)
        X = rng.normal(size=(rows, n_inputs))
        if 0 < reference.neuron(w, X).sum() < rows:
            return w, X


def test_step_is_default(student, reference, rng):
    w, X = both_classes(rng, reference, 2, 15)
    checks.assert_close(student.neuron(w, X), reference.neuron(w, X), "ŷ (Standard-Aktivierung)")


@pytest.mark.weight(2)
def test_sigmoid(student, reference, rng):
    w = rng.normal(size=6)
    X = rng.normal(scale=2.0, size=(25, 5))
    expected = reference.neuron(w, X, activation="sigmoid")
    checks.assert_close(student.neuron(w, X, activation="sigmoid"), expected, "ŷ (Sigmoid)")


def test_single_feature(student, reference, rng):
    w = rng.normal(size=2)
    X = rng.normal(size=(7, 1))
    checks.assert_close(
        student.neuron(w, X, "sigmoid"), reference.neuron(w, X, "sigmoid"), "ŷ (n = 1)"
    )
