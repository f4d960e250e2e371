"""The a06 reference agrees with PyTorch: ``torch.nn.RNN`` and ``torch.nn.LSTMCell`` with
copied weights, autograd for BPTT and the Jacobians ∂h_t/∂h_0, ``clip_grad_norm_``.

Sizes are distinct (D ≠ H ≠ N), so W and Wᵀ or [h, x] and [x, h] never fit by accident.
"""

import numpy as np
import pytest
import torch

from solutions import a06_rnn_lstm as ref

T, N, D, H = 6, 3, 4, 5


def _rnn_problem(seed):
    rng = np.random.default_rng(seed)
    return (
        rng.normal(size=(T, N, D)),
        rng.normal(size=(N, H)),
        rng.normal(scale=0.6, size=(H, D)),
        rng.normal(scale=0.6, size=(H, H)),
        rng.normal(scale=0.3, size=H),
    )


def _lstm_params(rng, n=H, d=D):
    W = {k: rng.normal(scale=0.5, size=(n, n + d)) for k in ref.GATES}
    b = {k: rng.normal(scale=0.3, size=n) for k in ref.GATES}
    return W, b


def _torch_rnn(Wx, Wh, b):
    rnn = torch.nn.RNN(D, H, nonlinearity="tanh").double()
    with torch.no_grad():
        rnn.weight_ih_l0.copy_(torch.from_numpy(Wx))
        rnn.weight_hh_l0.copy_(torch.from_numpy(Wh))
        rnn.bias_ih_l0.copy_(torch.from_numpy(b))
        rnn.bias_hh_l0.zero_()
    return rnn


@pytest.mark.parametrize("seed", [0, 1])
def test_rnn_forward_matches_torch_rnn(seed):
    X, h0, Wx, Wh, b = _rnn_problem(seed)
    H_ref, cache = ref.rnn_forward(X, h0, Wx, Wh, b)
    out, h_T = _torch_rnn(Wx, Wh, b)(torch.from_numpy(X), torch.from_numpy(h0)[None])
    np.testing.assert_allclose(H_ref, out.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(H_ref[-1], h_T[0].detach().numpy(), rtol=1e-12, atol=1e-14)
    for part, given in zip(cache, (X, h0, Wx, Wh, H_ref), strict=True):
        np.testing.assert_array_equal(part, given)


@pytest.mark.parametrize("seed", [2, 3])
def test_rnn_backward_matches_autograd(seed):
    X, h0, Wx, Wh, b = _rnn_problem(seed)
    dH = np.random.default_rng(seed + 10).normal(size=(T, N, H))
    rnn = _torch_rnn(Wx, Wh, b)
    Xt = torch.from_numpy(X).requires_grad_()
    h0t = torch.from_numpy(h0)[None].requires_grad_()
    out, _ = rnn(Xt, h0t)
    (out * torch.from_numpy(dH)).sum().backward()
    _, cache = ref.rnn_forward(X, h0, Wx, Wh, b)
    dX, dh0, dWx, dWh, db = ref.rnn_backward(dH, cache)
    expected = (
        Xt.grad,
        h0t.grad[0],
        rnn.weight_ih_l0.grad,
        rnn.weight_hh_l0.grad,
        rnn.bias_ih_l0.grad,
    )
    for mine, theirs in zip((dX, dh0, dWx, dWh, db), expected, strict=True):
        np.testing.assert_allclose(mine, theirs.numpy(), rtol=1e-11, atol=1e-13)
    np.testing.assert_allclose(db, rnn.bias_hh_l0.grad.numpy(), rtol=1e-11, atol=1e-13)


def _torch_cell(W, b):
    cell = torch.nn.LSTMCell(D, H).double()
    W_ih, W_hh, b_ih, b_hh = ref.to_torch_lstm(W, b)
    with torch.no_grad():
        for param, value in zip(cell.parameters(), (W_ih, W_hh, b_ih, b_hh), strict=True):
            param.copy_(torch.from_numpy(value))
    return cell


@pytest.mark.parametrize("seed", [4, 5])
def test_lstm_cell_matches_torch_lstm_cell(seed):
    rng = np.random.default_rng(seed)
    W, b = _lstm_params(rng)
    x, h, c = rng.normal(size=(N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    h_ref, c_ref, gates = ref.lstm_cell(x, h, c, W, b)
    h_t, c_t = _torch_cell(W, b)(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    np.testing.assert_allclose(h_ref, h_t.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(c_ref, c_t.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(c_ref, gates["f"] * c + gates["i"] * gates["C"], rtol=1e-14)


def test_torch_lstm_cell_is_torchs_formula():
    cell = torch.nn.LSTMCell(D, H).double()
    stacked = [p.detach().numpy() for p in cell.parameters()]
    x, h, c = (np.random.default_rng(11).normal(size=(N, n)) for n in (D, H, H))
    h_ref, c_ref = ref.torch_lstm_cell(x, h, c, *stacked)
    h_t, c_t = cell(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    np.testing.assert_allclose(h_ref, h_t.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(c_ref, c_t.detach().numpy(), rtol=1e-12, atol=1e-14)


def test_torch_weights_map_back_to_the_deck():
    cell = torch.nn.LSTMCell(D, H).double()
    stacked = [p.detach().numpy() for p in cell.parameters()]
    W, b = ref.from_torch_lstm(*stacked)
    assert all(W[k].shape == (H, H + D) for k in ref.GATES)
    x, h, c = (np.random.default_rng(6).normal(size=(N, n)) for n in (D, H, H))
    h_ref, c_ref, _ = ref.lstm_cell(x, h, c, W, b)
    h_t, c_t = cell(torch.from_numpy(x), (torch.from_numpy(h), torch.from_numpy(c)))
    np.testing.assert_allclose(h_ref, h_t.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(c_ref, c_t.detach().numpy(), rtol=1e-12, atol=1e-14)


def test_lstm_forward_matches_torch_lstm():
    rng = np.random.default_rng(7)
    W, b = _lstm_params(rng)
    X, h0, c0 = rng.normal(size=(T, N, D)), rng.normal(size=(N, H)), rng.normal(size=(N, H))
    lstm = torch.nn.LSTM(D, H).double()
    with torch.no_grad():
        for param, value in zip(lstm.parameters(), ref.to_torch_lstm(W, b), strict=True):
            param.copy_(torch.from_numpy(value))
    out, (h_T, c_T) = lstm(
        torch.from_numpy(X), (torch.from_numpy(h0)[None], torch.from_numpy(c0)[None])
    )
    H_ref, C_ref = ref.lstm_forward(X, h0, c0, (W, b))
    np.testing.assert_allclose(H_ref, out.detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(C_ref[-1], c_T[0].detach().numpy(), rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(H_ref[-1], h_T[0].detach().numpy(), rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("max_norm", [0.5, 3.0, 1e3])
def test_clip_gradients_matches_clip_grad_norm(max_norm):
    rng = np.random.default_rng(8)
    grads = [rng.normal(size=shape) for shape in ((4, 3), (3,), (2, 2, 2))]
    tensors = [torch.zeros_like(torch.from_numpy(g), requires_grad=True) for g in grads]
    for tensor, g in zip(tensors, grads, strict=True):
        tensor.grad = torch.from_numpy(g.copy())
    torch.nn.utils.clip_grad_norm_(tensors, max_norm)
    for mine, tensor in zip(ref.clip_gradients(grads, max_norm), tensors, strict=True):
        np.testing.assert_allclose(mine, tensor.grad.numpy(), rtol=1e-14, atol=0)


def _torch_jacobian_norms(step, h0, T):
    """‖∂h_t/∂h_0‖ for t = 1 … T by autograd, ``step(h, c) -> (h, c)``."""
    norms = []
    for t in range(1, T + 1):

        def unrolled(h, t=t):
            c = torch.zeros_like(h)
            for _ in range(t):
                h, c = step(h, c)
            return h

        J = torch.autograd.functional.jacobian(unrolled, torch.from_numpy(h0))
        norms.append(torch.linalg.norm(J).item())
    return np.array(norms)


def test_gradient_through_time_matches_autograd():
    rng = np.random.default_rng(9)
    steps, x, h0 = 8, rng.normal(size=D), rng.normal(size=H)
    Wx, Wh, b_rnn = rng.normal(size=(H, D)), rng.normal(scale=0.4, size=(H, H)), rng.normal(size=H)
    W, b = _lstm_params(rng)
    xt = torch.from_numpy(x)
    Wx_t, Wh_t, b_t = (torch.from_numpy(a) for a in (Wx, Wh, b_rnn))
    cell = _torch_cell(W, b)

    def rnn_step(h, c):
        return torch.tanh(Wx_t @ xt + Wh_t @ h + b_t), c

    def lstm_step(h, c):
        h_new, c_new = cell(xt[None], (h[None], c[None]))
        return h_new[0], c_new[0]

    rnn_norms, lstm_norms = ref.gradient_through_time(steps, x, h0, (Wx, Wh, b_rnn), (W, b))
    np.testing.assert_allclose(rnn_norms, _torch_jacobian_norms(rnn_step, h0, steps), rtol=1e-11)
    np.testing.assert_allclose(lstm_norms, _torch_jacobian_norms(lstm_step, h0, steps), rtol=1e-11)
    assert rnn_norms.shape == lstm_norms.shape == (steps,)
