"""a06's comparisons name the wrong part: the one wrong LSTM gate, every wrong BPTT gradient."""

import numpy as np
import pytest

from autograder.authoring import CheckFailure
from autograder.graders.a06_rnn_lstm.problems import GATES, lstm_step, named
from solutions import a06_rnn_lstm as ref


@pytest.fixture(scope="module")
def step():
    rng = np.random.default_rng(0)
    W = {k: rng.normal(size=(4, 7)) for k in GATES}
    b = {k: rng.normal(size=4) for k in GATES}
    return ref.lstm_cell(
        rng.normal(size=(2, 3)), rng.normal(size=(2, 4)), rng.normal(size=(2, 4)), W, b
    )


@pytest.mark.parametrize(
    ("gate", "name"),
    [
        ("f", "Forget-Gate f_t"),
        ("i", "Input-Gate i_t"),
        ("C", "Kandidat C̃_t"),
        ("o", "Output-Gate o_t"),
    ],
)
def test_one_wrong_gate_is_named(step, gate, name):
    h, c, gates = step
    wrong = {**gates, gate: gates[gate] + 1e-3}
    with pytest.raises(CheckFailure) as failure:
        lstm_step((h, c, wrong), step, "lstm_cell")
    assert failure.value.text.de.startswith(f"Nur ein Teil ist falsch: {name}")
    others = [n for n in ("Forget-Gate", "Input-Gate", "Kandidat", "Output-Gate") if n not in name]
    assert all(other in failure.value.text.de.split("richtig sind")[1] for other in others)


def test_right_gates_and_a_wrong_state_name_the_state(step):
    h, c, gates = step
    with pytest.raises(CheckFailure) as failure:
        lstm_step((h * 1.01, c, gates), step, "lstm_cell")
    assert failure.value.text.de.startswith("Nur ein Teil ist falsch: h_t (Gl. 72)")
    lstm_step(step, step, "lstm_cell")  # the reference's own result passes


def test_gates_must_be_a_dict_of_the_four_gates(step):
    h, c, gates = step
    with pytest.raises(CheckFailure, match="dict"):
        lstm_step((h, c, list(gates.values())), step, "lstm_cell")


def test_every_wrong_gradient_is_named():
    expected = tuple(np.arange(3.0) + k for k in range(5))
    compare = named("dX", "dh0", "dWx", "dWh", "db")
    with pytest.raises(CheckFailure) as failure:
        compare(
            (expected[0], expected[1] * 2, expected[2], expected[3] * 2, expected[4]), expected, "x"
        )
    assert failure.value.text.de.startswith("Falsch sind dh0, dWh.")
    assert failure.value.text.en.startswith("Wrong: dh0, dWh.")
