import pytest

from autograder.graders.a03_optimizers.driving import SCALES, gradient_run

pytestmark = pytest.mark.task("rmsprop_step")


@pytest.mark.weight(3)
@pytest.mark.parametrize("scale", SCALES)
def test_trajectory(student, reference, rng, figure, scale):
    hparams = {"lr": float(rng.uniform(1e-3, 0.1)), "beta": float(rng.uniform(0.8, 0.99))}
    gradient_run(
        student,
        reference,
        "rmsprop_step",
        rng,
        scale=scale,
        state_names=("s",),
        hparams=hparams,
        figure=figure,
    )


@pytest.mark.parametrize("scale", [1e-4, 1.0])
def test_defaults_from_a_running_state(student, reference, rng, scale):
    gradient_run(
        student,
        reference,
        "rmsprop_step",
        rng,
        scale=scale,
        state_names=("s",),
        hparams={"lr": 0.01},
        d=4,
        warmup=3,
    )


def test_explicit_eps(student, reference, rng):
    gradient_run(
        student,
        reference,
        "rmsprop_step",
        rng,
        scale=1e-3,
        state_names=("s",),
        hparams={"lr": 0.01, "beta": 0.9, "eps": 1e-5},
        d=3,
    )
