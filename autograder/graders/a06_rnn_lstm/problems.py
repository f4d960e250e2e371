"""Hidden inputs of a06 (sequences, RNN weights, LSTM gate weights) and the comparisons that
name the wrong part of a result: which of dX, dh0, dWx, dWh, db, or which LSTM gate.

Sizes are distinct (D ≠ H ≠ N), so W and Wᵀ, or [h, x] and [x, h], never fit by accident; the
recurrent weights are scaled so that tanh and the gates are neither saturated nor linear.
"""

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
    fail,
)

GATES = ("f", "i", "C", "o")
GATE_NAMES = {
    "f": Text("Forget-Gate f_t (Gl. 67)", "forget gate f_t (Eq. 67)"),
    "i": Text("Input-Gate i_t (Gl. 68)", "input gate i_t (Eq. 68)"),
    "C": Text("Kandidat C̃_t (Gl. 69)", "candidate C̃_t (Eq. 69)"),
    "o": Text("Output-Gate o_t (Gl. 71)", "output gate o_t (Eq. 71)"),
}


@dataclass(frozen=True)
class Sizes:
    T: int
    N: int
    D: int
    H: int

    def label(self, task_id: str) -> str:
        return f"{task_id}, T = {self.T}, N = {self.N}, D = {self.D}, H = {self.H}"


@dataclass(frozen=True)
class Draw:
    """What a case draws: sequence length T, batch N (drawn when None), its weight, the forget
    gate's extra bias, and whether only the last state gets a gradient (many-to-one)."""

    T: int
    N: int | None = None
    weight: float = 1.0
    forget_bias: float = 0.0
    last_only: bool = False


SEQUENCES = {
    "random_sequence": Draw(6, weight=2),
    "single_step_single_sample": Draw(1, N=1),
    "long_sequence": Draw(25),
}


def drawn_cases(task: Task, make: Callable[..., Call], draws: dict[str, Draw]) -> None:
    """One case per entry of ``draws``: ``make(rng, reference, draw)`` makes its call."""
    for name, draw in draws.items():

        @task.case(weight=draw.weight, name=name)
        def case(rng, reference, draw=draw):
            return make(rng, reference, draw)


Problem = Callable[[np.random.Generator, Draw], tuple[Sizes, tuple[Any, ...]]]


def problem_cases(task: Task, problem: Problem, draws: dict[str, Draw]) -> None:
    """Cases that call the task with the arguments ``problem(rng, draw)`` draws (rnn_problem,
    lstm_problem), labelled with the drawn sizes."""

    def make(rng: np.random.Generator, reference: Any, draw: Draw) -> Call:
        s, args = problem(rng, draw)
        return call(*args).labelled(s.label(task.task_id))

    drawn_cases(task, make, draws)


def sizes(rng: np.random.Generator, T: int, N: int | None = None) -> Sizes:
    """Sequence length T, and distinct N, D, H (N drawn unless given)."""
    D, H, n = (int(v) for v in rng.choice(np.arange(2, 8), size=3, replace=False))
    return Sizes(T, n if N is None else N, D, H)


def sequence(rng: np.random.Generator, s: Sizes) -> tuple[np.ndarray, np.ndarray]:
    """X of shape (T, N, D) and a start state of shape (N, H)."""
    return rng.normal(size=(s.T, s.N, s.D)), rng.normal(scale=0.5, size=(s.N, s.H))


def rnn_weights(rng: np.random.Generator, s: Sizes) -> tuple[np.ndarray, ...]:
    """Wx (H, D), Wh (H, H), b (H,)."""
    return (
        rng.normal(scale=1.0 / np.sqrt(s.D), size=(s.H, s.D)),
        rng.normal(scale=0.9 / np.sqrt(s.H), size=(s.H, s.H)),
        rng.normal(scale=0.3, size=s.H),
    )


def lstm_params(
    rng: np.random.Generator, s: Sizes, forget_bias: float = 0.0
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """W[k] of shape (H, H + D) and b[k] of shape (H,) for every gate k."""
    W = {k: rng.normal(scale=1.0 / np.sqrt(s.H + s.D), size=(s.H, s.H + s.D)) for k in GATES}
    b = {k: rng.normal(scale=0.3, size=s.H) for k in GATES}
    b["f"] = b["f"] + forget_bias
    return W, b


def rnn_problem(rng: np.random.Generator, draw: Draw) -> tuple[Sizes, tuple[np.ndarray, ...]]:
    """The sizes and the arguments (X, h0, Wx, Wh, b) of rnn_forward."""
    s = sizes(rng, draw.T, draw.N)
    return s, (*sequence(rng, s), *rnn_weights(rng, s))


def lstm_problem(rng: np.random.Generator, draw: Draw) -> tuple[Sizes, tuple[Any, ...]]:
    """The sizes and the arguments (X, h0, c0, (W, b)) of lstm_forward."""
    s = sizes(rng, draw.T, draw.N)
    X, h0 = sequence(rng, s)
    return s, (X, h0, rng.normal(size=(s.N, s.H)), lstm_params(rng, s, draw.forget_bias))


def _text(what: str | Text) -> Text:
    return what if isinstance(what, Text) else Text(what, what)


def _judge(items: list[tuple[Text, Any, Any]], what: Text, precision: np.dtype | None) -> None:
    """Check every (name, actual, expected); one wrong part: its name, the right ones and its
    details; several: all wrong names and the first one's details."""
    wrong: list[tuple[Text, CheckFailure]] = []
    for name, actual, expected in items:
        label = Text(f"{name.de} – {what.de}", f"{name.en} – {what.en}")
        try:
            assert_same(actual, expected, label, precision)
        except CheckFailure as failure:
            wrong.append((name, failure))
    if not wrong:
        return
    first = wrong[0][1].text
    if len(wrong) > 1:
        names = (", ".join(name.de for name, _ in wrong), ", ".join(name.en for name, _ in wrong))
        fail(f"Falsch sind {names[0]}. Zuerst: {first.de}", f"Wrong: {names[1]}. First: {first.en}")
    right = [name for name, _, _ in items if name != wrong[0][0]]
    right_de = f" (richtig sind {', '.join(r.de for r in right)})" if right else ""
    right_en = f" (right: {', '.join(r.en for r in right)})" if right else ""
    fail(
        f"Nur ein Teil ist falsch: {wrong[0][0].de}{right_de}. {first.de}",
        f"Only one part is wrong: {wrong[0][0].en}{right_en}. {first.en}",
    )


def named(*names: str) -> Compare:
    """A returned tuple whose items have names (dX, dh0, dWx, dWh, db): every item is checked
    and the message names all wrong ones."""

    def compare(actual: Any, expected: Any, what: Any, precision: np.dtype | None = None) -> None:
        items = as_tuple(actual, len(names), f"({', '.join(names)})")
        parts = [Text(n, n) for n in names]
        _judge(list(zip(parts, items, expected, strict=True)), _text(what), precision)

    return compare


def lstm_step(actual: Any, expected: Any, what: Any, precision: np.dtype | None = None) -> None:
    """(h_t, c_t, gates): the four gates first, each on its own (the message names the wrong
    gate), then C_t (Eq. 70) and h_t (Eq. 72)."""
    h, c, gates = as_tuple(actual, 3, "(h_t, c_t, gates)")
    expected_h, expected_c, expected_gates = expected
    if not isinstance(gates, dict) or set(gates) != set(GATES):
        fail(
            'gates sollte ein dict mit den Schlüsseln "f", "i", "C", "o" sein.',
            'gates should be a dict with the keys "f", "i", "C", "o".',
        )
    label = _text(what)
    _judge([(GATE_NAMES[k], gates[k], expected_gates[k]) for k in GATES], label, precision)
    states = [
        (Text("C_t (Gl. 70)", "C_t (Eq. 70)"), c, expected_c),
        (Text("h_t (Gl. 72)", "h_t (Eq. 72)"), h, expected_h),
    ]
    _judge(states, label, precision)
