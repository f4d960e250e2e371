"""Stacks of conv/pool/dense layer specs (dicts, as the notebook defines them) drawn from the
secret seed for ``cnn_param_count`` and ``receptive_field``."""

from __future__ import annotations

import numpy as np


def conv(out: int, k: int, stride: int = 1, padding: int = 0) -> dict[str, object]:
    return {"type": "conv", "out": out, "k": k, "stride": stride, "padding": padding}


def pool(k: int, stride: int | None = None) -> dict[str, object]:
    return {"type": "pool", "k": k, "stride": k if stride is None else stride}


def dense(out: int) -> dict[str, object]:
    return {"type": "dense", "out": out}


def random_features(rng: np.random.Generator, depth: int) -> list[dict[str, object]]:
    """``depth`` conv layers with odd and even kernels, some strided, each but the first
    followed by a pooling layer half of the time; at least two layers have a stride > 1."""
    layers: list[dict[str, object]] = []
    for index in range(depth):
        k = int(rng.choice([2, 3, 5]))
        stride = 2 if index < 2 else int(rng.integers(1, 3))
        layers.append(conv(int(rng.integers(2, 17)), k, stride, int(rng.integers(0, k // 2 + 1))))
        if index and rng.random() < 0.5:
            layers.append(pool(int(rng.integers(2, 4)), int(rng.integers(1, 3))))
    return layers


def smallest_map(layers: list[dict[str, object]], size: int) -> int:
    """The smallest side length a square map of ``size`` reaches in the stack (≥ 1 if it fits)."""
    smallest = size
    for layer in layers:
        if layer["type"] != "dense":
            padding = layer.get("padding", 0)
            size = (size + 2 * padding - layer["k"]) // layer["stride"] + 1  # type: ignore[operator]
            smallest = min(smallest, size)
    return smallest


def describe(layers: list[dict[str, object]]) -> str:
    """A short German description of a stack for labels: conv 3/2, pool 2/2, dense 10."""
    parts = []
    for layer in layers:
        if layer["type"] == "dense":
            parts.append(f"dense {layer['out']}")
        else:
            parts.append(f"{layer['type']} {layer['k']}/{layer['stride']}")
    return ", ".join(parts)
