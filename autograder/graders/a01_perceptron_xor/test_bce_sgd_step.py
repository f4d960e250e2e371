"""bce_sgd_step returns three results, each graded on its own: ŷ, the loss J and w_new.

Each is compared with the reference's own value on the same inputs, so a mistake costs only
its part: the update follows the reference's gradient path ∂J/∂wᵢ = (ŷ − y)·x̃ᵢ, which never
uses the loss, so a wrong loss (log₁₀) leaves a correct update its points, and a wrong update
leaves a correct loss its points. Weights: ŷ 1, J 1, w_new 2 (the update is the task's core).
"""

import numpy as np
import pytest

from autograder.grading import checks

pytestmark = pytest.mark.task("bce_sgd_step")

POSITION = {"w_new": 0, "y_hat": 1, "loss": 2}  # in the returned tuple (w_new, y_hat, loss)
WEIGHT = {"y_hat": 1, "loss": 1, "w_new": 2}


def parts(scale):
    return [pytest.param(p, marks=pytest.mark.weight(w * scale), id=p) for p, w in WEIGHT.items()]


def _compare(student, reference, part, w, x, y, eta):
    got = checks.as_tuple(student.bce_sgd_step(w, x, y, eta), 3, "Rückgabe (w_new, y_hat, loss)")
    expected = reference.bce_sgd_step(w, x, y, eta)
    checks.assert_close(got[POSITION[part]], expected[POSITION[part]], part)


@pytest.mark.parametrize("part", parts(1))
def test_lecture_example(student, reference, part):
    w = np.array([-0.1, 0.75, 0.5])
    _compare(student, reference, part, w, np.array([0.0, 0.0]), 0, 0.5)


@pytest.mark.parametrize("part", parts(3))
@pytest.mark.parametrize("label", [0, 1])
def test_hidden_samples(student, reference, rng, label, part):
    for _ in range(3):
        n = int(rng.integers(2, 6))
        w = rng.normal(size=n + 1)
        x = rng.normal(size=n)
        _compare(student, reference, part, w, x, label, float(rng.uniform(0.05, 1.0)))
