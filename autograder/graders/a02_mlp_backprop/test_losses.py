import numpy as np
import pytest

from autograder.graders.a02_mlp_backprop.problems import close, outputs
from autograder.grading import checks

mse = pytest.mark.task("mse")
bce = pytest.mark.task("binary_cross_entropy")
cce = pytest.mark.task("categorical_cross_entropy")
sparse = pytest.mark.task("sparse_categorical_cross_entropy")
one_hot = pytest.mark.task("one_hot")


def _scalar(value, expected, what, precision=None):
    number = checks.as_float(value, what)
    close(number, expected, what, precision)


# ------------------------------------------------------------------ mse


@pytest.mark.weight(2)
@mse
def test_mse_matrix(student, reference, rng):
    y_hat, y = rng.normal(size=(7, 3)), rng.normal(size=(7, 3))
    _scalar(student.mse(y_hat, y), reference.mse(y_hat, y), "mse(Ŷ, Y), Form (7, 3)")


@mse
def test_mse_vector_and_float32(student, reference, rng):
    y_hat, y = rng.normal(size=9), rng.normal(size=9)
    _scalar(student.mse(y_hat, y), reference.mse(y_hat, y), "mse(ŷ, y), Form (9,)")
    a, b = rng.normal(size=(5, 2)).astype(np.float32), rng.normal(size=(5, 2)).astype(np.float32)
    _scalar(student.mse(a, b), reference.mse(a, b), "mse in float32", np.float32)


# ------------------------------------------------------------------ binary cross-entropy


def _probabilities(rng, shape):
    return rng.uniform(1e-6, 1.0 - 1e-6, size=shape)


@pytest.mark.weight(2)
@bce
def test_bce_column(student, reference, rng):
    p = _probabilities(rng, (8, 1))
    y = (rng.uniform(size=(8, 1)) < 0.5).astype(float)
    value = student.binary_cross_entropy(p, y)
    _scalar(value, reference.binary_cross_entropy(p, y), "BCE(p, y), Form (8, 1)")


@bce
def test_bce_vector_and_float32(student, reference, rng):
    p, y = _probabilities(rng, 10), (rng.uniform(size=10) < 0.5).astype(float)
    value = student.binary_cross_entropy(p, y)
    _scalar(value, reference.binary_cross_entropy(p, y), "BCE(p, y), Form (10,)")
    p32 = rng.uniform(0.01, 0.99, size=(6, 1)).astype(np.float32)
    y32 = (rng.uniform(size=(6, 1)) < 0.5).astype(np.float32)
    value = student.binary_cross_entropy(p32, y32)
    _scalar(value, reference.binary_cross_entropy(p32, y32), "BCE in float32", np.float32)


@bce
def test_bce_finite_at_zero_and_one(student, reference, rng):
    order = rng.permutation(4)
    p = np.array([0.0, 1.0, 0.0, 1.0])[order]
    y = np.array([1.0, 0.0, 0.0, 1.0])[order]  # two completely wrong, two completely right
    wrong = checks.as_float(student.binary_cross_entropy(p, y), "BCE für p ∈ {0, 1}")
    if not np.isfinite(wrong) or wrong < 5.0:
        checks.fail(
            f"BCE für p ∈ {{0, 1}} (zwei ganz falsche, zwei ganz richtige Vorhersagen): erwartet "
            f"wurde ein großer, endlicher Wert, erhalten {wrong} (p vor dem Logarithmus auf "
            "[ε, 1 − ε] begrenzen).",
            f"BCE for p ∈ {{0, 1}} (two completely wrong, two completely right predictions): "
            f"expected a large finite value, got {wrong} (clip p to [ε, 1 − ε] before the log).",
        )
    right = checks.as_float(student.binary_cross_entropy(p[y == p], y[y == p]), "BCE")
    if not (np.isfinite(right) and 0.0 <= right < 1e-6):
        checks.fail(
            f"BCE für zwei ganz richtige Vorhersagen (p = y ∈ {{0, 1}}): erwartet ≈ 0, erhalten {right}.",
            f"BCE for two completely right predictions (p = y ∈ {{0, 1}}): expected ≈ 0, got {right}.",
        )


# ------------------------------------------------------------------ categorical cross-entropy


def _classification(rng, N, K):
    P = outputs(rng, "categorical_cross_entropy", N, K)
    y = rng.integers(0, K, size=N)
    return P, y, np.eye(K)[y]


@pytest.mark.weight(2)
@cce
def test_cce(student, reference, rng):
    P, _, Y = _classification(rng, 7, 4)
    value = student.categorical_cross_entropy(P, Y)
    _scalar(value, reference.categorical_cross_entropy(P, Y), "CE(P, Y), N = 7, K = 4")


@cce
def test_cce_single_sample_and_float32(student, reference, rng):
    P, _, Y = _classification(rng, 1, 5)
    value = student.categorical_cross_entropy(P, Y)
    _scalar(value, reference.categorical_cross_entropy(P, Y), "CE(P, Y), N = 1")
    P, _, Y = _classification(rng, 6, 3)
    P32, Y32 = P.astype(np.float32), Y.astype(np.float32)
    value = student.categorical_cross_entropy(P32, Y32)
    _scalar(value, reference.categorical_cross_entropy(P32, Y32), "CE in float32", np.float32)


@pytest.mark.weight(2)
@sparse
def test_sparse_cce(student, reference, rng):
    P, y, _ = _classification(rng, 8, 3)
    value = student.sparse_categorical_cross_entropy(P, y)
    _scalar(value, reference.sparse_categorical_cross_entropy(P, y), "sparse CE(P, y), N = 8")


@sparse
def test_sparse_cce_single_sample_and_float32(student, reference, rng):
    P, y, _ = _classification(rng, 1, 4)
    value = student.sparse_categorical_cross_entropy(P, y)
    _scalar(value, reference.sparse_categorical_cross_entropy(P, y), "sparse CE(P, y), N = 1")
    P, y, _ = _classification(rng, 5, 6)
    P32 = P.astype(np.float32)
    value = student.sparse_categorical_cross_entropy(P32, y)
    expected = reference.sparse_categorical_cross_entropy(P32, y)
    _scalar(value, expected, "sparse CE in float32", np.float32)


# ------------------------------------------------------------------ one_hot


@pytest.mark.weight(2)
@one_hot
def test_one_hot_with_unused_classes(student, reference, rng):
    K = int(rng.integers(5, 9))
    y = rng.integers(0, K - 2, size=int(rng.integers(6, 12)))  # the last two classes never occur
    close(student.one_hot(y, K), reference.one_hot(y, K), f"one_hot(y, K={K})")


@one_hot
def test_one_hot_single_label(student, reference, rng):
    K = int(rng.integers(2, 6))
    y = np.array([int(rng.integers(0, K))])
    close(student.one_hot(y, K), reference.one_hot(y, K), f"one_hot(y, K={K}) mit N = 1")
