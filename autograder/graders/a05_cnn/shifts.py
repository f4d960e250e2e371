"""Checking a student's translation-equivariance certificate with the reference (eq. 63).

T_t shifts the last two axes by t = (rows, columns) and fills with zeros; what leaves the
image is lost. A conv example (X, W, t) must satisfy Conv(T_t X) = T_t Conv(X) with a non-zero
output and nothing lost; a pooling example (X_pool, t) must make MaxPool₂(T_t X_pool) differ
from every shift of MaxPool₂(X_pool), again with nothing lost.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.authoring import as_array, fail

KEYS = ("X", "W", "shift", "X_pool", "shift_pool")


def shifted(A: np.ndarray, t: tuple[int, int]) -> np.ndarray:
    """T_t A with zero fill (slices of the target and the source rectangles)."""
    out = np.zeros_like(A)
    H, W = A.shape[-2:]
    (dy, dx) = t
    if abs(dy) >= H or abs(dx) >= W:
        return out
    target = (..., slice(max(dy, 0), H + min(dy, 0)), slice(max(dx, 0), W + min(dx, 0)))
    source = (..., slice(max(-dy, 0), H - max(dy, 0)), slice(max(-dx, 0), W - max(dx, 0)))
    out[target] = A[source]
    return out


def certificate(value: Any) -> dict[str, Any]:
    """The student's dict, with the keys checked."""
    if not isinstance(value, dict) or not set(KEYS) <= set(value):
        fail(
            "equivariance_certificate() soll ein dict mit den Schlüsseln X, W, shift, X_pool, "
            "shift_pool zurückgeben.",
            "equivariance_certificate() should return a dict with the keys X, W, shift, X_pool, "
            "shift_pool.",
        )
    return value


def as_shift(value: Any, what: str) -> tuple[int, int]:
    t = as_array(value, what, shape=(2,))
    if not np.all(t == np.round(t)):
        fail(f"{what}: zwei ganze Zahlen erwartet.", f"{what}: two integers expected.")
    return int(t[0]), int(t[1])


def image(value: Any, what: str, ndim: int = 4, most: int = 4096) -> np.ndarray:
    """A finite float array with ``ndim`` axes and at most ``most`` entries: the reference
    checks it in the trusted process, so its size is bounded."""
    A = as_array(value, what).astype(np.float64)
    if A.ndim != ndim or not 0 < A.size <= most or not np.isfinite(A).all():
        fail(
            f"{what}: ein endliches Array mit {ndim} Achsen und 1 bis {most} Einträgen.",
            f"{what}: a finite array with {ndim} axes and 1 to {most} entries.",
        )
    return A


def loses_content(A: np.ndarray, t: tuple[int, int]) -> bool:
    return not np.isclose(np.abs(shifted(A, t)).sum(), np.abs(A).sum())


def assert_conv_example(value: Any, conv2d_forward: Any) -> None:
    cert = certificate(value)
    X, W = image(cert["X"], "X"), image(cert["W"], "W", most=512)
    t = as_shift(cert["shift"], "shift")
    if (
        X.shape[0] != 1
        or W.shape[1] != X.shape[1]
        or W.shape[2] > X.shape[2]
        or W.shape[3] > X.shape[3]
    ):
        fail(
            "X soll die Form (1, C, H, W) und W die Form (F, C, kh, kw) mit kh ≤ H, kw ≤ W haben.",
            "X should have shape (1, C, H, W) and W shape (F, C, kh, kw) with kh ≤ H, kw ≤ W.",
        )
    if t == (0, 0):
        fail("Die Verschiebung (0, 0) zeigt nichts.", "The shift (0, 0) shows nothing.")
    if loses_content(X, t):
        fail(
            f"verschiebe(X, {t}) schiebt einen Teil des Bilds über den Rand.",
            f"shifting X by {t} pushes part of the image over the border.",
        )
    b = np.zeros(W.shape[0])
    left = conv2d_forward(shifted(X, t), W, b)
    if not np.abs(left).sum() > 0:
        fail("Conv(T_t X) ist überall 0.", "Conv(T_t X) is zero everywhere.")
    if not np.allclose(left, shifted(conv2d_forward(X, W, b), t), rtol=1e-9, atol=1e-12):
        fail(
            f"Mit der Musterlösung gilt Conv(T_t X) = T_t Conv(X) für t = {t} nicht.",
            f"With the reference, Conv(T_t X) = T_t Conv(X) does not hold for t = {t}.",
        )


def assert_pool_example(value: Any, maxpool_forward: Any, size: int) -> None:
    cert = certificate(value)
    X = image(cert["X_pool"], "X_pool")
    t = as_shift(cert["shift_pool"], "shift_pool")
    if X.shape[:2] != (1, 1) or min(X.shape[2:]) < size:
        fail(
            f"X_pool soll die Form (1, 1, H, W) mit H, W ≥ {size} haben.",
            f"X_pool should have shape (1, 1, H, W) with H, W ≥ {size}.",
        )
    if loses_content(X, t):
        fail(
            f"verschiebe(X_pool, {t}) schiebt einen Teil des Bilds über den Rand.",
            f"shifting X_pool by {t} pushes part of the image over the border.",
        )
    before, after = maxpool_forward(X, size), maxpool_forward(shifted(X, t), size)
    H, W = before.shape[-2:]
    if any(
        np.allclose(after, shifted(before, (u, v)))
        for u in range(-H, H + 1)
        for v in range(-W, W + 1)
    ):
        fail(
            f"MaxPool(T_t X_pool) ist für t = {t} eine Verschiebung von MaxPool(X_pool): "
            "kein Gegenbeispiel.",
            f"MaxPool(T_t X_pool) is a shift of MaxPool(X_pool) for t = {t}: no counterexample.",
        )


# ---------------------------------------------------------------- matchers of wrong certificates


def _shift_of(value: Any, key: str) -> tuple[int, int] | None:
    try:
        t = np.asarray(value[key], dtype=float)
    except (TypeError, KeyError, IndexError, ValueError):
        return None
    return (int(t[0]), int(t[1])) if t.shape == (2,) else None


def zero_shift(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    return _shift_of(value, "shift") == (0, 0)


def content_lost(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
    t = _shift_of(value, "shift")
    try:
        X = np.asarray(value["X"], dtype=float)
    except (TypeError, KeyError, ValueError):
        return False
    return t is not None and X.ndim == 4 and loses_content(X, t)


def pool_shift_multiple_of_stride(
    value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> bool:
    t = _shift_of(value, "shift_pool")
    return t is not None and t[0] % 2 == 0 and t[1] % 2 == 0
