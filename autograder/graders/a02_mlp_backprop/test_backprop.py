import numpy as np
import pytest

from autograder.graders.a02_mlp_backprop.problems import (
    HIDDEN,
    LOSSES,
    arguments,
    labels,
    network,
    outputs,
)
from autograder.grading import checks
from autograder.grading.localize import assert_close_or_factor, assert_layers_close

output = pytest.mark.task("output_delta")
hidden = pytest.mark.task("hidden_delta")
layer = pytest.mark.task("layer_gradients")
backward = pytest.mark.task("backward")


# ------------------------------------------------------------------ output_delta


def _output_delta(student, reference, rng, loss, batch, dtype=np.float64):
    K = 1 if loss == "binary_cross_entropy" else int(rng.integers(2, 6))
    Y_hat = outputs(rng, loss, batch, K).astype(dtype)
    Y = labels(rng, loss, batch, K).astype(dtype)
    assert_close_or_factor(
        student.output_delta(Y_hat, Y, loss),
        reference.output_delta(Y_hat, Y, loss),
        f"δ der Ausgabeschicht für {loss!r} (N = {batch}, K = {K})",
        batch_size=batch,
        precision=dtype,
    )


@pytest.mark.weight(2)
@output
@pytest.mark.parametrize("loss", LOSSES)
def test_output_delta(student, reference, rng, loss):
    _output_delta(student, reference, rng, loss, int(rng.integers(3, 9)))


@output
def test_output_delta_single_sample_and_float32(student, reference, rng):
    for loss in LOSSES:
        _output_delta(student, reference, rng, loss, 1)
    _output_delta(student, reference, rng, "categorical_cross_entropy", 5, np.float32)


# ------------------------------------------------------------------ hidden_delta


def _hidden_delta(student, reference, rng, activation, dtype=np.float64):
    N, n_next, n = (int(v) for v in rng.choice(np.arange(2, 10), size=3, replace=False))
    delta_next = rng.normal(size=(N, n_next)).astype(dtype)
    W_next = rng.normal(size=(n_next, n)).astype(dtype)
    Z = arguments(rng, (N, n), zeros=activation != "selu").astype(dtype)
    assert_close_or_factor(
        student.hidden_delta(delta_next, W_next, Z, activation),
        reference.hidden_delta(delta_next, W_next, Z, activation),
        f"δ einer verdeckten Schicht mit {activation!r}",
        batch_size=N,
        precision=dtype,
    )


@pytest.mark.weight(2)
@hidden
@pytest.mark.parametrize("activation", HIDDEN)
def test_hidden_delta(student, reference, rng, activation):
    _hidden_delta(student, reference, rng, activation)


@hidden
def test_hidden_delta_linear_and_float32(student, reference, rng):
    _hidden_delta(student, reference, rng, "linear")
    _hidden_delta(student, reference, rng, "tanh", np.float32)


# ------------------------------------------------------------------ layer_gradients


def _layer_gradients(student, reference, rng, N, dtype=np.float64):
    n, m = (int(v) for v in rng.choice(np.arange(2, 10), size=2, replace=False))
    delta = rng.normal(size=(N, n)).astype(dtype)
    A_prev = rng.normal(size=(N, m)).astype(dtype)
    got = checks.as_tuple(student.layer_gradients(delta, A_prev), 2, "(dW, db)")
    dW, db = reference.layer_gradients(delta, A_prev)
    what = f"(δ der Form {delta.shape}, A_prev der Form {A_prev.shape})"
    assert_close_or_factor(got[0], dW, f"dW {what}", batch_size=N, precision=dtype)
    assert_close_or_factor(got[1], db, f"db {what}", batch_size=N, precision=dtype)


@pytest.mark.weight(3)
@layer
def test_layer_gradients(student, reference, rng):
    _layer_gradients(student, reference, rng, int(rng.integers(10, 14)))


@layer
def test_layer_gradients_single_sample_and_float32(student, reference, rng):
    _layer_gradients(student, reference, rng, 1)
    _layer_gradients(student, reference, rng, 7, np.float32)


# ------------------------------------------------------------------ backward


def _backward(student, reference, net):
    args = (net.Y_hat, net.Y, net.cache, net.params, net.activations, net.loss)
    assert_layers_close(
        student.backward(*args),
        reference.backward(*args),
        f"backward (Aktivierungen {net.activations}, {net.loss}, N = {net.batch})",
        batch_size=net.batch,
        precision=net.dtype,
        long_run=net.dtype == np.float32,
    )


@pytest.mark.weight(3)
@backward
@pytest.mark.parametrize("loss", LOSSES)
def test_backward_random_networks(student, reference, rng, loss):
    depth = {"binary_cross_entropy": 3, "categorical_cross_entropy": 2, "mse": 1}[loss]
    _backward(student, reference, network(rng, reference, depth, loss, int(rng.integers(4, 9))))


@backward
def test_backward_every_hidden_activation(student, reference, rng):
    hidden = ["sigmoid", "tanh", "relu", "leaky_relu", "selu", "linear"]
    _backward(student, reference, network(rng, reference, 6, "mse", 6, hidden=hidden))


@backward
def test_backward_single_layer(student, reference, rng):
    _backward(student, reference, network(rng, reference, 0, "categorical_cross_entropy", 5))


@pytest.mark.weight(2)
@backward
def test_backward_single_sample(student, reference, rng):
    _backward(student, reference, network(rng, reference, 2, "binary_cross_entropy", 1))


@pytest.mark.weight(2)
@backward
def test_backward_float32(student, reference, rng):
    net = network(rng, reference, 3, "categorical_cross_entropy", 7, dtype=np.float32)
    _backward(student, reference, net)
