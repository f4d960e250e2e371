"""rmsprop_step(w, grad, s, lr, beta, eps): s ← βs + (1−β)g², w ← w − η·g/√(s + ε)."""

from functools import partial

import pytest

from autograder.authoring import Task
from autograder.graders.a03_optimizers.driving import gradient_run, trajectory_test

task = Task("rmsprop_step")
run = partial(gradient_run, task="rmsprop_step", state_names=("s",))


test_trajectory = task.test(weight=3)(
    trajectory_test(
        run,
        lambda rng: {"lr": float(rng.uniform(1e-3, 0.1)), "beta": float(rng.uniform(0.8, 0.99))},
    )
)


@task.test()
@pytest.mark.parametrize("scale", [1e-4, 1.0])
def test_defaults_from_a_running_state(student, reference, rng, scale):
    run(student, reference, rng, scale=scale, hparams={"lr": 0.01}, d=4, warmup=3)


@task.test()
def test_explicit_eps(student, reference, rng):
    hparams = {"lr": 0.01, "beta": 0.9, "eps": 1e-5}
    run(student, reference, rng, scale=1e-3, hparams=hparams, d=3)


ROOT = "np.sqrt(s_new + eps)"
task.mistake(
    "eps_outside_root",
    "ε außerhalb der Wurzel (√s + ε, wie PyTorch) statt √(s + ε)",
    "ε outside the root (√s + ε, like PyTorch) instead of √(s + ε)",
    (ROOT, "(np.sqrt(s_new) + eps)"),
)
task.mistake(
    "beta_swapped",
    "β und 1−β vertauscht: s ← (1−β)s + βg²",
    "β and 1−β swapped: s ← (1−β)s + βg²",
    ("beta * np.asarray(s", "(1 - beta) * np.asarray(s"),
    ("(1 - beta) * g**2", "beta * g**2"),
)
task.mistake(
    "old_state",
    "Update mit dem alten s statt mit dem neuen",
    "update uses the old s instead of the new one",
    (ROOT, "np.sqrt(np.asarray(s, dtype=float) + eps)"),
)
task.mistake(
    "no_root",
    "Wurzel vergessen: g/(s + ε)",
    "square root forgotten: g/(s + ε)",
    (ROOT, "(s_new + eps)"),
)
