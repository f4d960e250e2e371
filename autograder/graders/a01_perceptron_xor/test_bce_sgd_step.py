import numpy as np
import pytest

from autograder.grading import checks

pytestmark = pytest.mark.task("bce_sgd_step")


def _compare(student, reference, w, x, y, eta):
    got = checks.as_tuple(student.bce_sgd_step(w, x, y, eta), 3, "Rückgabe (w_new, y_hat, loss)")
    w_new, y_hat, loss = reference.bce_sgd_step(w, x, y, eta)
    checks.assert_close(got[1], y_hat, "y_hat")
    checks.assert_close(got[2], loss, "loss")
    checks.assert_close(got[0], w_new, "w_new")


def test_lecture_example(student, reference):
    _compare(student, reference, np.array([-0.1, 0.75, 0.5]), np.array([0.0, 0.0]), 0, 0.5)


@pytest.mark.weight(3)
@pytest.mark.parametrize("label", [0, 1])
def test_hidden_samples(student, reference, rng, label):
    for _ in range(3):
        n = int(rng.integers(2, 6))
        w = rng.normal(size=n + 1)
        x = rng.normal(size=n)
        _compare(student, reference, w, x, label, float(rng.uniform(0.05, 1.0)))
