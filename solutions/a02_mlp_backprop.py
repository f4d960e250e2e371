"""Reference solutions for a02: activations, losses, forward pass and backpropagation.

The trusted grader compares every student function with the function of the same name here.
Conventions (``../shared/CONVENTIONS.md``):

* rows are samples, X ∈ ℝ^{N×p}; W^[ℓ] ∈ ℝ^{n_ℓ × n_{ℓ-1}}, Z^[ℓ] = A^[ℓ-1]·W^[ℓ]ᵀ + b^[ℓ];
* ReLU′(0) = 0, leaky ReLU′(0) = α; SELU with λ = 1.0507009873554805, α = 1.6732632423543772;
* softmax along the last axis, shifted by the row maximum (stable for logits of 1000);
* losses are means over the samples: MSE over all N·K entries, (categorical) cross-entropy
  −1/N Σᵢ Σₖ yₖ ln pₖ with the natural log; BCE clips p to [1e-12, 1 − 1e-12];
* the deltas are δ^[ℓ] = ∂J/∂Z^[ℓ] of exactly these losses (deck 004, eq. 45 ff.).

Everything computes in float64; no function modifies its arguments in place.
"""

from __future__ import annotations

import itertools

import numpy as np

SELU_LAMBDA = 1.0507009873554805
SELU_ALPHA = 1.6732632423543772
BCE_EPS = 1e-12


def _f64(x):
    return np.asarray(x, dtype=np.float64)


# --- 1. Activations and their derivatives (deck 000's list, deck 004's table) -----------------


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(−z)), computed without overflow for large |z|."""
    z = _f64(z)
    e = np.exp(-np.abs(z))  # e^(−|z|) ≤ 1
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def sigmoid_prime(z):
    """σ′(z) = σ(z)·(1 − σ(z)) ≤ 1/4."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_prime(z):
    """tanh′(z) = 1 − tanh²(z) (deck 004 prints "1 tanh²": the minus sign is lost)."""
    return 1.0 - np.tanh(_f64(z)) ** 2


def relu(z):
    """ReLU(z) = max(0, z)."""
    return np.maximum(_f64(z), 0.0)


def relu_prime(z):
    """ReLU′(z) = 1 for z > 0, else 0 (so ReLU′(0) = 0, as in deck 004)."""
    return (_f64(z) > 0).astype(np.float64)


def leaky_relu(z, alpha=0.01):
    """z for z > 0, α·z otherwise."""
    z = _f64(z)
    return np.where(z > 0, z, alpha * z)


def leaky_relu_prime(z, alpha=0.01):
    """1 for z > 0, α otherwise (α at z = 0, like ReLU′(0) = 0)."""
    return np.where(_f64(z) > 0, 1.0, float(alpha))


def selu(z):
    """λ·z for z > 0, λ·α·(e^z − 1) otherwise."""
    z = _f64(z)
    return SELU_LAMBDA * np.where(z > 0, z, SELU_ALPHA * np.expm1(np.minimum(z, 0.0)))


def selu_prime(z):
    """λ for z > 0, λ·α·e^z for z < 0 (not tested at z = 0)."""
    z = _f64(z)
    return SELU_LAMBDA * np.where(z > 0, 1.0, SELU_ALPHA * np.exp(np.minimum(z, 0.0)))


def softmax(z):
    """softmax along the last axis: e^(z_k − max) / Σ_c e^(z_c − max)."""
    z = _f64(z)
    e = np.exp(z - z.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def linear(z):
    return _f64(z)


def linear_prime(z):
    return np.ones_like(_f64(z))


def tanh(z):
    return np.tanh(_f64(z))


ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "leaky_relu": (leaky_relu, leaky_relu_prime),
    "selu": (selu, selu_prime),
    "linear": (linear, linear_prime),
    "softmax": (softmax, None),  # output layer only: its delta comes from output_delta
}


def activate(z, name):
    return ACTIVATIONS[name][0](z)


def activation_prime(z, name):
    prime = ACTIVATIONS[name][1]
    if prime is None:
        raise ValueError(f"{name} has no elementwise derivative (output layer only)")
    return prime(z)


# --- 2. Losses ---------------------------------------------------------------------------------


def mse(y_hat, y):
    """Mean squared error over all N·K entries (deck 000, ``F.mse_loss``)."""
    return float(np.mean((_f64(y_hat) - _f64(y)) ** 2))


def binary_cross_entropy(p, y):
    """−mean(y ln p + (1 − y) ln(1 − p)), p clipped to [1e-12, 1 − 1e-12] so it stays finite."""
    p = np.clip(_f64(p), BCE_EPS, 1.0 - BCE_EPS)
    y = _f64(y)
    return float(-np.mean(y * np.log(p) + (1.0 - y) * np.log(1.0 - p)))


def categorical_cross_entropy(P, Y):
    """−1/N Σᵢ Σₖ Y_ik ln P_ik for one-hot rows Y."""
    P, Y = _f64(P), _f64(Y)
    return float(-np.sum(Y * np.log(P)) / P.shape[0])


def sparse_categorical_cross_entropy(P, y):
    """−1/N Σᵢ ln P[i, yᵢ] for class indices y: the same value as with one_hot(y, K)."""
    P = _f64(P)
    y = np.asarray(y).astype(np.int64)
    return float(-np.mean(np.log(P[np.arange(P.shape[0]), y])))


def one_hot(y, K):
    """(N, K) float matrix with a single 1 in column yᵢ of row i."""
    y = np.asarray(y).astype(np.int64)
    Y = np.zeros((y.shape[0], int(K)))
    Y[np.arange(y.shape[0]), y] = 1.0
    return Y


# --- 3. Parameters -------------------------------------------------------------------------------


def count_params(layer_sizes):
    """Σ_ℓ n_ℓ·(n_{ℓ−1} + 1): weights plus one bias per neuron (785 for 784 → 1)."""
    return int(sum(n_out * (n_in + 1) for n_in, n_out in itertools.pairwise(layer_sizes)))


def init_params(layer_sizes, method="he", seed=0):
    """[(W, b)] per layer: He normal N(0, 2/fan_in) or Xavier uniform U(±√(6/(fan_in + fan_out)))."""
    rng = np.random.default_rng(seed)
    params = []
    for n_in, n_out in itertools.pairwise(layer_sizes):
        if method == "he":
            W = rng.normal(0.0, np.sqrt(2.0 / n_in), size=(n_out, n_in))
        elif method == "xavier":
            limit = np.sqrt(6.0 / (n_in + n_out))
            W = rng.uniform(-limit, limit, size=(n_out, n_in))
        else:
            raise ValueError(f"unknown init method {method!r}")
        params.append((W, np.zeros(n_out)))
    return params


def init_statistics(method, n_in, n_out):
    """What a correct initialisation's weights look like: (std, bound or None)."""
    if method == "he":
        return float(np.sqrt(2.0 / n_in)), None
    bound = float(np.sqrt(6.0 / (n_in + n_out)))
    return bound / np.sqrt(3.0), bound


# --- 4. Forward pass -----------------------------------------------------------------------------


def forward(X, params, activations):
    """Ŷ and the cache [(A^[ℓ−1], Z^[ℓ])] of every layer; Z = A·Wᵀ + b, A = σ^[ℓ](Z)."""
    A = _f64(X)
    cache = []
    for (W, b), name in zip(params, activations, strict=True):
        Z = A @ _f64(W).T + _f64(b)
        cache.append((A, Z))
        A = activate(Z, name)
    return A, cache


# --- 5. Backpropagation --------------------------------------------------------------------------

LOSSES = {
    "mse": mse,
    "binary_cross_entropy": binary_cross_entropy,
    "categorical_cross_entropy": categorical_cross_entropy,
}
OUTPUT_ACTIVATION = {
    "mse": "linear",
    "binary_cross_entropy": "sigmoid",
    "categorical_cross_entropy": "softmax",
}


def output_delta(Y_hat, Y, loss):
    """δ^[L] = ∂J/∂Z^[L] for sigmoid+BCE and softmax+CE ((Ŷ − Y)/N), linear+MSE (2(Ŷ − Y)/(N·K))."""
    Y_hat, Y = _f64(Y_hat), _f64(Y)
    N = Y_hat.shape[0]
    if loss in ("binary_cross_entropy", "categorical_cross_entropy"):
        return (Y_hat - Y) / N
    if loss == "mse":
        return 2.0 * (Y_hat - Y) / Y_hat.size
    raise ValueError(f"unknown loss {loss!r}")


def hidden_delta(delta_next, W_next, Z, activation):
    """δ^[ℓ] = (δ^[ℓ+1]·W^[ℓ+1]) ⊙ σ′(Z^[ℓ]) (deck 004, the hidden-layer recursion)."""
    return (_f64(delta_next) @ _f64(W_next)) * activation_prime(Z, activation)


def layer_gradients(delta, A_prev):
    """dW = δᵀ·A^[ℓ−1] (n_ℓ × n_{ℓ−1}, like W), db = Σᵢ δᵢ (over the samples)."""
    delta = _f64(delta)
    return delta.T @ _f64(A_prev), delta.sum(axis=0)


def backward(Y_hat, Y, cache, params, activations, loss):
    """[(dW^[ℓ], db^[ℓ])] for ℓ = 1 … L, input layer first."""
    delta = output_delta(Y_hat, Y, loss)
    grads = []
    for layer in range(len(params) - 1, -1, -1):
        A_prev, _ = cache[layer]
        grads.append(layer_gradients(delta, A_prev))
        if layer > 0:
            Z_prev = cache[layer - 1][1]
            delta = hidden_delta(delta, params[layer][0], Z_prev, activations[layer - 1])
    return grads[::-1]


def loss_of(params, X, Y, activations, loss):
    """J(params) of the whole network (used by the gradient checks)."""
    Y_hat, _ = forward(X, params, activations)
    return LOSSES[loss](Y_hat, Y)


# --- 6. Gradient checking (CS231n) --------------------------------------------------------------


def numerical_gradient(f, x, eps=1e-6):
    """Central differences (f(x + ε·eᵢ) − f(x − ε·eᵢ)) / (2ε) for every entry of x."""
    x = np.array(x, dtype=np.float64)
    grad = np.zeros_like(x)
    for index in np.ndindex(x.shape):
        old = x[index]
        x[index] = old + eps
        f_plus = f(x)
        x[index] = old - eps
        f_minus = f(x)
        x[index] = old
        grad[index] = (f_plus - f_minus) / (2 * eps)
    return grad


def relative_error(a, b):
    """max |a − b| / max(|a| + |b|, 1e-8), elementwise then the maximum (CS231n)."""
    a, b = _f64(a), _f64(b)
    return float(np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-8)))


# --- 7. Vanishing gradients --------------------------------------------------------------------


def gradient_norms(depth, activation, seed=0):
    """‖dW^[ℓ]‖_F for ℓ = 1 … depth+1 of a 10-32-…-32-1 net on random data (sigmoid+BCE output)."""
    rng = np.random.default_rng(seed)
    sizes = [10] + [32] * depth + [1]
    params = init_params(sizes, "he" if activation == "relu" else "xavier", seed)
    X = rng.normal(size=(64, 10))
    Y = (rng.uniform(size=(64, 1)) < 0.5).astype(np.float64)
    activations = [activation] * depth + ["sigmoid"]
    Y_hat, cache = forward(X, params, activations)
    grads = backward(Y_hat, Y, cache, params, activations, "binary_cross_entropy")
    return np.array([np.linalg.norm(dW) for dW, _ in grads])
