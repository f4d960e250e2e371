"""Reference solutions for a01: the perceptron and the XOR problem.

The trusted grader compares every student function with the function of the same name here,
so each one follows the graded conventions of ``../shared/CONVENTIONS.md`` exactly:

* the bias sits in the weight vector, w = (w0, w1, ..., wn), and x̃ = (1, x1, ..., xn);
* the step function has f(0) = 1, i.e. f(z) = 1 for z >= 0 (deck 000, "Das künstliche Neuron");
* logarithms are natural (the worked example's "log" is ln: J = -ln(1 - 0.475) = 0.644);
* rows of X are samples and weight matrices have the layout n_out × n_in, Z = A Wᵀ + b;
* the perceptron rule is deck 004's batch rule (eq. 21) with labels ±1 and zero start weights.

Everything is float64 numpy; no function modifies its arguments in place.
"""

from __future__ import annotations

import itertools

import numpy as np

# The XOR data of the lecture: points (0,0), (0,1), (1,0), (1,1) and their labels as a column.
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])


def sigmoid(z):
    """σ(z) = 1 / (1 + e^(-z))."""
    return 1.0 / (1.0 + np.exp(-z))


def step(z):
    """Heaviside step with f(0) = 1: 1.0 where z >= 0, else 0.0."""
    return np.where(np.asarray(z) >= 0, 1.0, 0.0)


def with_bias_input(X):
    """x̃ = (1, x) for every row of X: shape (N, n) -> (N, n + 1)."""
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    return np.hstack([np.ones((X.shape[0], 1)), X])


def bce(y, y_hat):
    """Binary cross-entropy -mean(y ln ŷ + (1 - y) ln(1 - ŷ)) with the natural log."""
    return -np.mean(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))


# --- 1. The artificial neuron ---------------------------------------------------------------


def neuron(w, X, activation="step"):
    """ŷ = f(z) with z = wᵀx̃ = w0 + Σ wᵢxᵢ for every row of X; returns shape (N,)."""
    w = np.asarray(w, dtype=np.float64)
    X = np.asarray(X, dtype=np.float64)
    z = w[0] + X @ w[1:]
    if activation == "step":
        return step(z)
    if activation == "sigmoid":
        return sigmoid(z)
    raise ValueError(f"unknown activation {activation!r} (use 'step' or 'sigmoid')")


# --- 2. One gradient step with binary cross-entropy ------------------------------------------


def bce_sgd_step(w, x, y, eta):
    """One gradient step of a sigmoid neuron with BCE on one sample: (w_new, ŷ, J).

    ŷ and J are computed with the weights before the update; ∂J/∂wᵢ = (ŷ - y)·x̃ᵢ.
    """
    w = np.asarray(w, dtype=np.float64)
    x_tilde = np.concatenate([[1.0], np.asarray(x, dtype=np.float64)])
    z = w @ x_tilde
    y_hat = sigmoid(z)
    loss = -(y * np.log(y_hat) + (1 - y) * np.log(1 - y_hat))
    w_new = w - eta * (y_hat - y) * x_tilde
    return w_new, float(y_hat), float(loss)


# --- 3. The perceptron learning rule -----------------------------------------------------------


def perceptron_train(X, y, eta=1.0, max_epochs=100):
    """Batch perceptron rule (deck 004, eq. 21) from w = 0 with labels y ∈ {-1, +1}.

    In epoch t, M = {i : yᵢ·wᵀx̃ᵢ <= 0} (points on the boundary count as wrong); if M is
    empty, return (w, t), else w <- w + η Σ_{i∈M} yᵢ x̃ᵢ. ``epochs`` is the number of updates
    performed, max_epochs if the data were never separated.
    """
    X_tilde = with_bias_input(X)
    y = np.asarray(y, dtype=np.float64)
    w = np.zeros(X_tilde.shape[1])
    for t in range(max_epochs):
        M = y * (X_tilde @ w) <= 0
        if not M.any():
            return w, t
        w = w + eta * (y[M] @ X_tilde[M])
    return w, max_epochs


# --- 4./5. Impossibility certificates -----------------------------------------------------------
# A step perceptron (f(0) = 1) solves a labelling iff s_i·x̃_iᵀw >= 0 for label 1 (s_i = +1) and
# s_i·x̃_iᵀw > 0 for label 0 (s_i = -1, strict). Multipliers λ >= 0 with Σ λ_i s_i x̃_i = 0 and
# λ_i > 0 on some label-0 point give 0 = Σ λ_i s_i x̃_iᵀw > 0: no such w exists.


def xor_certificate():
    """λ for (0,0), (0,1), (1,0), (1,1): -(1,0,0) + (1,0,1) + (1,1,0) - (1,1,1) = 0."""
    return np.array([1.0, 1.0, 1.0, 1.0])


def parity_certificate(n):
    """λ over the 2**n points of n-bit parity (itertools.product order) for n >= 2.

    With all λ = 1: Σ s_x = 0 (as many odd as even points) and, for every coordinate j,
    Σ s_x x_j = 0 (among the points with x_j = 1, the other n - 1 >= 1 bits are again half
    odd, half even). n = 1 is separable (w = (-1, 2)), so there is no certificate.
    """
    if n < 2:
        raise ValueError("the parity of a single bit is linearly separable: no certificate")
    points = list(itertools.product([0, 1], repeat=n))
    return np.ones(len(points))


# --- 6. A network that computes XOR -----------------------------------------------------------


def xor_net_weights():
    """Deck 004 (eq. 32-34) with step activations: h1 = OR, h2 = NAND, output = AND."""
    W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])  # n_out × n_in = 2 × 2
    b1 = np.array([-0.5, 1.5])
    W2 = np.array([[1.0, 1.0]])  # 1 × 2
    b2 = np.array([-1.5])
    return W1, b1, W2, b2


# --- 7. Learning XOR with backpropagation -------------------------------------------------------


def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    """Full-batch gradient descent of a 2-H-1 sigmoid network with mean BCE on XOR.

    losses[e] is J before the update of epoch e; all four parameters are updated at once with
    the gradients of the old parameters. Returns ((W1, b1, W2, b2), losses).
    """
    W1, b1, W2, b2 = (np.array(p, dtype=np.float64) for p in (W1, b1, W2, b2))
    X, y = XOR_X, XOR_Y
    N = len(X)
    losses = np.zeros(epochs)
    for e in range(epochs):
        # forward
        A1 = sigmoid(X @ W1.T + b1)
        y_hat = sigmoid(A1 @ W2.T + b2)
        losses[e] = bce(y, y_hat)
        # backward: δ² = ∂J/∂Z² (sigmoid + BCE), δ¹ = (δ² W²) ⊙ σ'(Z¹)
        delta2 = (y_hat - y) / N
        dW2, db2 = delta2.T @ A1, delta2.sum(axis=0)
        delta1 = (delta2 @ W2) * A1 * (1 - A1)
        dW1, db1 = delta1.T @ X, delta1.sum(axis=0)
        # gradient step
        W1, b1 = W1 - eta * dW1, b1 - eta * db1
        W2, b2 = W2 - eta * dW2, b2 - eta * db2
    return (W1, b1, W2, b2), losses
