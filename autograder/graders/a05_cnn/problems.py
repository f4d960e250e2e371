"""Hidden inputs of the conv tasks: one ``Setting`` per combination the graders must cover (odd
and even, non-square kernels, stride > 1, padding, C ≠ F, N > 1, non-square images), drawn from
the secret seed, and the comparison that names every wrong part of (dX, dW, db)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from autograder.authoring import (
    Call,
    CheckFailure,
    Compare,
    Task,
    Text,
    as_tuple,
    assert_same,
    call,
)


@dataclass(frozen=True)
class Setting:
    """A conv layer's shape: N images of C×H×W, F filters of kh×kw, stride, padding."""

    N: int
    C: int
    F: int
    H: int
    W: int
    kh: int
    kw: int
    stride: int = 1
    padding: int = 0

    def out(self, n: int, k: int) -> int:
        return (n + 2 * self.padding - k) // self.stride + 1

    @property
    def output_shape(self) -> tuple[int, int, int, int]:
        return (self.N, self.F, self.out(self.H, self.kh), self.out(self.W, self.kw))

    def label(self, what: str) -> Text:
        where = f"stride = {self.stride}, padding = {self.padding}"
        kernel, shape = f"{self.kh}×{self.kw}", (self.N, self.C, self.H, self.W)
        return Text(
            f"{what} bei {where}, Kern {kernel} (X der Form {shape}, {self.F} Filter)",
            f"{what} at {where}, kernel {kernel} (X of shape {shape}, {self.F} filters)",
        )


def settings(rng: np.random.Generator) -> dict[str, Setting]:
    """The hidden layers, image sizes drawn from the secret seed; in ``odd_kernel`` the output
    width equals F, so a bias broadcast along the last axis (per pixel) still runs."""
    H, W = (int(v) for v in rng.choice(np.arange(6, 10), size=2, replace=False))
    return {
        "odd_kernel": Setting(2, 3, W - 2, H, W, 3, 3),
        "even_kernel_stride_padding": Setting(3, 2, 5, W, H, 2, 2, stride=2, padding=1),
        "rectangular_kernel_stride_3": Setting(2, 1, 3, H + 2, W + 3, 4, 3, stride=3, padding=2),
        "even_rectangular_padding": Setting(2, 4, 3, H, W + 4, 2, 3, padding=1),
    }


SETTINGS = tuple(settings(np.random.default_rng(0)))  # the names, in the order above


def setting_cases(
    task: Task, make: Callable[[np.random.Generator, Setting], Call], weights: tuple[int, ...]
) -> None:
    """One case per hidden setting (``weights``: their shares of the points, in the order of
    ``SETTINGS``); ``make(rng, s)`` draws the call."""
    for key, weight in zip(SETTINGS, weights, strict=True):

        @task.case(weight=weight, name=key)
        def draw(rng, key=key):
            return make(rng, settings(rng)[key])


def forward_call(rng: np.random.Generator, s: Setting) -> Call:
    X, W, b = conv_arrays(rng, s)
    return call(X, W, b, s.stride, s.padding).labelled(s.label("conv2d_forward"))


def conv_arrays(rng: np.random.Generator, s: Setting) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """X, W and b with standard normal entries (kernels are never 180°-symmetric)."""
    X = rng.normal(size=(s.N, s.C, s.H, s.W))
    W = rng.normal(size=(s.F, s.C, s.kh, s.kw))
    return X, W, rng.normal(size=s.F)


PARTS = ("dX", "dW", "db")


def every_part(batch_size: int) -> Compare:
    """Compare (dX, dW, db) part by part and name *every* wrong one (with a constant factor
    such as 1/N where there is one), not only the first."""

    def compare(actual: Any, expected: Any, what: Any, precision: Any = None) -> None:
        items = as_tuple(actual, 3, what)
        problems = []
        for part, got, want in zip(PARTS, items, expected, strict=True):
            try:
                assert_same(
                    got, want, _part(part, what), precision, factor=True, batch_size=batch_size
                )
            except CheckFailure as failure:
                problems.append(failure.text)
        if problems:
            raise CheckFailure(Text.join(problems))

    return compare


def _part(part: str, what: Text) -> Text:
    return Text(f"{part} von {what.de}", f"{part} of {what.en}")


def backward_call(rng: np.random.Generator, s: Setting) -> Call:
    X, W, _ = conv_arrays(rng, s)
    dY = rng.normal(size=s.output_shape)
    return (
        call(dY, X, W, s.stride, s.padding)
        .labelled(s.label("conv2d_backward"))
        .compared_by(every_part(s.N))
    )
