"""Pictures for the feedback: a grader records curves or 2-D paths, shown when its test fails.

In a hidden test::

    def test_adam_trajectory(student, reference, rng, figure):
        mine, ref = student.minimize(...), reference.minimize(...)
        figure.trajectories(Text("Adam auf der Rosenbrock-Funktion", "Adam on Rosenbrock"),
                            {"Ihre Lösung": mine, "Referenz": ref})
        checks.assert_close(mine, ref, "Trajektorie")

Only plain numbers are kept (student results are untrusted data): each series is converted to
finite float pairs, thinned to at most ``MAX_POINTS`` points, and dropped if it is not a 1-D
curve or an (n, 2) path. Recording never fails a test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from autograder.i18n import Text
from autograder.results.model import Figure, Series

MAX_POINTS = 400
MAX_FIGURES_PER_TEST = 2
MAX_FIGURES_PER_TASK = 2

Label = str | Text


def _thin(points: np.ndarray) -> np.ndarray:
    if len(points) <= MAX_POINTS:
        return points
    keep = np.unique(np.linspace(0, len(points) - 1, MAX_POINTS).round().astype(int))
    return points[keep]


def as_points(values: Any, kind: str) -> np.ndarray | None:
    """The (n, 2) finite points of a curve (index → value) or a path; None if unusable."""
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError, OverflowError):
        return None
    if kind == "curves":
        if array.ndim != 1:
            return None
        array = np.column_stack([np.arange(len(array), dtype=np.float64), array])
    elif array.ndim != 2 or array.shape[1] != 2:
        return None
    finite = array[np.isfinite(array).all(axis=1)]
    return _thin(finite) if len(finite) >= 2 else None  # one point is no picture


def shown_figures(figures: list[Figure]) -> list[Figure]:
    """The figures a task shows: the first of each title, at most ``MAX_FIGURES_PER_TASK``."""
    chosen: dict[str, Figure] = {}
    for figure in figures:
        chosen.setdefault(figure.title, figure)
    return list(chosen.values())[:MAX_FIGURES_PER_TASK]


@dataclass
class FigureRecorder:
    """The ``figure`` fixture: figures one hidden test wants to show if it fails."""

    resolve: Any  # Callable[[Label], str]: the student's language
    figures: list[Figure] = field(default_factory=list)

    def curves(
        self, title: Label, series: dict[Label, Any], xlabel: Label = "", ylabel: Label = ""
    ) -> None:
        """Curves over their index (a loss per epoch, a norm per layer)."""
        self._add("curves", title, series, xlabel, ylabel)

    def trajectories(self, title: Label, series: dict[Label, Any]) -> None:
        """Paths through the plane, each an (n, 2) array (an optimizer's iterates w₀, w₁, …)."""
        self._add("trajectories", title, series, "w₁", "w₂")

    def _add(
        self, kind: str, title: Label, series: dict[Label, Any], xlabel: Label, ylabel: Label
    ) -> None:
        if len(self.figures) >= MAX_FIGURES_PER_TEST:
            return
        kept = []
        for label, values in series.items():
            points = as_points(values, kind)
            if points is not None:
                kept.append(
                    Series(self.resolve(label), points[:, 0].tolist(), points[:, 1].tolist())
                )
        if kept:
            self.figures.append(
                Figure(self.resolve(title), kind, kept, self.resolve(xlabel), self.resolve(ylabel))
            )
