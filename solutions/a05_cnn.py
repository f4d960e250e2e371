"""Reference solutions for a05: convolution, pooling and their gradients by hand.

The trusted grader compares every student function with the function of the same name here.
Conventions (``../shared/CONVENTIONS.md``, deck 004 eq. 62–66):

* NCHW: X ∈ ℝ^{N×C×H×W}; a conv layer's weights W ∈ ℝ^{F×C×kh×kw}, one bias per output channel;
* conv2d is the **cross-correlation** of eq. 65, Y[n,f,i,j] = b_f + Σ_c Σ_m Σ_q
  X_pad[n, c, i·s + m, j·s + q]·W[f, c, m, q], with zero padding p on all four sides
  (``torch.nn.functional.conv2d``);
* max-pooling with window ``size`` and stride ``stride`` (default: ``size``), floor mode
  (``F.max_pool2d``); its gradient goes to the first arg-max of each window in row-major order
  (hidden inputs have no ties);
* output sizes ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1.

Layer specs (``cnn_param_count``, ``receptive_field``) are dicts: ``{"type": "conv", "out": F,
"k": k, "stride": s, "padding": p}``, ``{"type": "pool", "k": k, "stride": s}``,
``{"type": "dense", "out": n}`` (a dense layer flattens its input first).

Everything computes in float64; no function modifies its arguments in place.
"""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

POOL_SIZE = 2  # the pooling window of equivariance_certificate


def _f64(x):
    return np.asarray(x, dtype=np.float64)


# --- 1. Sizes and parameter counts --------------------------------------------------------------


def conv_output_size(n, k, stride=1, padding=0, dilation=1):
    """⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1: the output length of a conv or pooling layer."""
    return (n + 2 * padding - dilation * (k - 1) - 1) // stride + 1


def conv_param_counts(c_in, c_out, k, H, W):
    """Parameters of a layer from a C_in×H×W map to a C_out×H×W map ("same" size) written as
    a conv layer (shared k×k filters), a locally connected layer (own filters at every pixel)
    and a dense layer; one bias per output value, the conv layer one per output channel."""
    shared = c_out * (c_in * k * k + 1)
    local = H * W * c_out * (c_in * k * k + 1)
    dense = (c_in * H * W + 1) * (c_out * H * W)
    return {"conv": shared, "local": local, "dense": dense}


def cnn_param_count(layers, input_shape):
    """Weights and biases of a stack of conv/pool/dense layers on an input of shape (C, H, W)."""
    C, H, W = input_shape
    total = 0
    for layer in layers:
        if layer["type"] == "conv":
            total += layer["out"] * (C * layer["k"] ** 2 + 1)
            C = layer["out"]
            k, stride, padding = layer["k"], layer["stride"], layer["padding"]
            H, W = (conv_output_size(n, k, stride, padding) for n in (H, W))
        elif layer["type"] == "pool":
            H, W = (conv_output_size(n, layer["k"], layer["stride"]) for n in (H, W))
        else:  # dense: flattens C·H·W inputs
            total += (C * H * W + 1) * layer["out"]
            C, H, W = layer["out"], 1, 1
    return total


def receptive_field(layers):
    """Side of the input region one output pixel sees: r = 1 + Σ_ℓ (k_ℓ − 1)·Π_{i<ℓ} s_i."""
    r, jump = 1, 1
    for layer in layers:
        r += (layer["k"] - 1) * jump
        jump *= layer["stride"]
    return r


# --- 2. Convolution (eq. 65) ----------------------------------------------------------------


def _pad(X, p):
    """Zero padding of p pixels on all four sides of the last two axes."""
    return np.pad(X, ((0, 0), (0, 0), (p, p), (p, p)))


def _windows(X_pad, kh, kw, stride):
    """(N, C, H_out, W_out, kh, kw): the kh×kw window under every output pixel."""
    return sliding_window_view(X_pad, (kh, kw), axis=(2, 3))[:, :, ::stride, ::stride]


def conv2d_forward(X, W, b, stride=1, padding=0):
    """Y[n,f,i,j] = b_f + Σ_{c,m,q} X_pad[n, c, i·s + m, j·s + q]·W[f, c, m, q] (eq. 65)."""
    X, W, b = _f64(X), _f64(W), _f64(b)
    windows = _windows(_pad(X, padding), W.shape[2], W.shape[3], stride)
    Y = np.einsum("nchwpq,fcpq->nfhw", windows, W)
    return Y + b[None, :, None, None]


def conv2d_backward(dY, X, W, stride=1, padding=0):
    """Gradients (dX, dW, db) of L with ∂L/∂Y = dY for Y = conv2d_forward(X, W, b, …).

    dW and db sum over the batch and every output pixel; dX scatters dY·W back onto the
    padded input (each output pixel saw one window) and drops the padding."""
    dY, X, W = _f64(dY), _f64(X), _f64(W)
    kh, kw = W.shape[2:]
    X_pad = _pad(X, padding)
    dW = np.einsum("nfhw,nchwpq->fcpq", dY, _windows(X_pad, kh, kw, stride))
    db = dY.sum(axis=(0, 2, 3))
    dX_pad = np.zeros_like(X_pad)
    H_out, W_out = dY.shape[2:]
    for m in range(kh):
        for q in range(kw):
            rows = slice(m, m + stride * (H_out - 1) + 1, stride)
            cols = slice(q, q + stride * (W_out - 1) + 1, stride)
            dX_pad[:, :, rows, cols] += np.einsum("nfhw,fc->nchw", dY, W[:, :, m, q])
    dX = dX_pad[:, :, padding : X_pad.shape[2] - padding, padding : X_pad.shape[3] - padding]
    return dX, dW, db


# --- 3. Max-pooling (eq. 64, 66) --------------------------------------------------------------


def maxpool_forward(X, size, stride=None):
    """Y[n,c,i,j] = max of the size×size window at (i·s, j·s), floor mode."""
    stride = size if stride is None else stride
    return _windows(_f64(X), size, size, stride).max(axis=(4, 5))


def maxpool_backward(dY, X, size, stride=None):
    """dX: each dY[n,c,i,j] goes to the arg-max of its window (first one if tied); windows that
    overlap (stride < size) add up."""
    stride = size if stride is None else stride
    dY, X = _f64(dY), _f64(X)
    windows = _windows(X, size, size, stride)
    N, C, H_out, W_out = dY.shape
    flat = windows.reshape(N, C, H_out, W_out, size * size).argmax(axis=4)
    n, c, i, j = np.indices(flat.shape)
    rows = i * stride + flat // size
    cols = j * stride + flat % size
    dX = np.zeros_like(X)
    np.add.at(dX, (n, c, rows, cols), dY)
    return dX


# --- 4. Translation equivariance (eq. 63) -------------------------------------------------------


def equivariance_certificate():
    """A conv example with Conv(T_t X) = T_t Conv(X) and a pooling example where no shift of
    the pooled map equals MaxPool(T_t X) (t = (0, 1) is no multiple of the stride 2)."""
    X = np.zeros((1, 1, 8, 8))
    X[0, 0, 2:4, 2:5] = [[1.0, 2.0, 0.0], [0.0, 3.0, 1.0]]
    W = np.array([[[[1.0, 0.0], [2.0, -1.0]]]])
    X_pool = np.zeros((1, 1, 6, 6))
    X_pool[0, 0, 2, 2] = 1.0
    X_pool[0, 0, 2, 3] = 5.0
    return {"X": X, "W": W, "shift": (2, 1), "X_pool": X_pool, "shift_pool": (0, 1)}
