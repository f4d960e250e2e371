"""Statistics of initial weights: is W drawn like He normal / Xavier uniform prescribes?

With ≥ 2·10⁴ draws the sample standard deviation is within 0.5 % of σ (one standard error),
so a 4 % band separates every correct draw from He with fan_out (≥ 25 % off here), Glorot for
He (≥ 15 %) or the variance used as the standard deviation.
"""

from __future__ import annotations

import numpy as np

from autograder.i18n import Text

STD_BAND = 0.04
TAIL_NORMAL = (0.035, 0.056)  # P(|W| > 2σ) = 4.55 % for a normal distribution


def init_failure(W: np.ndarray, method: str, std: float, bound: float | None) -> Text | None:
    """Why W does not look like the prescribed distribution, or None."""
    W = W.astype(np.float64)
    mean, observed = float(W.mean()), float(W.std())
    if not np.isfinite(observed) or abs(mean) > 6 * std / np.sqrt(W.size):
        return Text(f"Mittelwert {mean:.3g} statt ≈ 0.", f"mean {mean:.3g} instead of ≈ 0.")
    if abs(observed / std - 1) > STD_BAND:
        return Text(
            f"Standardabweichung {observed:.4g} statt ≈ {std:.4g}"
            + (" = √(2/fan_in)." if bound is None else " = a/√3 mit a = √(6/(fan_in + fan_out))."),
            f"standard deviation {observed:.4g} instead of ≈ {std:.4g}"
            + (" = √(2/fan_in)." if bound is None else " = a/√3 with a = √(6/(fan_in + fan_out))."),
        )
    if bound is None:
        tail = float(np.mean(np.abs(W) > 2 * std))
        if not TAIL_NORMAL[0] <= tail <= TAIL_NORMAL[1]:
            return Text(
                f"nicht normalverteilt: {tail:.1%} der Werte liegen jenseits von 2σ (erwartet ≈ 4.6 %).",
                f"not normally distributed: {tail:.1%} of the values lie beyond 2σ (expected ≈ 4.6 %).",
            )
        return None
    largest = float(np.abs(W).max())
    if largest > bound * (1 + 1e-9) or largest < 0.98 * bound:
        return Text(
            f"nicht gleichverteilt auf [−a, a] mit a = {bound:.4g}: max |W| = {largest:.4g}.",
            f"not uniform on [−a, a] with a = {bound:.4g}: max |W| = {largest:.4g}.",
        )
    return None


def weight_std(value: object, layer: int = 0) -> float | None:
    """The standard deviation of W of ``layer`` in a student's init_params result, if readable."""
    try:
        W = np.asarray(value[layer][0], dtype=np.float64)  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return float(W.std()) if W.ndim == 2 and W.size >= 5000 else None


def weight_max(value: object, layer: int = 0) -> float | None:
    try:
        W = np.asarray(value[layer][0], dtype=np.float64)  # type: ignore[index]
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return float(np.abs(W).max()) if W.ndim == 2 and W.size >= 5000 else None
