import numpy as np
import pytest

from autograder.grading import checks

pytestmark = pytest.mark.task("perceptron_train")


def _compare(student, reference, X, y, **kwargs):
    got = checks.as_tuple(student.perceptron_train(X, y, **kwargs), 2, "Rückgabe (w, epochs)")
    w, epochs = reference.perceptron_train(X, y, **kwargs)
    checks.assert_close(got[0], w, "w")
    got_epochs = checks.as_int(got[1], "epochs")
    if got_epochs != epochs:
        checks.fail(
            f"epochs: erwartet {epochs}, erhalten {got_epochs}.",
            f"epochs: expected {epochs}, got {got_epochs}.",
        )


def _separable(rng, n_samples, n_features):
    w_true = rng.normal(size=n_features + 1)
    X = rng.normal(size=(n_samples, n_features))
    z = w_true[0] + X @ w_true[1:]
    keep = np.abs(z) > 0.3
    return X[keep], np.where(z[keep] >= 0, 1, -1)


@pytest.mark.weight(3)
def test_separable_data(student, reference, rng):
    X, y = _separable(rng, 40, 3)
    _compare(student, reference, X, y, eta=0.5)


@pytest.mark.weight(2)
def test_integer_data_with_ties(student, reference, rng):
    """Integer points: y·wᵀx̃ = 0 happens and counts as misclassified."""
    X = rng.integers(-2, 3, size=(12, 2)).astype(float)
    y = np.where(X[:, 0] + 2 * X[:, 1] >= 1, 1, -1)
    _compare(student, reference, X, y)


def test_not_separable_stops_at_max_epochs(student, reference, rng):
    X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    y = np.array([-1, 1, 1, -1])
    _compare(student, reference, X, y, eta=1.0, max_epochs=int(rng.integers(5, 12)))
