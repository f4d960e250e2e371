"""Reference for the code task of e01_probeklausur: the derivative of the student's activation.

Every student gets one activation (their variant); ``ableitung(z, aktivierung)`` is its
derivative, elementwise, for a numpy array ``z``. ReLU′(0) = 0 (inputs avoid z = 0).
"""

from __future__ import annotations

import numpy as np

LEAKY_ALPHA = 0.01


def sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def ableitung(z, aktivierung):
    """f′(z) for the activation ``aktivierung`` (sigmoid, tanh, relu, leaky_relu)."""
    z = np.asarray(z, dtype=np.float64)
    if aktivierung == "sigmoid":
        s = sigmoid(z)
        return s * (1.0 - s)
    if aktivierung == "tanh":
        return 1.0 - np.tanh(z) ** 2
    if aktivierung == "relu":
        return np.where(z > 0, 1.0, 0.0)
    if aktivierung == "leaky_relu":
        return np.where(z > 0, 1.0, LEAKY_ALPHA)
    raise ValueError(f"unknown activation {aktivierung!r}")
