import pytest

from autograder.grading import checks
from autograder.i18n import Text

LOSS_CURVE = Text("Verlust J pro Epoche", "Loss J per epoch")

pytestmark = pytest.mark.task("mlp_xor_train")


def _init(rng, hidden):
    return (
        rng.normal(size=(hidden, 2)),
        rng.normal(size=hidden),
        rng.normal(size=(1, hidden)),
        rng.normal(size=1),
    )


def _compare(student, reference, figure, params, long_run=False, **kwargs):
    got = checks.as_tuple(student.mlp_xor_train(*params, **kwargs), 2, "Rückgabe (params, losses)")
    expected_params, expected_losses = reference.mlp_xor_train(*params, **kwargs)
    figure.curves(
        LOSS_CURVE,
        {
            Text("Ihre Lösung", "your solution"): got[1],
            Text("Referenz", "reference"): expected_losses,
        },
        xlabel=Text("Epoche", "epoch"),
        ylabel="J",
    )
    checks.assert_close(got[1], expected_losses, "losses", long_run=long_run)
    got_params = checks.as_tuple(got[0], 4, "params (W1, b1, W2, b2)")
    for name, value, expected in zip(("W1", "b1", "W2", "b2"), got_params, expected_params):
        checks.assert_close(value, expected, name, long_run=long_run)


@pytest.mark.weight(3)
def test_three_hidden_neurons(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 3), eta=float(rng.uniform(0.3, 1.0)), epochs=60)


def test_one_epoch(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 4), eta=0.8, epochs=1)


def test_default_learning_rate(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 2), epochs=25)


@pytest.mark.weight(2)
def test_default_epochs(student, reference, rng, figure):
    _compare(student, reference, figure, _init(rng, 3), long_run=True)
