"""Tolerances that follow the dtype of the student's result (CONVENTIONS.md, "Tolerances").

float64: rtol 1e-9, atol 1e-12·scale; float32: rtol 1e-5, atol 1e-6·scale, where scale is the
magnitude of the reference, not a constant. Long sums or many steps may widen float32 via
``long_run=True`` (atol 1e-4·scale).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from autograder.i18n import Text


@dataclass(frozen=True)
class Tolerance:
    rtol: float
    atol: float

    def describe(self) -> Text:
        """In words a student understands: rtol 1e-9 is "auf 9 Stellen genau" (atol only
        matters for values near 0, where it is a tiny fraction of the largest value)."""
        digits = -math.log10(self.rtol) if self.rtol > 0 else 0.0
        if digits >= 1 and abs(digits - round(digits)) < 1e-9:
            return Text(f"auf {round(digits)} Stellen genau", f"accurate to {round(digits)} digits")
        if self.rtol > 0:
            return Text(
                f"relative Abweichung höchstens {self.rtol:.2g}",
                f"relative deviation at most {self.rtol:.2g}",
            )
        return Text(f"Abweichung höchstens {self.atol:.2g}", f"deviation at most {self.atol:.2g}")


def _is_single_precision(dtype: np.dtype) -> bool:
    return dtype.kind in "fc" and dtype.itemsize <= (8 if dtype.kind == "c" else 4)


def tolerance_for(
    student_dtype: np.dtype, reference: np.ndarray, long_run: bool = False
) -> Tolerance:
    """Tolerance for comparing a student's array of ``student_dtype`` against ``reference``."""
    finite = np.abs(reference[np.isfinite(reference)]) if reference.size else np.zeros(0)
    scale = float(finite.max()) if finite.size and finite.max() > 0 else 1.0
    if _is_single_precision(student_dtype):
        return Tolerance(1e-5, (1e-4 if long_run else 1e-6) * scale)
    return Tolerance(1e-9, 1e-12 * scale)


def close_mask(actual: np.ndarray, expected: np.ndarray, tol: Tolerance) -> np.ndarray:
    """Elementwise |a − e| ≤ atol + rtol·|e|; NaN/inf must sit where the reference has them."""
    a = actual.astype(np.complex128 if actual.dtype.kind == "c" else np.float64)
    e = expected.astype(np.complex128 if expected.dtype.kind == "c" else np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        close = np.abs(a - e) <= tol.atol + tol.rtol * np.abs(e)
    same_nonfinite = (np.isnan(a) & np.isnan(e)) | (np.isinf(a) & (a == e))
    return np.asarray(close | same_nonfinite)
