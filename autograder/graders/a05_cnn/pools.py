"""Hidden inputs of the pooling tasks: images without ties (a permutation of distinct values),
sides that the windows do not tile (floor mode matters), overlapping windows."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from autograder.authoring import Call, Task, Text

# (name, weight, window size, stride or None for the default)
POOLS = (
    ("default_stride", 2, 2, None),
    ("overlapping_windows", 1, 3, 2),
    ("stride_one", 1, 2, 1),
)


# both pooling tasks read a missing stride the same way
DEFAULT_STRIDE_ONE = (
    "default_stride_one",
    "ohne Angabe Stride 1 statt stride = size",
    "stride 1 instead of stride = size when none is given",
    ("stride = size if stride is None else stride", "stride = 1 if stride is None else stride"),
)


def distinct_image(rng: np.random.Generator, shape: tuple[int, ...]) -> np.ndarray:
    """Values that are all different (no ties for the arg-max), spread like N(0, 1)."""
    values = np.sort(rng.normal(size=int(np.prod(shape))))
    values += np.arange(values.size) * 1e-3  # strictly increasing, then shuffled
    return rng.permutation(values).reshape(shape)


def pooled_shape(shape: tuple[int, ...], size: int, stride: int | None = None) -> tuple[int, ...]:
    """The output shape in floor mode."""
    step = size if stride is None else stride
    return (*shape[:2], *((n - size) // step + 1 for n in shape[2:]))


def pool_shape(rng: np.random.Generator) -> tuple[int, int, int, int]:
    """N > 1, C > 1, an odd height and an even width: windows of 2 with stride 2 leave a row
    over, windows of 3 with stride 2 a column (floor and ceil mode differ in both)."""
    H, W = int(rng.choice([5, 7, 9])), int(rng.choice([6, 8]))
    return (int(rng.integers(2, 4)), int(rng.integers(2, 4)), H, W)


def pool_cases(task: Task, make: Callable[..., Call], name: str) -> None:
    """One case per entry of POOLS; ``make(rng, X, size[, stride])`` builds the call (without
    a stride where the default is tested)."""
    for key, weight, size, stride in POOLS:

        @task.case(weight=weight, name=key)
        def draw(rng, size=size, stride=stride):
            X = distinct_image(rng, pool_shape(rng))
            shown = "" if stride is None else f", stride={stride}"
            window = (size,) if stride is None else (size, stride)
            return make(rng, X, *window).labelled(
                Text(
                    f"{name}(X der Form {X.shape}, size={size}{shown})",
                    f"{name}(X of shape {X.shape}, size={size}{shown})",
                )
            )
