import pytest

from autograder.graders.a03_optimizers.driving import SCALES, gradient_run

pytestmark = pytest.mark.task("adam_step")


@pytest.mark.weight(3)
@pytest.mark.parametrize("scale", SCALES)
def test_trajectory_from_t_1(student, reference, rng, figure, scale):
    """The first 12 updates, t = 1 … 12, with the lecture's defaults except for η."""
    gradient_run(
        student,
        reference,
        "adam_step",
        rng,
        scale=scale,
        state_names=("m", "v"),
        counts_t=True,
        hparams={"lr": float(rng.uniform(1e-3, 0.05))},
        figure=figure,
    )


@pytest.mark.weight(2)
@pytest.mark.parametrize("scale", [1.0, 1e-5])
def test_later_updates_with_other_betas(student, reference, rng, scale):
    hparams = {
        "lr": float(rng.uniform(1e-3, 0.05)),
        "beta1": float(rng.uniform(0.7, 0.9)),
        "beta2": float(rng.uniform(0.95, 0.99)),
    }
    gradient_run(
        student,
        reference,
        "adam_step",
        rng,
        scale=scale,
        state_names=("m", "v"),
        counts_t=True,
        warmup=int(rng.integers(3, 8)),
        d=4,
        hparams=hparams,
    )


def test_defaults(student, reference, rng):
    gradient_run(
        student, reference, "adam_step", rng, scale=1e-3, state_names=("m", "v"), counts_t=True, d=3
    )


def test_explicit_eps(student, reference, rng):
    gradient_run(
        student,
        reference,
        "adam_step",
        rng,
        scale=1e-4,
        state_names=("m", "v"),
        counts_t=True,
        d=3,
        hparams={"lr": 0.01, "eps": 1e-6},
    )
