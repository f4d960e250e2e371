import numpy as np
import pytest

from autograder.grading import checks
from autograder.i18n import Text

pytestmark = pytest.mark.task("one_cycle_lr")

LR = Text("Lernrate pro Schritt", "learning rate per step")


def _schedule(function, total, max_lr, **kwargs):
    return [function(step, total, max_lr, **kwargs) for step in range(total)]


def _compare(student, reference, figure, total, max_lr, **kwargs):
    expected = _schedule(reference.one_cycle_lr, total, max_lr, **kwargs)
    got = []
    try:
        for step in range(total):
            value = student.one_cycle_lr(step, total, max_lr, **kwargs)
            got.append(checks.as_float(value, Text(f"η im Schritt {step}", f"η in step {step}")))
    finally:
        figure.curves(
            LR,
            {Text("Ihre Lösung", "your solution"): got, Text("Referenz", "reference"): expected},
            xlabel=Text("Schritt", "step"),
            ylabel="η",
        )
    label = Text("Lernraten (Index = Schritt k)", "learning rates (index = step k)")
    checks.assert_close(np.array(got), np.array(expected), label)


@pytest.mark.weight(2)
def test_defaults(student, reference, rng, figure):
    _compare(student, reference, figure, int(rng.integers(20, 60)), float(rng.uniform(0.01, 1)))


@pytest.mark.weight(2)
def test_fractional_peak(student, reference, rng, figure):
    """pct_start · total_steps is not a whole number: the peak lies between two steps."""
    total = int(rng.integers(15, 40)) * 2 + 1
    _compare(student, reference, figure, total, float(rng.uniform(0.1, 3)), pct_start=0.25)


def test_all_factors(student, reference, rng, figure):
    _compare(
        student,
        reference,
        figure,
        int(rng.integers(20, 50)),
        float(rng.uniform(0.01, 1)),
        pct_start=float(rng.uniform(0.2, 0.5)),
        div_factor=float(rng.uniform(5, 30)),
        final_div_factor=float(rng.uniform(50, 1e4)),
    )
