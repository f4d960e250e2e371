import pytest

from autograder.graders.a03_optimizers.driving import SCALES, gradient_run

pytestmark = pytest.mark.task("adamw_step")


@pytest.mark.weight(3)
@pytest.mark.parametrize("scale", SCALES)
def test_trajectory(student, reference, rng, figure, scale):
    hparams = {"lr": float(rng.uniform(0.01, 0.1)), "weight_decay": float(rng.uniform(0.05, 0.5))}
    gradient_run(
        student,
        reference,
        "adamw_step",
        rng,
        scale=scale,
        state_names=("m", "v"),
        counts_t=True,
        hparams=hparams,
        figure=figure,
    )


def test_later_updates_with_defaults(student, reference, rng):
    gradient_run(
        student,
        reference,
        "adamw_step",
        rng,
        scale=1.0,
        state_names=("m", "v"),
        counts_t=True,
        warmup=5,
        d=4,
    )
