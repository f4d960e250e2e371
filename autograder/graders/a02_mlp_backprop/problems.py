"""Hidden inputs of a02 (activation arguments, random networks whose caches hold A = σ(Z)) and
the cases every elementwise activation task shares.

Layer sizes are distinct (so W and Wᵀ never have the same shape), BCE networks have one output,
float32 problems are made in float64 and rounded, and the cache always comes from the reference's
forward pass on exactly the arrays the student receives.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.authoring import Call, Task, call, scalar

HIDDEN = ("sigmoid", "tanh", "relu", "leaky_relu", "selu")
OUTPUT = {
    "binary_cross_entropy": "sigmoid",
    "categorical_cross_entropy": "softmax",
    "mse": "linear",
}
LOSSES = tuple(OUTPUT)


def arguments(rng: np.random.Generator, shape: tuple[int, ...], zeros: bool = True) -> np.ndarray:
    """Normal values of scale 3, a few exactly 0 (kinks) or, without zeros, none near 0."""
    z = rng.normal(scale=3.0, size=shape)
    z = np.where(np.abs(z) < 1e-2, 0.5, z)
    if zeros and z.size >= 4:
        flat = z.reshape(-1)
        flat[rng.choice(flat.size, size=max(1, flat.size // 6), replace=False)] = 0.0
    return z


def elementwise(name: str, zeros: bool = True) -> Task:
    """An activation or its derivative, checked on a matrix (weight 2), on three axes over
    [-30, 30] and in float32; ``zeros``: arguments include exact zeros (the kinks)."""
    task = Task(name)

    @task.case(weight=2, what=f"{name}(z), z der Form (7, 5)")
    def random_matrix(rng):
        return call(arguments(rng, (7, 5), zeros))

    @task.case(what=f"{name}(z), z der Form (3, 2, 4) in [-30, 30]")
    def three_axes_wide_range(rng):
        z = rng.uniform(-30.0, 30.0, size=(3, 2, 4))
        # One moderate value fixes the scale of atol: saturated entries (tanh′(30) ≈ 4e-26) are
        # computed exactly by 1/cosh², but only to ≈ 1e-16 absolute by 1 − tanh²; both are right.
        z[0, 0, 0] = rng.uniform(-1.0, 1.0)
        return call(z)

    @task.case(what=f"{name}(z), z in float32")
    def float32(rng):
        return call(arguments(rng, (11,), zeros).astype(np.float32))

    return task


def with_alpha(task: Task) -> Task:
    """Leaky ReLU and its derivative: also called with a drawn ``alpha``."""

    @task.case()
    def alpha_parameter(rng):
        z = arguments(rng, (6, 3))
        alpha = float(rng.uniform(0.05, 0.6))
        return call(z, alpha=alpha).labelled(f"{task.task_id}(z, alpha={alpha:.3f})")

    return task


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


def classification(
    rng: np.random.Generator, N: int, K: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Softmax rows P, class indices y and their one-hot rows Y."""
    P = outputs(rng, "categorical_cross_entropy", N, K)
    y = rng.integers(0, K, size=N)
    return P, y, np.eye(K)[y]


def cross_entropy(task_id: str, label: str, sizes: tuple[tuple[int, int], ...]) -> Task:
    """A cross-entropy of softmax rows P against one-hot rows Y (or, for the sparse task, class
    indices y): sizes[0] (weight 2), then one sample and float32 inputs of sizes[1], sizes[2]."""
    task = Task(task_id, compare=scalar)
    sparse = task_id.startswith("sparse")

    def targets(rng: np.random.Generator, N: int, K: int, dtype: Any = np.float64) -> Call:
        P, y, Y = classification(rng, N, K)
        return call(P.astype(dtype), y if sparse else Y.astype(dtype))

    (N, K), (N1, K1), (N32, K32) = sizes

    @task.case(weight=2, what=f"{label}, N = {N}, K = {K}")
    def probabilities(rng):
        return targets(rng, N, K)

    @task.case()
    def single_sample_and_float32(rng):
        return [
            targets(rng, N1, K1).labelled(f"{label}, N = 1"),
            targets(rng, N32, K32, np.float32).labelled(f"{label} in float32"),
        ]

    return task


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


EVERY_HIDDEN = ["sigmoid", "tanh", "relu", "leaky_relu", "selu", "linear"]


@dataclass(frozen=True)
class Net:
    """A network a case draws: hidden layers, loss, batch size (or the range it is drawn from),
    the case's weight, dtype and hidden activations (drawn at random when None)."""

    depth: int
    loss: str
    batch: int | tuple[int, int]
    weight: float = 1.0
    dtype: Any = np.float64
    hidden: list[str] | None = None


def per_loss(depths: tuple[int, ...], batches: tuple[int, int]) -> dict[str, Net]:
    """A random network per loss (weight 3), with ``depths`` hidden layers in LOSSES' order."""
    return {
        f"random_network_{loss}": Net(depth, loss, batches, 3)
        for loss, depth in zip(LOSSES, depths, strict=True)
    }


def network_cases(task: Task, check: Callable[[Network], Call], nets: dict[str, Net]) -> None:
    """One case per entry of ``nets``: draw that network, and ``check`` makes the call."""
    for name, net in nets.items():

        @task.case(weight=net.weight, name=name)
        def drawn(rng, reference, net=net):
            batch = net.batch if isinstance(net.batch, int) else int(rng.integers(*net.batch))
            return check(network(rng, reference, net.depth, net.loss, batch, net.dtype, net.hidden))
