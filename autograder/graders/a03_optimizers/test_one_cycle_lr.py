"""one_cycle_lr(step, total_steps, max_lr, …): the 1cycle policy with linear annealing, step by step."""

import numpy as np

from autograder.authoring import Task, Text, as_float, assert_close

task = Task("one_cycle_lr")
LR = Text("Lernrate pro Schritt", "learning rate per step")


def _schedule(function, total, max_lr, **kwargs):
    return [function(step, total, max_lr, **kwargs) for step in range(total)]


def _compare(student, reference, figure, total, max_lr, **kwargs):
    expected = _schedule(reference.one_cycle_lr, total, max_lr, **kwargs)
    got = []
    try:
        for step in range(total):
            value = student.one_cycle_lr(step, total, max_lr, **kwargs)
            got.append(as_float(value, Text(f"η im Schritt {step}", f"η in step {step}")))
    finally:
        figure.compare_curves(LR, got, expected, xlabel=Text("Schritt", "step"), ylabel="η")
    label = Text("Lernraten (Index = Schritt k)", "learning rates (index = step k)")
    assert_close(np.array(got), np.array(expected), label)


@task.test(weight=2)
def test_defaults(student, reference, rng, figure):
    _compare(student, reference, figure, int(rng.integers(20, 60)), float(rng.uniform(0.01, 1)))


@task.test(weight=2)
def test_fractional_peak(student, reference, rng, figure):
    """pct_start · total_steps is not a whole number: the peak lies between two steps."""
    total = int(rng.integers(15, 40)) * 2 + 1
    _compare(student, reference, figure, total, float(rng.uniform(0.1, 3)), pct_start=0.25)


@task.test()
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


PEAK = "peak_step = float(pct_start * total_steps) - 1"
RISE = "initial_lr + step / peak_step * (max_lr - initial_lr)"
FALL = "max_lr + (step - peak_step) / (last_step - peak_step) * (min_lr - max_lr)"
task.mistake(
    "peak_one_late",
    "Spitze bei p·K statt bei p·K − 1",
    "peak at p·K instead of p·K − 1",
    (PEAK, "peak_step = float(pct_start * total_steps)"),
)
task.mistake(
    "peak_rounded",
    "Spitze auf eine ganze Zahl abgerundet (int(p·K) − 1)",
    "peak rounded down to a whole step (int(p·K) − 1)",
    (PEAK, "peak_step = int(pct_start * total_steps) - 1"),
)
task.mistake(
    "end_one_late",
    "Ende bei K statt bei K − 1 (η_min wird nie erreicht)",
    "end at K instead of K − 1 (η_min is never reached)",
    ("last_step = total_steps - 1", "last_step = total_steps"),
)
task.mistake(
    "min_lr_from_max",
    "η_min = η_max/f statt η₀/f",
    "η_min = η_max/f instead of η₀/f",
    ("min_lr = initial_lr / final_div_factor", "min_lr = max_lr / final_div_factor"),
)
task.mistake(
    "cosine",
    "Kosinus- statt linearer Interpolation",
    "cosine instead of linear annealing",
    (RISE, "max_lr + (initial_lr - max_lr) / 2 * (1 + np.cos(np.pi * step / peak_step))"),
    (
        FALL,
        "min_lr + (max_lr - min_lr) / 2"
        " * (1 + np.cos(np.pi * (step - peak_step) / (last_step - peak_step)))",
    ),
)
