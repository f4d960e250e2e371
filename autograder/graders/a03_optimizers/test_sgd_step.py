import numpy as np
import pytest

from autograder.graders.a03_optimizers.driving import SCALES, gradient_run
from autograder.grading import checks

pytestmark = pytest.mark.task("sgd_step")


def test_worked_example(student, reference):
    w, grad = np.array([1.0, 2.0]), np.array([0.5, -1.0])
    checks.assert_close(
        np.asarray(student.sgd_step(w, grad, 0.1)) - w, reference.sgd_step(w, grad, 0.1) - w, "Δw"
    )


@pytest.mark.weight(2)
@pytest.mark.parametrize("scale", SCALES)
def test_trajectory(student, reference, rng, figure, scale):
    lr = float(rng.uniform(0.05, 0.5))
    gradient_run(
        student, reference, "sgd_step", rng, scale=scale, hparams={"lr": lr}, figure=figure
    )


def test_higher_dimension(student, reference, rng):
    gradient_run(student, reference, "sgd_step", rng, scale=1.0, hparams={"lr": 0.3}, d=7, steps=10)
