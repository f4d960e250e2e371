"""The a01 reference follows the lectures (worked example, conventions) and agrees with PyTorch.

Numbers from deck 000's worked example and the conventions in ../shared/CONVENTIONS.md.
"""

import itertools
from fractions import Fraction

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from solutions import a01_perceptron_xor as ref

XOR_POINTS = [(0, 0), (0, 1), (1, 0), (1, 1)]


def _init(rng, hidden):
    return [
        rng.normal(size=(hidden, 2)),
        rng.normal(size=hidden),
        rng.normal(size=(1, hidden)),
        rng.normal(size=1),
    ]


# --- neuron -----------------------------------------------------------------------------------


def test_neuron_step_is_one_at_z_equal_zero_exactly():
    w = np.array([-1.0, 1.0, 1.0])  # z = (-1, 0, 0, 1) on the XOR points
    y_hat = ref.neuron(w, np.array(XOR_POINTS, dtype=float))
    assert y_hat.dtype == np.float64 and y_hat.shape == (4,)
    assert y_hat.tolist() == [0.0, 1.0, 1.0, 1.0]
    assert ref.neuron(np.zeros(3), np.zeros((1, 2))).tolist() == [1.0]  # f(0) = 1 by default


def test_neuron_on_the_lecture_start_weights():
    w = np.array([-0.1, 0.75, 0.5])
    X = np.array(XOR_POINTS, dtype=float)
    assert ref.neuron(w, X).tolist() == [0.0, 1.0, 1.0, 1.0]
    np.testing.assert_allclose(
        ref.neuron(w, X, "sigmoid"), 1 / (1 + np.exp(-np.array([-0.1, 0.4, 0.65, 1.15])))
    )


def test_neuron_sigmoid_matches_torch():
    rng = np.random.default_rng(0)
    w, X = rng.normal(size=5), rng.normal(scale=2.0, size=(30, 4))
    expected = torch.sigmoid(torch.from_numpy(X) @ torch.from_numpy(w[1:]) + w[0]).numpy()
    got = ref.neuron(w, X, activation="sigmoid")
    assert got.shape == (30,) and got.dtype == np.float64
    np.testing.assert_allclose(got, expected, rtol=1e-12)


def test_neuron_rejects_unknown_activation():
    with pytest.raises(ValueError):
        ref.neuron(np.zeros(3), np.zeros((2, 2)), activation="relu")


# --- bce_sgd_step -----------------------------------------------------------------------------


def test_bce_sgd_step_reproduces_the_lecture_worked_example():
    w = np.array([-0.1, 0.75, 0.5])
    w_new, y_hat, loss = ref.bce_sgd_step(w, np.array([0.0, 0.0]), 0, 0.5)
    assert isinstance(y_hat, float) and isinstance(loss, float)
    assert y_hat == pytest.approx(0.475021, abs=1e-6)
    assert loss == pytest.approx(0.644397, abs=1e-6)  # natural log (the slide's "log" is a typo)
    np.testing.assert_allclose(w_new, [-0.337510, 0.75, 0.5], atol=1e-6)
    assert w_new.dtype == np.float64
    np.testing.assert_array_equal(w, [-0.1, 0.75, 0.5])  # not modified in place


@pytest.mark.parametrize("y", [0, 1])
def test_bce_sgd_step_matches_torch_autograd(y):
    rng = np.random.default_rng(10 + y)
    for _ in range(5):
        w, x, eta = rng.normal(size=4), rng.normal(size=3), float(rng.uniform(0.1, 1.0))
        w_t = torch.tensor(w, requires_grad=True)
        x_tilde = torch.tensor(np.concatenate([[1.0], x]))
        p = torch.sigmoid(w_t @ x_tilde)
        loss = F.binary_cross_entropy(p, torch.tensor(float(y), dtype=torch.float64))
        loss.backward()
        w_new, y_hat, our_loss = ref.bce_sgd_step(w, x, y, eta)
        assert y_hat == pytest.approx(p.item(), rel=1e-12)
        assert our_loss == pytest.approx(loss.item(), rel=1e-12)
        np.testing.assert_allclose(w_new - w, -eta * w_t.grad.numpy(), rtol=1e-12, atol=1e-15)


# --- perceptron_train ---------------------------------------------------------------------------


def test_perceptron_epochs_count_updates_on_a_hand_case():
    X = np.array([[1.0], [-1.0]])
    y = np.array([1, -1])
    # t = 0: w = 0, both points on the boundary, M = both: w += 1·(1, 1) + (−1)·(1, −1) = (0, 2)
    # t = 1: y·wᵀx̃ = 2 > 0 for both, M empty → return (w, 1)
    w, epochs = ref.perceptron_train(X, y)
    np.testing.assert_array_equal(w, [0.0, 2.0])
    assert epochs == 1 and isinstance(epochs, int)
    w0, epochs0 = ref.perceptron_train(X, y, max_epochs=0)
    np.testing.assert_array_equal(w0, [0.0, 0.0])
    assert epochs0 == 0


def test_perceptron_and_problem_and_first_batch_update():
    X = np.array(XOR_POINTS, dtype=float)
    y = np.array([-1, -1, -1, 1])
    w1, epochs1 = ref.perceptron_train(X, y, max_epochs=1)
    np.testing.assert_array_equal(w1, [-2.0, 0.0, 0.0])  # Σ yᵢ x̃ᵢ over all four points
    assert epochs1 == 1
    w, epochs = ref.perceptron_train(X, y)
    np.testing.assert_array_equal(w, [-3.0, 2.0, 2.0])
    assert epochs == 9


def test_perceptron_stops_at_max_epochs_on_xor():
    X = np.array(XOR_POINTS, dtype=float)
    for max_epochs in (1, 7, 50):
        _, epochs = ref.perceptron_train(X, np.array([-1, 1, 1, -1]), max_epochs=max_epochs)
        assert epochs == max_epochs


@pytest.mark.parametrize("seed", range(5))
def test_perceptron_converges_on_random_separable_data(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 6))
    w_true = rng.normal(size=n + 1)
    X = rng.normal(size=(80, n))
    z = w_true[0] + X @ w_true[1:]
    keep = np.abs(z) > 0.2  # a margin, so the convergence theorem bounds the epochs
    X, y = X[keep], np.where(z[keep] >= 0, 1, -1)
    w, epochs = ref.perceptron_train(X, y, eta=0.5, max_epochs=10_000)
    assert w.shape == (n + 1,) and w.dtype == np.float64
    assert 0 < epochs < 10_000
    assert np.all(y * (w[0] + X @ w[1:]) > 0)


# --- certificates -----------------------------------------------------------------------------


def _certificate_is_valid(lam, points, labels):
    """Exact check: λ ≥ 0, Σ λᵢ sᵢ x̃ᵢ = 0 and λᵢ > 0 on some strict (label-0) point."""
    lam = np.asarray(lam, dtype=np.float64)
    assert lam.shape == (len(points),)
    exact = [Fraction(float(v)) for v in lam]
    assert all(v >= 0 for v in exact)
    total = [Fraction(0)] * (len(points[0]) + 1)
    for v, point, label in zip(exact, points, labels):
        s = 1 if label == 1 else -1
        for j, coordinate in enumerate((1, *point)):
            total[j] += s * v * coordinate
    assert total == [0] * len(total)
    assert any(v > 0 for v, label in zip(exact, labels) if label == 0)
    return True


def test_xor_certificate_is_valid():
    lam = ref.xor_certificate()
    np.testing.assert_array_equal(lam, [1.0, 1.0, 1.0, 1.0])
    assert _certificate_is_valid(lam, XOR_POINTS, [0, 1, 1, 0])


@pytest.mark.parametrize("n", range(2, 11))
def test_parity_certificates_are_valid(n):
    points = list(itertools.product([0, 1], repeat=n))
    labels = [sum(p) % 2 for p in points]
    assert _certificate_is_valid(ref.parity_certificate(n), points, labels)


def test_parity_certificate_agrees_with_xor_and_refuses_one_bit():
    np.testing.assert_array_equal(ref.parity_certificate(2), ref.xor_certificate())
    for n in (0, 1):
        with pytest.raises(ValueError):
            ref.parity_certificate(n)


def test_the_exact_checker_rejects_wrong_certificates():
    labels = [0, 1, 1, 0]
    for bad in ([1, 1, 1, 0.5], [-1, 1, 1, -1], [0, 0, 0, 0], [1 + 1e-16, 1, 1, 1.0000001]):
        with pytest.raises(AssertionError):
            _certificate_is_valid(bad, XOR_POINTS, labels)


# --- xor_net_weights ----------------------------------------------------------------------------


def test_xor_net_weights_compute_xor_with_step_but_not_with_sigmoid():
    W1, b1, W2, b2 = ref.xor_net_weights()
    assert [W1.shape, b1.shape, W2.shape, b2.shape] == [(2, 2), (2,), (1, 2), (1,)]
    outputs = [ref.step(W2 @ ref.step(W1 @ x + b1) + b2)[0] for x in ref.XOR_X]
    assert outputs == [0.0, 1.0, 1.0, 0.0]
    soft = [ref.sigmoid(W2 @ ref.sigmoid(W1 @ x + b1) + b2)[0] for x in ref.XOR_X]
    assert max(soft) < 0.5  # the deck's erratum: with the sigmoid all outputs are below 0.5


# --- mlp_xor_train ------------------------------------------------------------------------------


def _torch_training(start, eta, epochs):
    params = [torch.tensor(p, requires_grad=True) for p in start]
    X = torch.tensor([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], dtype=torch.float64)
    y = torch.tensor([[0.0], [1.0], [1.0], [0.0]], dtype=torch.float64)
    losses = []
    for _ in range(epochs):
        W1, b1, W2, b2 = params
        y_hat = torch.sigmoid(torch.sigmoid(X @ W1.T + b1) @ W2.T + b2)
        loss = F.binary_cross_entropy(y_hat, y)  # mean over the 4 samples, natural log
        losses.append(loss.item())
        grads = torch.autograd.grad(loss, params)
        params = [(p - eta * g).detach().requires_grad_() for p, g in zip(params, grads)]
    return [p.detach().numpy() for p in params], np.array(losses)


@pytest.mark.parametrize("seed", [2, 3])
def test_mlp_xor_train_matches_torch_autograd(seed):
    rng = np.random.default_rng(seed)
    start = _init(rng, 3)
    eta = 0.7
    (W1, b1, W2, b2), losses = ref.mlp_xor_train(*start, eta=eta, epochs=50)
    torch_params, torch_losses = _torch_training(start, eta, 50)
    assert losses.shape == (50,) and losses.dtype == np.float64
    np.testing.assert_allclose(losses, torch_losses, rtol=1e-10)
    for ours, theirs in zip((W1, b1, W2, b2), torch_params):
        assert ours.shape == theirs.shape
        np.testing.assert_allclose(ours, theirs, rtol=1e-10, atol=1e-12)


def test_mlp_xor_train_records_the_loss_before_the_update():
    rng = np.random.default_rng(4)
    start = _init(rng, 2)
    _, losses = ref.mlp_xor_train(*start, epochs=1)
    A1 = ref.sigmoid(ref.XOR_X @ start[0].T + start[1])
    p = ref.sigmoid(A1 @ start[2].T + start[3])
    y = ref.XOR_Y
    assert losses[0] == pytest.approx(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)), rel=1e-14)


def test_mlp_xor_train_learns_xor_and_leaves_inputs_alone():
    rng = np.random.default_rng(3)
    start = _init(rng, 3)
    copies = [p.copy() for p in start]
    (W1, b1, W2, b2), losses = ref.mlp_xor_train(*start, eta=1.0, epochs=5000)
    assert len(losses) == 5000 and losses[-1] < 0.05
    prediction = ref.sigmoid(ref.sigmoid(ref.XOR_X @ W1.T + b1) @ W2.T + b2).ravel() > 0.5
    assert prediction.tolist() == [False, True, True, False]
    for p, c in zip(start, copies):
        np.testing.assert_array_equal(p, c)
