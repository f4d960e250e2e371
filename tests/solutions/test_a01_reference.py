"""The reference follows the lectures (worked example, conventions) and agrees with PyTorch."""

import numpy as np
import pytest
import torch

from autograder.graders.a01_perceptron_xor.certificates import certificate_problem, parity_points
from solutions import a01_perceptron_xor as ref


def test_lecture_worked_example():
    w_new, y_hat, loss = ref.bce_sgd_step(np.array([-0.1, 0.75, 0.5]), np.array([0.0, 0.0]), 0, 0.5)
    assert y_hat == pytest.approx(0.475021, abs=1e-6)
    assert loss == pytest.approx(0.644397, abs=1e-6)  # natural log (the slide's log is a typo)
    np.testing.assert_allclose(w_new, [-0.337510, 0.75, 0.5], atol=1e-6)


def test_step_is_one_at_zero():
    assert ref.neuron(np.array([0.0, 1.0, -1.0]), np.array([[2.0, 2.0], [1.0, 2.0]])).tolist() == [
        1.0,
        0.0,
    ]


def test_neuron_sigmoid_matches_torch():
    rng = np.random.default_rng(0)
    w, X = rng.normal(size=5), rng.normal(size=(30, 4))
    expected = torch.sigmoid(torch.from_numpy(X) @ torch.from_numpy(w[1:]) + w[0]).numpy()
    np.testing.assert_allclose(ref.neuron(w, X, "sigmoid"), expected, rtol=1e-12)


def test_bce_sgd_step_matches_torch_autograd():
    rng = np.random.default_rng(1)
    for y in (0.0, 1.0):
        w, x, eta = rng.normal(size=4), rng.normal(size=3), 0.3
        w_t = torch.tensor(w, requires_grad=True)
        x_tilde = torch.tensor(np.concatenate([[1.0], x]))
        p = torch.sigmoid(w_t @ x_tilde)
        loss = torch.nn.functional.binary_cross_entropy(p, torch.tensor(y, dtype=torch.float64))
        loss.backward()
        w_new, y_hat, our_loss = ref.bce_sgd_step(w, x, y, eta)
        assert our_loss == pytest.approx(loss.item(), rel=1e-12)
        assert y_hat == pytest.approx(p.item(), rel=1e-12)
        np.testing.assert_allclose(w_new, w - eta * w_t.grad.numpy(), rtol=1e-12)


def test_mlp_xor_train_matches_torch_autograd():
    rng = np.random.default_rng(2)
    start = [
        rng.normal(size=(3, 2)),
        rng.normal(size=3),
        rng.normal(size=(1, 3)),
        rng.normal(size=1),
    ]
    (W1, b1, W2, b2), losses = ref.mlp_xor_train(*start, eta=0.7, epochs=50)
    params = [torch.tensor(p, requires_grad=True) for p in start]
    X = torch.tensor(ref.XOR_X)
    Y = torch.tensor(ref.XOR_Y)
    torch_losses = []
    for _ in range(50):
        A1 = torch.sigmoid(X @ params[0].T + params[1])
        loss = torch.nn.functional.binary_cross_entropy(
            torch.sigmoid(A1 @ params[2].T + params[3]), Y
        )
        torch_losses.append(loss.item())
        grads = torch.autograd.grad(loss, params)
        params = [(p - 0.7 * g).detach().requires_grad_() for p, g in zip(params, grads)]
    np.testing.assert_allclose(losses, torch_losses, rtol=1e-10)
    for ours, theirs in zip((W1, b1, W2, b2), params):
        np.testing.assert_allclose(ours, theirs.detach().numpy(), rtol=1e-10, atol=1e-12)


def test_mlp_xor_train_learns_xor_and_leaves_inputs_alone():
    rng = np.random.default_rng(3)
    start = [
        rng.normal(size=(3, 2)),
        rng.normal(size=3),
        rng.normal(size=(1, 3)),
        rng.normal(size=1),
    ]
    copies = [p.copy() for p in start]
    (W1, b1, W2, b2), losses = ref.mlp_xor_train(*start, eta=1.0, epochs=5000)
    assert losses[-1] < 0.05
    prediction = ref.sigmoid(ref.sigmoid(ref.XOR_X @ W1.T + b1) @ W2.T + b2).ravel() > 0.5
    assert prediction.tolist() == [False, True, True, False]
    for p, c in zip(start, copies):
        np.testing.assert_array_equal(p, c)


def test_perceptron_converges_on_separable_data():
    rng = np.random.default_rng(4)
    w_true = rng.normal(size=4)
    X = rng.normal(size=(60, 3))
    z = w_true[0] + X @ w_true[1:]
    X, y = X[np.abs(z) > 0.2], np.where(z[np.abs(z) > 0.2] >= 0, 1, -1)
    w, epochs = ref.perceptron_train(X, y, max_epochs=10_000)
    assert epochs < 10_000
    assert np.all(y * (w[0] + X @ w[1:]) > 0)


def test_perceptron_epochs_count_updates():
    X = np.array([[1.0], [-1.0]])
    y = np.array([1, -1])
    w, epochs = ref.perceptron_train(X, y)
    # epoch 0: w = 0, both points on the boundary → update w += (1,1)·1 + (1,−1)·(−1) = (0, 2)
    np.testing.assert_array_equal(w, [0.0, 2.0])
    assert epochs == 1


@pytest.mark.parametrize("n", range(2, 11))
def test_parity_certificates_are_valid(n):
    points, labels = parity_points(n)
    assert (
        certificate_problem(np.asarray(ref.parity_certificate(n), dtype=float), points, labels)
        is None
    )


def test_xor_certificate_is_valid_and_parity_of_one_bit_is_refused():
    points, labels = parity_points(2)
    assert certificate_problem(ref.xor_certificate(), points, labels) is None
    with pytest.raises(ValueError):
        ref.parity_certificate(1)


def test_xor_net_weights_compute_xor_with_step_but_not_with_sigmoid():
    W1, b1, W2, b2 = ref.xor_net_weights()
    outputs = [ref.step(W2 @ ref.step(W1 @ x + b1) + b2)[0] for x in ref.XOR_X]
    assert outputs == [0.0, 1.0, 1.0, 0.0]
    soft = [ref.sigmoid(W2 @ ref.sigmoid(W1 @ x + b1) + b2)[0] for x in ref.XOR_X]
    assert max(soft) < 0.5  # the deck's erratum: with the sigmoid all outputs are below 0.5
