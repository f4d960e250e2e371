import numpy as np
import pytest

from autograder.graders.a02_mlp_backprop.problems import close, network
from autograder.grading import checks

pytestmark = pytest.mark.task("forward")


def _compare(student, reference, net, long_run=False):
    """Ŷ first, then the cache layer by layer: (A_prev, Z) of every layer."""
    got = checks.as_tuple(student.forward(net.X, net.params, net.activations), 2, "(Y_hat, cache)")
    expected_Y_hat, expected_cache = reference.forward(net.X, net.params, net.activations)
    layers = len(net.params)
    cache = checks.as_tuple(got[1], layers, "cache (ein Eintrag pro Schicht)")
    for index, (entry, (A_prev, Z)) in enumerate(zip(cache, expected_cache, strict=True)):
        pair = checks.as_tuple(entry, 2, f"cache[{index}] = (A_prev, Z)")
        close(pair[1], Z, f"Z{index + 1} in cache[{index}][1]", net.dtype, long_run)
        close(pair[0], A_prev, f"A_prev in cache[{index}][0] (= A{index})", net.dtype, long_run)
    close(got[0], expected_Y_hat, f"Y_hat (Aktivierungen {net.activations})", net.dtype, long_run)


@pytest.mark.weight(3)
@pytest.mark.parametrize("loss", ["binary_cross_entropy", "categorical_cross_entropy", "mse"])
def test_random_networks(student, reference, rng, loss):
    depth = {"binary_cross_entropy": 1, "categorical_cross_entropy": 2, "mse": 3}[loss]
    _compare(
        student, reference, network(rng, reference, depth, loss, batch=int(rng.integers(3, 9)))
    )


def test_every_hidden_activation(student, reference, rng):
    hidden = ["sigmoid", "tanh", "relu", "leaky_relu", "selu", "linear"]
    net = network(rng, reference, 6, "categorical_cross_entropy", 5, hidden=hidden)
    _compare(student, reference, net)


def test_single_layer_single_sample(student, reference, rng):
    _compare(student, reference, network(rng, reference, 0, "categorical_cross_entropy", 1))


@pytest.mark.weight(2)
def test_float32(student, reference, rng):
    net = network(rng, reference, 2, "mse", 6, dtype=np.float32)
    _compare(student, reference, net, long_run=True)
