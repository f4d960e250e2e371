"""Reference solutions for a01: the perceptron and the XOR problem.

Conventions (../shared/CONVENTIONS.md): the bias sits in the weight vector, w = (w0, ..., wn),
x̃ = (1, x1, ..., xn); the step function has f(0) = 1; logarithms are natural; weight matrices
have the layout n_out × n_in and rows of X are samples.
"""

from __future__ import annotations

import itertools

import numpy as np

XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def step(z):
    """Heaviside step with f(0) = 1."""
    return (z >= 0).astype(float)


def with_bias_input(X):
    """x̃ = (1, x) for every row of X."""
    X = np.atleast_2d(np.asarray(X, dtype=float))
    return np.hstack([np.ones((X.shape[0], 1)), X])


def neuron(w, X, activation="step"):
    """ŷ = f(wᵀx̃) for every row of X."""
    z = with_bias_input(X) @ np.asarray(w, dtype=float)
    if activation == "step":
        return step(z)
    if activation == "sigmoid":
        return sigmoid(z)
    raise ValueError(f"unknown activation {activation!r}")


def bce_sgd_step(w, x, y, eta):
    """One gradient step of a sigmoid neuron with binary cross-entropy on one sample."""
    w = np.asarray(w, dtype=float)
    x_tilde = np.concatenate([[1.0], np.asarray(x, dtype=float)])
    y_hat = sigmoid(w @ x_tilde)
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    gradient = (y_hat - y) * x_tilde  # ∂J/∂wᵢ = (ŷ − y)·x̃ᵢ
    return w - eta * gradient, float(y_hat), float(loss)


def perceptron_train(X, y, eta=1.0, max_epochs=100):
    """Batch perceptron rule (deck 004, eq. 21): w ← w + η Σ_{i ∈ M} yᵢ x̃ᵢ, labels ±1."""
    X_tilde = with_bias_input(X)
    y = np.asarray(y, dtype=float)
    w = np.zeros(X_tilde.shape[1])
    for epoch in range(max_epochs):
        M = y * (X_tilde @ w) <= 0  # misclassified, including points on the boundary
        if not M.any():
            return w, epoch
        w = w + eta * (y[M] @ X_tilde[M])
    return w, max_epochs


def parity_certificate(n):
    """Multipliers λ ≥ 0 proving n-bit parity is not linearly separable (n ≥ 2).

    Label-1 (odd) points give x̃ᵀw ≥ 0 (sign s = +1), label-0 (even) points −x̃ᵀw > 0
    (s = −1). With all λ = 1, Σ s·x̃ = 0 for n ≥ 2 (as many odd as even points, and the
    same for every coordinate), while the strict inequalities carry positive weight.
    """
    if n < 2:
        raise ValueError("parity of one bit is linearly separable")
    return np.ones(len(list(itertools.product([0, 1], repeat=n))))


def xor_certificate():
    """λ for the points (0,0), (0,1), (1,0), (1,1): the n = 2 case of parity."""
    return parity_certificate(2)


def xor_net_weights():
    """Deck 004: h1 = OR, h2 = NAND, output = AND (step activations, f(0) = 1)."""
    W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])
    b1 = np.array([-0.5, 1.5])
    W2 = np.array([[1.0, 1.0]])
    b2 = np.array([-1.5])
    return W1, b1, W2, b2


def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    """Full-batch gradient descent of a 2-H-1 sigmoid network with mean BCE on XOR."""
    W1, b1, W2, b2 = (np.array(p, dtype=float) for p in (W1, b1, W2, b2))
    X, y = XOR_X, XOR_Y
    N = len(X)
    losses = np.zeros(epochs)
    for epoch in range(epochs):
        A1 = sigmoid(X @ W1.T + b1)
        y_hat = sigmoid(A1 @ W2.T + b2)
        losses[epoch] = -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
        delta2 = (y_hat - y) / N  # ∂J/∂Z² for sigmoid + BCE
        delta1 = (delta2 @ W2) * A1 * (1 - A1)  # δ¹ = (δ² W²) ⊙ σ′(Z¹)
        W2, b2 = W2 - eta * delta2.T @ A1, b2 - eta * delta2.sum(axis=0)
        W1, b1 = W1 - eta * delta1.T @ X, b1 - eta * delta1.sum(axis=0)
    return (W1, b1, W2, b2), losses
