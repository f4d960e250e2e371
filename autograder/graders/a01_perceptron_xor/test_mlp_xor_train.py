import pytest

from autograder.grading import checks

pytestmark = pytest.mark.task("mlp_xor_train")


def _init(rng, hidden):
    return (
        rng.normal(size=(hidden, 2)),
        rng.normal(size=hidden),
        rng.normal(size=(1, hidden)),
        rng.normal(size=1),
    )


def _compare(student, reference, params, long_run=False, **kwargs):
    got = checks.as_tuple(student.mlp_xor_train(*params, **kwargs), 2, "Rückgabe (params, losses)")
    expected_params, expected_losses = reference.mlp_xor_train(*params, **kwargs)
    checks.assert_close(got[1], expected_losses, "losses", long_run=long_run)
    got_params = checks.as_tuple(got[0], 4, "params (W1, b1, W2, b2)")
    for name, value, expected in zip(("W1", "b1", "W2", "b2"), got_params, expected_params):
        checks.assert_close(value, expected, name, long_run=long_run)


@pytest.mark.weight(3)
def test_three_hidden_neurons(student, reference, rng):
    _compare(student, reference, _init(rng, 3), eta=float(rng.uniform(0.3, 1.0)), epochs=60)


def test_one_epoch(student, reference, rng):
    _compare(student, reference, _init(rng, 4), eta=0.8, epochs=1)


def test_default_learning_rate(student, reference, rng):
    _compare(student, reference, _init(rng, 2), epochs=25)


@pytest.mark.weight(2)
def test_default_epochs(student, reference, rng):
    _compare(student, reference, _init(rng, 3), long_run=True)
