"""The a02 reference agrees with PyTorch (functional ops and autograd) and with the lectures.

Random networks with non-square layers, several depths, float64 and float32, batch size 1;
the numbers 785 and 235,801 are deck 000's Keras summaries.
"""

import itertools

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from solutions import a02_mlp_backprop as ref

TORCH_ACTIVATIONS = {
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "leaky_relu": lambda z: F.leaky_relu(z, 0.01),
    "selu": torch.selu,
    "linear": lambda z: z,
    "softmax": lambda z: torch.softmax(z, dim=-1),
}
TORCH_LOSSES = {
    "mse": F.mse_loss,
    "binary_cross_entropy": F.binary_cross_entropy,
    "categorical_cross_entropy": lambda P, Y: -(Y * torch.log(P)).sum() / P.shape[0],
}
PRIMES = ["sigmoid", "tanh", "relu", "leaky_relu", "selu"]


def _z(rng, shape=(7, 5)):
    z = rng.normal(scale=3.0, size=shape)
    return np.where(np.abs(z) < 1e-3, 0.5, z)  # away from the kink at 0


# --- activations -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(TORCH_ACTIVATIONS))
def test_activations_match_torch(name):
    z = _z(np.random.default_rng(1))
    expected = TORCH_ACTIVATIONS[name](torch.from_numpy(z)).numpy()
    np.testing.assert_allclose(ref.activate(z, name), expected, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize("name", PRIMES)
def test_derivatives_match_autograd(name):
    z = torch.from_numpy(_z(np.random.default_rng(2))).requires_grad_()
    TORCH_ACTIVATIONS[name](z).sum().backward()
    np.testing.assert_allclose(
        ref.activation_prime(z.detach().numpy(), name), z.grad.numpy(), rtol=1e-13, atol=1e-15
    )


def test_kinks_follow_the_task():
    zero = np.zeros(3)
    assert ref.relu_prime(zero).tolist() == [0.0, 0.0, 0.0]
    assert ref.leaky_relu_prime(zero, alpha=0.2).tolist() == [0.2, 0.2, 0.2]
    assert ref.leaky_relu(np.array([-2.0, 3.0]), alpha=0.5).tolist() == [-1.0, 3.0]
    assert (
        ref.sigmoid_prime(0.0) == 0.25 and ref.sigmoid_prime(np.linspace(-9, 9, 50)).max() <= 0.25
    )


def test_sigmoid_and_softmax_are_stable():
    assert np.isfinite(ref.sigmoid(np.array([-1000.0, 1000.0]))).all()
    big = np.array([[1000.0, 999.0, 998.0], [0.5, -0.2, 0.1]])
    expected = torch.softmax(torch.from_numpy(big), dim=-1).numpy()
    np.testing.assert_allclose(ref.softmax(big), expected, rtol=1e-13)
    three_d = np.random.default_rng(3).normal(size=(2, 3, 4))
    np.testing.assert_allclose(ref.softmax(three_d).sum(axis=-1), np.ones((2, 3)))


# --- losses -----------------------------------------------------------------------------------


def test_losses_match_torch():
    rng = np.random.default_rng(4)
    y_hat, y = rng.normal(size=(6, 3)), rng.normal(size=(6, 3))
    assert ref.mse(y_hat, y) == pytest.approx(F.mse_loss(*map(torch.from_numpy, (y_hat, y))).item())
    p, t = rng.uniform(0.01, 0.99, size=(9, 1)), (rng.uniform(size=(9, 1)) < 0.5) * 1.0
    expected = F.binary_cross_entropy(torch.from_numpy(p), torch.from_numpy(t)).item()
    assert ref.binary_cross_entropy(p, t) == pytest.approx(expected, rel=1e-13)
    logits, labels = rng.normal(size=(8, 5)), rng.integers(0, 5, size=8)
    expected = F.cross_entropy(torch.from_numpy(logits), torch.from_numpy(labels)).item()
    P = ref.softmax(logits)
    assert ref.sparse_categorical_cross_entropy(P, labels) == pytest.approx(expected, rel=1e-12)
    assert ref.categorical_cross_entropy(P, ref.one_hot(labels, 5)) == pytest.approx(
        expected, rel=1e-12
    )


def test_bce_is_finite_at_zero_and_one():
    value = ref.binary_cross_entropy(np.array([0.0, 1.0, 1.0]), np.array([1.0, 0.0, 1.0]))
    assert np.isfinite(value) and value == pytest.approx(-2 / 3 * np.log(1e-12), rel=1e-3)


def test_one_hot_and_sparse_labels_of_the_lecture():
    y = np.array([1, 0, 2, 1, 0])  # deck 000: 5 samples, 3 classes
    expected = [[0, 1, 0], [1, 0, 0], [0, 0, 1], [0, 1, 0], [1, 0, 0]]
    assert ref.one_hot(y, 3).tolist() == expected
    assert ref.one_hot(np.array([0]), 4).shape == (1, 4)


# --- parameters ---------------------------------------------------------------------------------


def test_count_params_reproduces_the_keras_summaries():
    assert ref.count_params([784, 1]) == 785
    assert ref.count_params([784, 300, 1]) == 235_801


def test_count_params_matches_torch_modules():
    sizes = [13, 7, 5, 2]
    layers = [torch.nn.Linear(a, b) for a, b in itertools.pairwise(sizes)]
    assert ref.count_params(sizes) == sum(p.numel() for m in layers for p in m.parameters())


@pytest.mark.parametrize("method", ["he", "xavier"])
def test_init_statistics_match_torch_init(method):
    params = ref.init_params([400, 300, 200], method=method, seed=5)
    W = params[0][0]
    assert W.shape == (300, 400) and params[1][0].shape == (200, 300)
    assert all((b == 0).all() for _, b in params)
    expected = torch.empty(300, 400, dtype=torch.float64)
    if method == "he":
        torch.nn.init.kaiming_normal_(expected, nonlinearity="relu")  # fan_in = shape[1]
    else:
        torch.nn.init.xavier_uniform_(expected)
    assert W.std() == pytest.approx(expected.std().item(), rel=0.02)
    std, bound = ref.init_statistics(method, 400, 300)
    assert W.std() == pytest.approx(std, rel=0.01)
    if bound is not None:
        assert np.abs(W).max() <= bound and expected.abs().max().item() <= bound
    np.testing.assert_array_equal(W, ref.init_params([400, 300, 200], method, seed=5)[0][0])


# --- forward and backward ---------------------------------------------------------------------

NETS = [
    ([3, 1], ["sigmoid"], "binary_cross_entropy"),
    ([4, 6, 3], ["relu", "softmax"], "categorical_cross_entropy"),
    ([5, 7, 4, 2], ["tanh", "sigmoid", "linear"], "mse"),
    ([6, 9, 5, 8, 3], ["leaky_relu", "selu", "tanh", "softmax"], "categorical_cross_entropy"),
    ([2, 5, 3, 4, 6, 1], ["selu", "relu", "sigmoid", "tanh", "sigmoid"], "binary_cross_entropy"),
]


def _problem(rng, sizes, loss, batch, dtype):
    params = [
        (rng.normal(size=(b, a)) / np.sqrt(a), rng.normal(scale=0.3, size=b))
        for a, b in itertools.pairwise(sizes)
    ]
    X = rng.normal(size=(batch, sizes[0]))
    K = sizes[-1]
    if loss == "categorical_cross_entropy":
        Y = ref.one_hot(rng.integers(0, K, size=batch), K)
    elif loss == "binary_cross_entropy":
        Y = (rng.uniform(size=(batch, K)) < 0.5).astype(float)
    else:
        Y = rng.normal(size=(batch, K))
    cast = [(W.astype(dtype), b.astype(dtype)) for W, b in params]
    return cast, X.astype(dtype), Y.astype(dtype)


def _torch_gradients(params, X, Y, activations, loss):
    tensors = [
        (torch.tensor(W, requires_grad=True), torch.tensor(b, requires_grad=True))
        for W, b in params
    ]
    A = torch.from_numpy(X)
    for (W, b), name in zip(tensors, activations):
        A = TORCH_ACTIVATIONS[name](A @ W.T + b)
    J = TORCH_LOSSES[loss](A, torch.from_numpy(Y))
    J.backward()
    return A.detach().numpy(), J.item(), [(W.grad.numpy(), b.grad.numpy()) for W, b in tensors]


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("batch", [1, 8])
@pytest.mark.parametrize(("sizes", "activations", "loss"), NETS)
def test_forward_and_backward_match_autograd(sizes, activations, loss, batch, dtype):
    rng = np.random.default_rng(len(sizes) * 10 + batch)
    params, X, Y = _problem(rng, sizes, loss, batch, dtype)
    Y_hat, cache = ref.forward(X, params, activations)
    wide = [(W.astype(np.float64), b.astype(np.float64)) for W, b in params]
    expected_Y_hat, expected_J, expected = _torch_gradients(
        wide, X.astype(float), Y.astype(float), activations, loss
    )
    np.testing.assert_allclose(Y_hat, expected_Y_hat, rtol=1e-12, atol=1e-14)
    assert ref.LOSSES[loss](Y_hat, Y) == pytest.approx(expected_J, rel=1e-12)
    assert [z.shape for _, z in cache] == [(batch, n) for n in sizes[1:]]
    for (_A_prev, Z), name, next_cache in zip(cache, activations, [*cache[1:], (Y_hat, None)]):
        np.testing.assert_allclose(ref.activate(Z, name), next_cache[0], rtol=1e-15)  # A = σ(Z)
    grads = ref.backward(Y_hat, Y, cache, params, activations, loss)
    assert len(grads) == len(params)
    for (dW, db), (eW, eb), (W, b) in zip(grads, expected, params):
        assert dW.shape == W.shape and db.shape == b.shape
        np.testing.assert_allclose(dW, eW, rtol=1e-10, atol=1e-14)
        np.testing.assert_allclose(db, eb, rtol=1e-10, atol=1e-14)
    if dtype == np.float32:  # and torch computing in float32 itself, within float32's precision
        _, _, single = _torch_gradients(params, X, Y, activations, loss)
        for (dW, db), (sW, sb) in zip(grads, single):
            assert sW.dtype == np.float32
            np.testing.assert_allclose(dW, sW, rtol=2e-4, atol=1e-5)
            np.testing.assert_allclose(db, sb, rtol=2e-4, atol=1e-5)


@pytest.mark.parametrize("loss", list(TORCH_LOSSES))
def test_output_delta_is_the_gradient_with_respect_to_z(loss):
    rng = np.random.default_rng(7)
    K = 1 if loss == "binary_cross_entropy" else 4
    Z = torch.tensor(rng.normal(size=(5, K)), requires_grad=True)
    out = TORCH_ACTIVATIONS[ref.OUTPUT_ACTIVATION[loss]](Z)
    if loss == "categorical_cross_entropy":
        Y = ref.one_hot(rng.integers(0, K, size=5), K)
    else:
        Y = (rng.uniform(size=(5, K)) < 0.5) * 1.0
    TORCH_LOSSES[loss](out, torch.from_numpy(Y)).backward()
    delta = ref.output_delta(out.detach().numpy(), Y, loss)
    np.testing.assert_allclose(delta, Z.grad.numpy(), rtol=1e-12, atol=1e-15)


def test_hidden_delta_and_layer_gradients_are_the_chain_rule():
    rng = np.random.default_rng(8)
    A_prev = torch.tensor(rng.normal(size=(4, 3)), requires_grad=True)
    W1, W2 = torch.tensor(rng.normal(size=(5, 3))), torch.tensor(rng.normal(size=(2, 5)))
    Z1 = (A_prev @ W1.T).detach().requires_grad_()
    upstream = torch.tensor(rng.normal(size=(4, 2)))
    (torch.tanh(Z1) @ W2.T * upstream).sum().backward()
    delta = ref.hidden_delta(upstream.numpy(), W2.numpy(), Z1.detach().numpy(), "tanh")
    np.testing.assert_allclose(delta, Z1.grad.numpy(), rtol=1e-13)
    dW, db = ref.layer_gradients(delta, A_prev.detach().numpy())
    assert dW.shape == (5, 3) and db.shape == (5,)
    np.testing.assert_allclose(dW, delta.T @ A_prev.detach().numpy())


# --- gradient checking and the vanishing gradient --------------------------------------------


def test_numerical_gradient_checks_backward():
    rng = np.random.default_rng(9)
    params, X, Y = _problem(rng, [4, 6, 3], "categorical_cross_entropy", 5, np.float64)
    activations = ["tanh", "softmax"]
    Y_hat, cache = ref.forward(X, params, activations)
    dW, _ = ref.backward(Y_hat, Y, cache, params, activations, "categorical_cross_entropy")[0]
    W = params[0][0].copy()

    def J(W_trial):
        return ref.loss_of(
            [(W_trial, params[0][1]), params[1]], X, Y, activations, "categorical_cross_entropy"
        )

    numeric = ref.numerical_gradient(J, W)
    np.testing.assert_array_equal(W, params[0][0])  # x is left unchanged
    assert ref.relative_error(numeric, dW) < 1e-7


def test_relative_error_by_hand():
    assert ref.relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert ref.relative_error(np.array([3.0]), np.array([1.0])) == pytest.approx(0.5)
    assert ref.relative_error(np.zeros(2), np.zeros(2)) == 0.0


def test_sigmoid_gradients_vanish_toward_the_input_relu_ones_do_not():
    for seed in range(5):
        sig = ref.gradient_norms(8, "sigmoid", seed)
        relu = ref.gradient_norms(8, "relu", seed)
        assert sig.shape == relu.shape == (9,)
        assert sig[0] < 0.01 * sig[-2]
        assert relu[0] > 0.1 * relu[-2]


def test_graders_replay_the_notebooks_own_test_functions():
    """numerical_gradient is graded through the notebook's TEST_FUNCTIONS; the trusted side
    runs that very cell (no copy), and the hidden cases name only functions it defines."""
    from autograder.authoring import setup_cell
    from autograder.graders.a02_mlp_backprop import test_numerical_gradient as graders

    functions = setup_cell(ref, "gradient_check_functions").TEST_FUNCTIONS
    assert set(functions) == {"square_sum", "cubic", "sin_times_cos", "log_sum_exp"}
    drawn = [
        case.calls({"rng": np.random.default_rng(0), "reference": ref})
        for case in graders.task.cases
    ]
    assert {c.sent[0] for calls in drawn for c in calls} <= set(functions)
    for calls in drawn:
        for c in calls:
            assert c.args[0] is functions[c.sent[0]] and c.helper == "numerical_gradient_of"
