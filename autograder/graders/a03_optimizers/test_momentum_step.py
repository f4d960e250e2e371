import pytest

from autograder.graders.a03_optimizers.driving import SCALES, gradient_run

pytestmark = pytest.mark.task("momentum_step")


@pytest.mark.weight(3)
@pytest.mark.parametrize("scale", SCALES)
def test_trajectory(student, reference, rng, figure, scale):
    hparams = {"lr": float(rng.uniform(0.05, 0.5)), "beta": float(rng.uniform(0.5, 0.95))}
    gradient_run(
        student,
        reference,
        "momentum_step",
        rng,
        scale=scale,
        state_names=("m",),
        hparams=hparams,
        figure=figure,
    )


def test_default_beta_from_a_running_state(student, reference, rng):
    gradient_run(
        student,
        reference,
        "momentum_step",
        rng,
        scale=1.0,
        state_names=("m",),
        hparams={"lr": 0.1},
        d=5,
        warmup=4,
    )
