"""Drive a student's step function and the reference side by side and compare every update.

Both runs start from the same point and state and are fed the same gradients; each one
carries its own results forward, like a training loop. Compared at every step: the update
Δw = w_new − w (CONVENTIONS.md: a wrong update hides under w ≈ 1 and a small η) and each
returned state. A 2-D run records both paths for the feedback figure.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pytest

from autograder.authoring import CheckFailure, Text, as_array, as_tuple, assert_close

SCALES = (1e-5, 1e-3, 1.0)  # gradient magnitudes: |g| ≤ 1e-5 exposes a misplaced ε

# step(k, w, states) → the raw return value (w_new or a tuple (w_new, *states))
Step = Callable[[int, np.ndarray, tuple[np.ndarray, ...]], Any]


def gradients(rng: np.random.Generator, steps: int, d: int, scale: float) -> list[np.ndarray]:
    """Stochastic gradients of magnitude ≈ ``scale`` that change size and sign from step to step."""
    return [scale * rng.uniform(0.3, 3.0) * rng.normal(size=d) for _ in range(steps)]


def _unpack(value: Any, n_states: int, k: int) -> tuple[Any, tuple[Any, ...]]:
    if n_states == 0:
        return value, ()
    names = Text(f"Rückgabe im Schritt {k}", f"return value in step {k}")
    w_new, *states = as_tuple(value, n_states + 1, names)
    return w_new, tuple(states)


def _reference_path(
    step: Step, w0: np.ndarray, states0: tuple[np.ndarray, ...], steps: int
) -> list[tuple[np.ndarray, tuple[np.ndarray, ...]]]:
    path = [(w0, states0)]
    for k in range(steps):
        w, states = path[-1]
        w_new, new_states = _unpack(step(k, w, states), len(states0), k + 1)
        path.append((np.asarray(w_new, dtype=float), tuple(np.asarray(s) for s in new_states)))
    return path


def compare_runs(
    student: Step,
    reference: Step,
    w0: np.ndarray,
    states0: Sequence[np.ndarray],
    state_names: Sequence[str],
    steps: int,
    figure: Any = None,
    title: Text | None = None,
) -> None:
    """Run ``steps`` updates of both; fail with the first update or state that differs.

    The student's run goes on after a difference (as long as its results are usable), so the
    feedback figure shows both whole paths.
    """
    states0 = tuple(np.asarray(s, dtype=float) for s in states0)
    expected = _reference_path(reference, w0, states0, steps)
    for w, states in expected:  # the grader's own inputs must keep the reference finite
        assert all(np.isfinite(a).all() for a in (w, *states)), "non-finite reference run"
    mine = [w0]
    first: CheckFailure | None = None
    try:
        w, states = w0, states0
        for k in range(1, steps + 1):
            try:
                w_new, states = _student_step(student, k, w, states, state_names)
            except Exception:
                if first is not None:
                    break  # the first difference explains more than a later crash
                raise
            mine.append(w_new)
            if first is None:
                first = _difference(k, w, w_new, states, expected, state_names)
            w = w_new
    finally:
        if figure is not None and title is not None and w0.shape == (2,):
            figure.compare_paths(title, np.array(mine), np.array([p[0] for p in expected]))
    if first is not None:
        raise first


def _student_step(
    student: Step, k: int, w: np.ndarray, states: tuple[np.ndarray, ...], names: Sequence[str]
) -> tuple[np.ndarray, tuple[np.ndarray, ...]]:
    """The student's update k as float arrays of w's shape (a clear failure if unusable)."""
    w_new, new_states = _unpack(student(k - 1, w, states), len(states), k)
    w_new = as_array(w_new, Text(f"w_neu im Schritt {k}", f"w_new in step {k}"), w.shape)
    new_states = tuple(
        as_array(s, Text(f"{n}_neu im Schritt {k}", f"{n}_new in step {k}"), w.shape)
        for n, s in zip(names, new_states, strict=True)
    )
    return w_new.astype(float), tuple(s.astype(float) for s in new_states)


def _difference(
    k: int,
    w: np.ndarray,
    w_new: np.ndarray,
    states: tuple[np.ndarray, ...],
    expected: list[tuple[np.ndarray, tuple[np.ndarray, ...]]],
    names: Sequence[str],
) -> CheckFailure | None:
    """How update k differs from the reference's (Δw first, then each state), if it does."""
    want_w, want_states = expected[k]
    try:
        assert_close(
            w_new - w,
            want_w - expected[k - 1][0],
            Text(f"Δw = w_neu − w im Schritt {k}", f"Δw = w_new − w in step {k}"),
        )
        for name, got, want in zip(names, states, want_states, strict=True):
            assert_close(got, want, Text(f"{name}_neu im Schritt {k}", f"{name}_new in step {k}"))
    except CheckFailure as failure:
        return failure
    return None


def gradient_run(
    student: Any,
    reference: Any,
    rng: np.random.Generator,
    task: str,
    *,
    scale: float,
    state_names: Sequence[str] = (),
    hparams: dict[str, Any] | None = None,
    d: int = 2,
    steps: int = 12,
    counts_t: bool = False,
    warmup: int = 0,
    figure: Any = None,
) -> None:
    """Compare ``task(w, grad, *states[, t], **hparams)`` over a run of stochastic gradients
    (a task's file binds its fixed options: ``partial(gradient_run, task=…, state_names=…)``).

    ``warmup`` reference steps first produce a consistent, non-zero state to start from; with
    ``counts_t`` the update number t = 1, 2, … (counting the warm-up) follows the states.
    """
    hparams = hparams or {}
    grads = gradients(rng, warmup + steps, d, scale)
    w0 = rng.normal(size=d)

    def stepper(function: Callable[..., Any], offset: int) -> Step:
        def step(k: int, w: np.ndarray, states: tuple[np.ndarray, ...]) -> Any:
            t = (offset + k + 1,) if counts_t else ()
            return function(w, grads[offset + k], *states, *t, **hparams)

        return step

    def call_student(*args: Any, **kwargs: Any) -> Any:
        return student.call(task, *args, **kwargs)

    function = getattr(reference, task)
    start = _reference_path(
        stepper(function, 0), w0, tuple(np.zeros((len(state_names), d))), warmup
    )
    w_start, states_start = start[-1]
    title = Text(
        f"Trajektorie von {task} (|g| ≈ {scale:g})", f"trajectory of {task} (|g| ≈ {scale:g})"
    )
    compare_runs(
        stepper(call_student, warmup),
        stepper(function, warmup),
        w_start,
        states_start,
        state_names,
        steps,
        figure,
        title,
    )


def trajectory_test(
    run: Callable[..., None], draw_hparams: Callable[[np.random.Generator], dict[str, float]]
) -> Callable[..., None]:
    """The usual test of a step function: one trajectory per gradient scale in ``SCALES``, with
    hyper-parameters drawn by ``draw_hparams`` (bind it to a ``test_…`` name in the task file)."""

    @pytest.mark.parametrize("scale", SCALES)
    def test(student: Any, reference: Any, rng: Any, figure: Any, scale: float) -> None:
        run(student, reference, rng, scale=scale, hparams=draw_hparams(rng), figure=figure)

    return test
