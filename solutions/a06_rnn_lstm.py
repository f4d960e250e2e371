"""Reference solutions for a06: a recurrent network unrolled through time, its backpropagation
through time (BPTT), the LSTM cell of deck 004 (Eq. 67–75), gradient clipping and the
vanishing gradient.

The trusted grader compares every student function with the function of the same name here.
Conventions (``../shared/CONVENTIONS.md``):

* rows are samples: a sequence X ∈ ℝ^{T×N×D}, hidden states h_t ∈ ℝ^{N×H}; weights in the
  ``nn.Linear`` layout, so one RNN step is h_t = tanh(x_t·W_xᵀ + h_{t−1}·W_hᵀ + b)
  (``torch.nn.RNN`` with W_ih = W_x, W_hh = W_h, b_ih + b_hh = b);
* the LSTM as the deck writes it: one weight matrix per gate acting on the concatenation
  [h_{t−1}, x_t] (h first), W[k] ∈ ℝ^{H×(H+D)} and one bias b[k] for k ∈ {f, i, C, o};
  ``torch.nn.LSTMCell`` stacks the gates in the order i, f, g (= C̃), o with two biases:
  W[k] = [W_hh[k] | W_ih[k]], b[k] = b_ih[k] + b_hh[k] (``to_torch_lstm``, ``from_torch_lstm``);
* gradient clipping by the global norm of all gradients together, with the factor
  min(1, max_norm / (‖g‖ + 1e-6)) of ``torch.nn.utils.clip_grad_norm_``.

Everything computes in float64; no function modifies its arguments in place.
"""

from __future__ import annotations

import numpy as np

GATES = ("f", "i", "C", "o")  # deck 004: forget gate, input gate, candidate C̃, output gate
TORCH_GATES = ("i", "f", "C", "o")  # the row blocks of torch.nn.LSTMCell's weights (i, f, g, o)
CLIP_EPS = 1e-6  # torch.nn.utils.clip_grad_norm_: max_norm / (total_norm + 1e-6)


def _f64(x):
    return np.asarray(x, dtype=np.float64)


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), computed without overflow for large |z|."""
    z = _f64(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


# --- 1. The RNN unrolled through time ----------------------------------------------------------


def rnn_forward(X, h0, Wx, Wh, b):
    """h_t = tanh(x_t·W_xᵀ + h_{t−1}·W_hᵀ + b) for t = 1 … T.

    Returns H ∈ ℝ^{T×N×H} (every hidden state, H[t] = h_{t+1}) and the cache (X, h0, Wx, Wh, H)."""
    X, h0, Wx, Wh, b = _f64(X), _f64(h0), _f64(Wx), _f64(Wh), _f64(b)
    H = np.empty((X.shape[0], *h0.shape))
    h = h0
    for t in range(X.shape[0]):
        h = np.tanh(X[t] @ Wx.T + h @ Wh.T + b)
        H[t] = h
    return H, (X, h0, Wx, Wh, H)


def rnn_backward(dH, cache):
    """Backpropagation through time: dH[t] = ∂J/∂h_{t+1} from the layers above.

    The gradient reaching h_t is dH[t] plus what flows back from step t + 1; every step adds
    its share to dW_x, dW_h and db. Returns (dX, dh0, dWx, dWh, db)."""
    X, h0, Wx, Wh, H = (_f64(part) for part in cache)
    dH = _f64(dH)
    dX = np.zeros_like(X)
    dWx, dWh, db = np.zeros_like(Wx), np.zeros_like(Wh), np.zeros(Wx.shape[0])
    dh_next = np.zeros_like(h0)  # ∂J/∂h_t through h_{t+1}; nothing after the last step
    for t in reversed(range(X.shape[0])):
        h_prev = H[t - 1] if t > 0 else h0
        dz = (dH[t] + dh_next) * (1.0 - H[t] ** 2)  # tanh′ = 1 − tanh²
        dX[t] = dz @ Wx
        dWx += dz.T @ X[t]
        dWh += dz.T @ h_prev
        db += dz.sum(axis=0)
        dh_next = dz @ Wh
    return dX, dh_next, dWx, dWh, db


# --- 2. The LSTM (deck 004, Eq. 67–75) ---------------------------------------------------------


def lstm_cell(x_t, h_prev, c_prev, W, b):
    """One LSTM step. W and b are dicts with the keys "f", "i", "C", "o".

    Returns h_t, C_t and the gates {"f": f_t, "i": i_t, "C": C̃_t, "o": o_t}."""
    hx = np.concatenate([_f64(h_prev), _f64(x_t)], axis=1)  # [h_{t−1}, x_t]
    f = sigmoid(hx @ _f64(W["f"]).T + _f64(b["f"]))  # Eq. 67
    i = sigmoid(hx @ _f64(W["i"]).T + _f64(b["i"]))  # Eq. 68
    C_tilde = np.tanh(hx @ _f64(W["C"]).T + _f64(b["C"]))  # Eq. 69
    c = f * _f64(c_prev) + i * C_tilde  # Eq. 70/73
    o = sigmoid(hx @ _f64(W["o"]).T + _f64(b["o"]))  # Eq. 71/74
    h = o * np.tanh(c)  # Eq. 72/75
    return h, c, {"f": f, "i": i, "C": C_tilde, "o": o}


def lstm_forward(X, h0, c0, params):
    """The LSTM over a sequence X ∈ ℝ^{T×N×D}; params = (W, b) as for ``lstm_cell``.

    Returns every hidden state and every cell state, H and C ∈ ℝ^{T×N×H}."""
    W, b = params
    h, c = _f64(h0), _f64(c0)
    H, C = [], []
    for x_t in _f64(X):
        h, c, _ = lstm_cell(x_t, h, c, W, b)
        H.append(h)
        C.append(c)
    return np.stack(H), np.stack(C)


def to_torch_lstm(W, b):
    """The deck's per-gate weights as ``torch.nn.LSTMCell``'s (W_ih, W_hh, b_ih, b_hh), numpy.

    Rows are stacked in torch's gate order i, f, g, o; the whole bias goes into b_ih."""
    H = _f64(W["f"]).shape[0]
    W_ih = np.concatenate([_f64(W[k])[:, H:] for k in TORCH_GATES])
    W_hh = np.concatenate([_f64(W[k])[:, :H] for k in TORCH_GATES])
    b_ih = np.concatenate([_f64(b[k]) for k in TORCH_GATES])
    return W_ih, W_hh, b_ih, np.zeros_like(b_ih)


def from_torch_lstm(W_ih, W_hh, b_ih, b_hh):
    """``torch.nn.LSTMCell``'s stacked weights as the deck's W[k] = [W_hh[k] | W_ih[k]] and
    b[k] = b_ih[k] + b_hh[k]."""
    H = _f64(W_hh).shape[1]
    rows = {k: slice(n * H, (n + 1) * H) for n, k in enumerate(TORCH_GATES)}
    W = {k: np.concatenate([_f64(W_hh)[rows[k]], _f64(W_ih)[rows[k]]], axis=1) for k in GATES}
    b = {k: _f64(b_ih)[rows[k]] + _f64(b_hh)[rows[k]] for k in GATES}
    return W, b


def torch_lstm_cell(x_t, h_prev, c_prev, W_ih, W_hh, b_ih, b_hh):
    """``torch.nn.LSTMCell``'s step in its own layout (the graders' second check of lstm_cell,
    without importing torch): gates = x·W_ihᵀ + b_ih + h·W_hhᵀ + b_hh, row blocks i, f, g, o."""
    gates = _f64(x_t) @ _f64(W_ih).T + _f64(b_ih) + _f64(h_prev) @ _f64(W_hh).T + _f64(b_hh)
    i, f, g, o = np.split(gates, 4, axis=1)
    c = sigmoid(f) * _f64(c_prev) + sigmoid(i) * np.tanh(g)
    return sigmoid(o) * np.tanh(c), c


# --- 3. Gradient clipping ----------------------------------------------------------------------


def clip_gradients(grads, max_norm):
    """Scale all gradients together by min(1, max_norm / (‖g‖ + 1e-6)), where ‖g‖ is the norm
    of all their entries at once (``torch.nn.utils.clip_grad_norm_``). Returns a new list."""
    grads = [_f64(g) for g in grads]
    total_norm = np.sqrt(sum(np.sum(g**2) for g in grads))
    scale = min(1.0, max_norm / (total_norm + CLIP_EPS))
    return [g * scale for g in grads]


# --- 4. Vanishing gradients --------------------------------------------------------------------


def gradient_through_time(T, x, h0, rnn_params, lstm_params):
    """‖∂h_t/∂h_0‖ (Frobenius norm) for t = 1 … T of an RNN and of an LSTM (C_0 = 0), both fed
    the same input x ∈ ℝ^D at every step from the single state h0 ∈ ℝ^H.

    rnn_params = (Wx, Wh, b), lstm_params = (W, b). Returns two arrays of length T.
    The Jacobians are carried forward step by step (chain rule through the unrolled loop)."""
    x, n = _f64(x), _f64(h0).size
    Wx, Wh, b_rnn = (_f64(p) for p in rnn_params)
    W, b = lstm_params
    h, J = _f64(h0), np.eye(n)  # RNN: J = ∂h_t/∂h_0
    h_l, c, J_h, J_c = _f64(h0), np.zeros(n), np.eye(n), np.zeros((n, n))  # LSTM
    rnn_norms, lstm_norms = [], []
    for _ in range(T):
        h = np.tanh(Wx @ x + Wh @ h + b_rnn)
        J = (1.0 - h**2)[:, None] * (Wh @ J)  # diag(tanh′)·W_h·J
        rnn_norms.append(np.linalg.norm(J))
        h_new, c_new, gates = lstm_cell(x[None], h_l[None], c[None], W, b)
        f, i, C_tilde, o = (gates[k][0] for k in GATES)
        dz = {k: _f64(W[k])[:, :n] @ J_h for k in GATES}  # ∂(W_k·[h, x] + b_k)/∂h_0
        df = (f * (1.0 - f))[:, None] * dz["f"]
        di = (i * (1.0 - i))[:, None] * dz["i"]
        dC = (1.0 - C_tilde**2)[:, None] * dz["C"]
        do = (o * (1.0 - o))[:, None] * dz["o"]
        J_c = df * c[:, None] + f[:, None] * J_c + di * C_tilde[:, None] + i[:, None] * dC
        h_l, c = h_new[0], c_new[0]
        J_h = do * np.tanh(c)[:, None] + (o * (1.0 - np.tanh(c) ** 2))[:, None] * J_c
        lstm_norms.append(np.linalg.norm(J_h))
    return np.array(rnn_norms), np.array(lstm_norms)
