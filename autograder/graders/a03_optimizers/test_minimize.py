"""minimize takes functions: ``worker_helpers._grader_minimize`` calls it in the sandbox with
the setup cell's gradients and toy step functions; diagnosis replays the mistakes on the same
functions (the hyper-parameters bound into the step function with functools.partial)."""

import functools

import numpy as np
import pytest

from autograder.graders.a03_optimizers import toys
from autograder.graders.a03_optimizers.driving import REFERENCE, YOURS
from autograder.grading import checks
from autograder.i18n import Text

pytestmark = pytest.mark.task("minimize")

HPARAMS = {
    "adagrad_step": lambda rng: {"lr": float(rng.uniform(0.1, 0.5))},
    "decayed_sgd_step": lambda rng: {"lr": float(rng.uniform(0.1, 0.4)), "gamma": 0.8},
    "adadelta_step": lambda rng: {"rho": float(rng.uniform(0.8, 0.95))},
    "extragradient_step": lambda rng: {"lr": float(rng.uniform(0.05, 0.3))},
}


def _compare(student, reference, figure, step_name, w0, steps, hparams, A=None, b=None):
    setup = toys.load(reference)
    grad_fn = setup.rosenbrock_grad if A is None else setup.quadratic_grad(A, b)
    step_fn = functools.partial(getattr(setup, step_name), **hparams)
    expected = reference.minimize(grad_fn, w0, step_fn, steps)
    got = student.probe(
        "minimize",
        "_grader_minimize",
        (A, b, w0, step_name, steps, hparams),
        (grad_fn, w0, step_fn, steps),
    )
    figure.trajectories(
        Text(f"minimize mit {step_name}", f"minimize with {step_name}"),
        {YOURS: got, REFERENCE: expected},
    )
    path = checks.as_array(got, Text("Trajektorie", "trajectory"), expected.shape)
    checks.assert_close(
        np.diff(path, axis=0), np.diff(expected, axis=0), Text("Schritte Δw", "updates Δw")
    )
    checks.assert_close(path[0], w0, Text("erste Zeile (w0)", "first row (w0)"))


@pytest.mark.weight(2)
@pytest.mark.parametrize("step_name", toys.TOY_STEPS)
def test_quadratic(student, reference, rng, figure, step_name):
    Q = rng.normal(size=(2, 2))
    A, b = Q @ Q.T / 2 + 0.5 * np.eye(2), rng.normal(size=2)
    steps = int(rng.integers(10, 20))
    hparams = HPARAMS[step_name](rng)
    _compare(student, reference, figure, step_name, rng.normal(size=2), steps, hparams, A, b)


def test_rosenbrock(student, reference, rng, figure):
    w0 = np.array([-1.5, 2.0]) + rng.uniform(-0.2, 0.2, size=2)
    _compare(student, reference, figure, "adadelta_step", w0, 50, {"rho": 0.9})


def test_higher_dimension_default_hparams(student, reference, rng, figure):
    Q = rng.normal(size=(4, 4))
    A, b = Q @ Q.T / 4 + 0.5 * np.eye(4), rng.normal(size=4)
    _compare(student, reference, figure, "decayed_sgd_step", rng.normal(size=4), 12, {}, A, b)
