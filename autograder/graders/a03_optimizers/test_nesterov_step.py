"""nesterov_step takes a function: ``worker_helpers._grader_nesterov`` builds it in the sandbox
from (A, b); diagnosis replays the mistakes with the same function built here (from the source
notebook's cell ``setup_toys``)."""

import numpy as np
import pytest

from autograder.authoring import Task, Text, setup_cell
from autograder.graders.a03_optimizers.driving import SCALES, compare_runs

task = Task("nesterov_step")


def quadratic(rng, d, scale):
    """J(w) = ½ wᵀAw − bᵀw with A symmetric positive definite, |∇J| ≈ scale near w ~ N(0, 1)."""
    Q = rng.normal(size=(d, d))
    return scale * (Q @ Q.T / d + 0.5 * np.eye(d)), scale * rng.normal(size=d)


def _run(student, reference, rng, scale, lr, beta, d=2, steps=12, figure=None):
    setup = setup_cell(reference, "setup_toys")
    A, b = quadratic(rng, d, scale)
    grad_fn = setup.quadratic_grad(A, b)

    def mine(k, w, states):
        (m,) = states
        args = (A, b, w, m, lr, beta)
        return student.probe("nesterov_step", "_grader_nesterov", args, (w, grad_fn, m, lr, beta))

    def ref(k, w, states):
        return reference.nesterov_step(w, grad_fn, states[0], lr, beta)

    w0 = rng.normal(size=d)
    title = Text(f"Nesterov, ½wᵀAw − bᵀw (|g| ≈ {scale:g})", f"Nesterov on ½wᵀAw − bᵀw ({scale:g})")
    compare_runs(mine, ref, w0, [np.zeros(d)], ["m"], steps, figure, title)


@task.test(weight=3)
@pytest.mark.parametrize("scale", SCALES)
def test_trajectory(student, reference, rng, figure, scale):
    lr = float(rng.uniform(0.05, 0.3)) / scale  # a stable step for the curvature ≈ scale
    _run(student, reference, rng, scale, lr, float(rng.uniform(0.6, 0.95)), figure=figure)


@task.test()
def test_higher_dimension(student, reference, rng):
    _run(student, reference, rng, 1.0, 0.1, 0.9, d=5, steps=10)


LOOK_AHEAD = "look_ahead = w + beta * m"
task.mistake(
    "plain_momentum",
    "Nesterov wie gewöhnliches Momentum: Gradient bei w statt bei w + βm",
    "Nesterov as plain momentum: gradient at w instead of w + βm",
    (LOOK_AHEAD, "look_ahead = w"),
)
task.mistake(
    "look_behind",
    "Gradient bei w − βm statt bei w + βm",
    "gradient at w − βm instead of w + βm",
    (LOOK_AHEAD, "look_ahead = w - beta * m"),
)
task.mistake(
    "returns_look_ahead",
    "den vorausgeschauten Punkt w + βm zurückgegeben (PyTorchs gespeicherter Punkt)",
    "returned the look-ahead point w + βm (the point PyTorch stores)",
    ("return w + m_new, m_new", "return w + m_new + beta * m_new, m_new"),
)
task.mistake(
    "sign_flipped",
    "Vorzeichen im Momentum vertauscht: m ← βm + η∇J(w + βm)",
    "momentum sign flipped: m ← βm + η∇J(w + βm)",
    ("beta * m - lr", "beta * m + lr"),
)
