"""Hidden inputs of a02: activation arguments and random networks whose caches hold A = σ(Z).

Layer sizes are distinct (so W and Wᵀ never have the same shape), BCE networks have one output,
float32 problems are made in float64 and rounded, and the cache always comes from the reference's
forward pass on exactly the arrays the student receives.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.grading import checks
from autograder.grading.localize import tolerance

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "selu")
OUTPUT = {
    "binary_cross_entropy": "sigmoid",
    "categorical_cross_entropy": "softmax",
    "mse": "linear",
}
LOSSES = tuple(OUTPUT)


def close(
    actual: Any, expected: Any, what: checks.Label, precision: Any = None, long_run: bool = False
) -> None:
    """``checks.assert_close`` with float32's tolerance when the inputs were float32.

    ``long_run``: results of a whole network in float32 (sums over several layers) get
    float32's wider atol (1e-4·scale); every catalogued mistake is off by far more.
    """
    reference = np.asarray(expected)
    array = checks.as_array(actual, what, shape=reference.shape)
    tol = tolerance(array, reference, precision, long_run)
    checks.assert_close(array, reference, what, tol=tol)


def arguments(rng: np.random.Generator, shape: tuple[int, ...], zeros: bool = True) -> np.ndarray:
    """Normal values of scale 3, a few exactly 0 (kinks) or, without zeros, none near 0."""
    z = rng.normal(scale=3.0, size=shape)
    z = np.where(np.abs(z) < 1e-2, 0.5, z)
    if zeros and z.size >= 4:
        flat = z.reshape(-1)
        flat[rng.choice(flat.size, size=max(1, flat.size // 6), replace=False)] = 0.0
    return z


def labels(rng: np.random.Generator, loss: str, batch: int, K: int) -> np.ndarray:
    if loss == "categorical_cross_entropy":
        Y = np.zeros((batch, K))
        Y[np.arange(batch), rng.integers(0, K, size=batch)] = 1.0
        return Y
    if loss == "binary_cross_entropy":
        return (rng.uniform(size=(batch, K)) < 0.5).astype(np.float64)
    return rng.normal(size=(batch, K))


def outputs(rng: np.random.Generator, loss: str, batch: int, K: int) -> np.ndarray:
    """Ŷ as the output activation makes it: probabilities, softmax rows or any real numbers."""
    Z = rng.normal(scale=2.0, size=(batch, K))
    if loss == "binary_cross_entropy":
        return 1.0 / (1.0 + np.exp(-Z))
    if loss == "categorical_cross_entropy":
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        return E / E.sum(axis=1, keepdims=True)
    return Z


@dataclass
class Network:
    X: np.ndarray
    Y: np.ndarray
    params: list[tuple[np.ndarray, np.ndarray]]
    activations: list[str]
    loss: str
    Y_hat: np.ndarray
    cache: list[tuple[np.ndarray, np.ndarray]]

    @property
    def batch(self) -> int:
        return int(self.X.shape[0])

    @property
    def dtype(self) -> np.dtype:
        return self.X.dtype


def sizes_for(rng: np.random.Generator, depth: int, loss: str) -> list[int]:
    """depth + 2 distinct layer sizes (input, hidden…, output); one output for BCE."""
    sizes = [int(n) for n in rng.choice(np.arange(2, 12), size=depth + 2, replace=False)]
    if loss == "binary_cross_entropy":
        sizes[-1] = 1
    return sizes


def network(
    rng: np.random.Generator,
    reference: Any,
    depth: int,
    loss: str,
    batch: int,
    dtype: Any = np.float64,
    hidden: list[str] | None = None,
) -> Network:
    """A random network with ``depth`` hidden layers and its forward pass (from the reference)."""
    sizes = sizes_for(rng, depth, loss)
    if hidden is None:
        hidden = [str(a) for a in rng.choice(HIDDEN, size=depth)]
    activations = [*hidden, OUTPUT[loss]]
    params = [
        (
            (rng.normal(size=(n_out, n_in)) * 1.5 / np.sqrt(n_in)).astype(dtype),
            rng.normal(scale=0.5, size=n_out).astype(dtype),
        )
        for n_in, n_out in itertools.pairwise(sizes)
    ]
    X = rng.normal(size=(batch, sizes[0])).astype(dtype)
    Y = labels(rng, loss, batch, sizes[-1]).astype(dtype)
    Y_hat, cache = reference.forward(X, params, activations)
    cast = [(A.astype(dtype), Z.astype(dtype)) for A, Z in cache]
    return Network(X, Y, params, activations, loss, Y_hat.astype(dtype), cast)


# The notebook's TEST_FUNCTIONS, written out for the trusted process (same operations, same
# order, so both sides compute bit for bit the same values; tests/solutions checks that).
def square_sum(x):
    return np.sum(x**2)


def cubic(x):
    return np.sum(x**3 - 2.0 * x)


def sin_times_cos(x):
    return np.sum(np.sin(x)) * np.sum(np.cos(2.0 * x))


def log_sum_exp(x):
    return np.log(np.sum(np.exp(x)))


FUNCTIONS = {f.__name__: f for f in (square_sum, cubic, sin_times_cos, log_sum_exp)}
