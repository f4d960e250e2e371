"""minimize takes functions: ``worker_helpers._grader_minimize`` calls it in the sandbox with
the setup cell's gradients and toy step functions (optimizers that are *not* tasks here);
diagnosis replays the mistakes on the same functions, run here from the source notebook's cell
``setup_toys`` (the hyper-parameters bound into the step function with functools.partial)."""

import functools

import numpy as np
import pytest

from autograder.authoring import Task, Text, as_array, assert_close, setup_cell

task = Task("minimize")
TOY_STEPS = ("adagrad_step", "decayed_sgd_step", "adadelta_step", "extragradient_step")

HPARAMS = {
    "adagrad_step": lambda rng: {"lr": float(rng.uniform(0.1, 0.5))},
    "decayed_sgd_step": lambda rng: {"lr": float(rng.uniform(0.1, 0.4)), "gamma": 0.8},
    "adadelta_step": lambda rng: {"rho": float(rng.uniform(0.8, 0.95))},
    "extragradient_step": lambda rng: {"lr": float(rng.uniform(0.05, 0.3))},
}


def _compare(student, reference, figure, step_name, w0, steps, hparams, A=None, b=None):
    setup = setup_cell(reference, "setup_toys")
    grad_fn = setup.rosenbrock_grad if A is None else setup.quadratic_grad(A, b)
    step_fn = functools.partial(getattr(setup, step_name), **hparams)
    expected = reference.minimize(grad_fn, w0, step_fn, steps)
    got = student.probe(
        "minimize",
        "_grader_minimize",
        (A, b, w0, step_name, steps, hparams),
        (grad_fn, w0, step_fn, steps),
    )
    title = Text(f"minimize mit {step_name}", f"minimize with {step_name}")
    figure.compare_paths(title, got, expected)
    path = as_array(got, Text("Trajektorie", "trajectory"), expected.shape)
    assert_close(
        np.diff(path, axis=0), np.diff(expected, axis=0), Text("Schritte Δw", "updates Δw")
    )
    assert_close(path[0], w0, Text("erste Zeile (w0)", "first row (w0)"))


@task.test(weight=2)
@pytest.mark.parametrize("step_name", TOY_STEPS)
def test_quadratic(student, reference, rng, figure, step_name):
    Q = rng.normal(size=(2, 2))
    A, b = Q @ Q.T / 2 + 0.5 * np.eye(2), rng.normal(size=2)
    steps = int(rng.integers(10, 20))
    hparams = HPARAMS[step_name](rng)
    _compare(student, reference, figure, step_name, rng.normal(size=2), steps, hparams, A, b)


@task.test()
def test_rosenbrock(student, reference, rng, figure):
    w0 = np.array([-1.5, 2.0]) + rng.uniform(-0.2, 0.2, size=2)
    _compare(student, reference, figure, "adadelta_step", w0, 50, {"rho": 0.9})


@task.test()
def test_higher_dimension_default_hparams(student, reference, rng, figure):
    Q = rng.normal(size=(4, 4))
    A, b = Q @ Q.T / 4 + 0.5 * np.eye(4), rng.normal(size=4)
    _compare(student, reference, figure, "decayed_sgd_step", rng.normal(size=4), 12, {}, A, b)


task.mistake(
    "t_from_zero",
    "t beginnt bei 0 statt bei 1",
    "t starts at 0 instead of 1",
    ("for t in range(1, steps + 1):", "for t in range(steps):"),
)
task.mistake(
    "w0_missing",
    "Startpunkt w0 fehlt in der Trajektorie (nur steps Zeilen)",
    "the start w0 is missing from the trajectory (only steps rows)",
    ("path = [w.copy()]", "path = []"),
)
task.mistake(
    "state_not_carried",
    "Zustände nicht weitergereicht (jedes Update startet wieder bei 0)",
    "states not carried forward (every update starts from zero again)",
    ("states = dict(zip(states, values, strict=True))", "values = None"),
)
task.mistake(
    "gradient_at_w0",
    "Gradient immer am Startpunkt w0 statt am aktuellen w ausgewertet",
    "gradient always evaluated at the start w0 instead of the current w",
    (
        "np.asarray(grad_fn(w), dtype=float)",
        "np.asarray(grad_fn(np.array(w0, dtype=float)), dtype=float)",
    ),
)
