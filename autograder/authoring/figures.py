"""Pictures for the feedback: a grader records curves or 2-D paths, shown when its test fails.

In a hidden test::

    def test_adam_trajectory(student, reference, rng, figure):
        mine, ref = student.minimize(...), reference.minimize(...)
        figure.compare_paths(Text("Adam auf der Rosenbrock-Funktion", "Adam on Rosenbrock"),
                             mine, ref)
        checks.assert_close(mine, ref, "Trajektorie")

Only plain numbers are kept (student results are untrusted data): each series is converted to
finite float pairs, thinned to at most ``MAX_POINTS`` points, and dropped if it is not a 1-D
curve or an (n, 2) path. Recording never fails a test.

A figure must never contradict the score: with two series, the student's first and the
reference's second, that lie on top of each other to the eye (they differ by less than
``SAME_TO_THE_EYE`` of the picture's extent), the picture shows instead how far apart they are
per step, on a log scale; if they agree to float64 precision (the failed check was about
something the picture does not show, e.g. a returned state), there is no figure.
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
SAME_TO_THE_EYE = 0.01  # of the reference's extent: closer than this, the lines overlap
AGREE = 1e-9  # of the reference's magnitude: closer than this, the series are the same

Label = str | Text
DISTANCE = Text("Abstand zur Referenz", "distance from the reference")
YOURS = Text("Ihre Lösung", "your solution")
REFERENCE = Text("Referenz", "reference")


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


def _values(points: np.ndarray, kind: str) -> np.ndarray:
    return points[:, 1:] if kind == "curves" else points


def _extent(values: np.ndarray) -> float:
    span = float(np.ptp(values, axis=0).max())
    return span if span > 0 else max(float(np.abs(values).max()), 1.0)


def deviation(student: np.ndarray, reference: np.ndarray, kind: str) -> np.ndarray | None:
    """Per step, how far the student's series is from the reference's, as (step, distance)
    points, when the two would overlap in a plot (empty when they agree); None when a plot of
    both shows the difference (or the series cannot be compared point by point)."""
    if student.shape != reference.shape:
        return None
    mine, theirs = _values(student, kind), _values(reference, kind)
    distance = np.linalg.norm(mine - theirs, axis=1)
    if distance.max() >= SAME_TO_THE_EYE * _extent(theirs):
        return None
    steps = reference[:, 0] if kind == "curves" else np.arange(len(reference), dtype=np.float64)
    differs = distance > AGREE * max(float(np.abs(theirs).max()), 1e-300)
    return np.column_stack([steps, distance])[differs]  # log scale: zeros cannot be shown


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

    def compare_curves(
        self, title: Label, yours: Any, reference: Any, xlabel: Label = "", ylabel: Label = ""
    ) -> None:
        """The student's curve against the reference's ("Ihre Lösung", "Referenz")."""
        self.curves(title, {YOURS: yours, REFERENCE: reference}, xlabel, ylabel)

    def compare_paths(self, title: Label, yours: Any, reference: Any) -> None:
        """The student's path through the plane against the reference's."""
        self.trajectories(title, {YOURS: yours, REFERENCE: reference})

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
        if len(kept) == 2:
            self._add_pair(kind, title, kept, xlabel, ylabel)
        elif kept:
            self.figures.append(
                Figure(self.resolve(title), kind, kept, self.resolve(xlabel), self.resolve(ylabel))
            )

    def _add_pair(
        self, kind: str, title: Label, pair: list[Series], xlabel: Label, ylabel: Label
    ) -> None:
        """Both series, or, where they would overlap, their distance per step (or nothing)."""
        student, reference = (np.column_stack([s.x, s.y]) for s in pair)
        apart = deviation(student, reference, kind)
        if apart is None:
            self.figures.append(
                Figure(self.resolve(title), kind, pair, self.resolve(xlabel), self.resolve(ylabel))
            )
            return
        if len(apart) < 2:
            return  # the same (or one differing point): no picture that could show it
        step = xlabel if kind == "curves" else Text("Schritt", "step")
        label = self.resolve(DISTANCE)
        series = Series(label, apart[:, 0].tolist(), apart[:, 1].tolist())
        self.figures.append(
            Figure(self.resolve(title), "curves", [series], self.resolve(step), label, "log")
        )
