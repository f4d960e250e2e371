"""Localising a wrong backward pass: first wrong layer from the output, constant factors."""

import itertools

import numpy as np
import pytest

from autograder.authoring.checks import CheckFailure
from autograder.authoring.localize import (
    assert_close_or_factor,
    assert_layers_close,
    constant_factor,
    layer_name,
)


def _grads(rng, sizes=(4, 6, 5, 3)):
    return [(rng.normal(size=(b, a)), rng.normal(size=b)) for a, b in itertools.pairwise(sizes)]


def _failure(got, expected, **kwargs):
    with pytest.raises(CheckFailure) as info:
        assert_layers_close(got, expected, "backward", **kwargs)
    return info.value.text


def test_layer_names():
    assert layer_name(2, 3).de == "Ausgabeschicht (Schicht 3)"
    assert layer_name(1, 3).de == "verdeckte Schicht 2"
    assert layer_name(0, 3).en == "hidden layer 1"


def test_correct_layers_pass_also_as_lists_and_float32():
    expected = _grads(np.random.default_rng(0))
    assert_layers_close([list(layer) for layer in expected], expected, "backward")
    f32 = [(W.astype(np.float32), b.astype(np.float32)) for W, b in expected]
    assert_layers_close(f32, expected, "backward")


def test_names_the_first_wrong_layer_from_the_output():
    expected = _grads(np.random.default_rng(1))
    got = [(W.copy(), b.copy()) for W, b in expected]
    got[1] = (got[1][0] + 0.1, got[1][1])
    got[0] = (got[0][0], got[0][1] - 1.0)  # further from the output: not the first reported
    text = _failure(got, expected)
    assert (
        "liegt in der verdeckten Schicht 2" in text.de and "dW der verdeckten Schicht 2" in text.de
    )
    assert "Schicht 3 stimmt" in text.de
    assert "hidden layer 2" in text.en
    assert "Faktor" not in text.de


def test_output_layer_db():
    expected = _grads(np.random.default_rng(2))
    got = [(W.copy(), b.copy()) for W, b in expected]
    got[2] = (got[2][0], -got[2][1] + 1.0)
    text = _failure(got, expected)
    assert text.de.startswith("Schon die Ausgabeschicht weicht ab.")
    assert "db der Ausgabeschicht" in text.de


@pytest.mark.parametrize(
    ("factor", "hint"),
    [(0.5, "1/2-fache"), (2.0, "2-fache"), (8.0, "N-fache"), (1 / 8, "1/N-fache")],
)
def test_constant_factors_are_named(factor, hint):
    expected = _grads(np.random.default_rng(3))
    got = [(W.copy(), b.copy()) for W, b in expected]
    got[0] = (got[0][0] * factor, got[0][1])
    text = _failure(got, expected, batch_size=8)
    assert hint in text.de and "Faktor 2 bzw. 1/N vergessen?" in text.de
    assert "factor 2 or 1/N forgotten?" in text.en
    assert "verdeckten Schicht 1" in text.de


def test_other_constants_and_sign():
    expected = np.random.default_rng(4).normal(size=(3, 4))
    assert constant_factor(expected * 3.7, expected) == pytest.approx(3.7)
    assert constant_factor(expected + 1e-3, expected) is None
    assert constant_factor(expected, expected) is None
    assert constant_factor(np.zeros_like(expected), expected) is None
    with pytest.raises(CheckFailure) as info:
        assert_close_or_factor(-expected, expected, "δ")
    assert "Vorzeichen vertauscht" in info.value.text.de
    with pytest.raises(CheckFailure) as info:
        assert_close_or_factor(expected * 3.7, expected, "δ", batch_size=5)
    assert "Faktor 3.7" in info.value.text.de


def test_wrong_structure_and_shapes():
    expected = _grads(np.random.default_rng(5))
    assert "3 Elementen" in _failure(expected[:2], expected).de
    got = [(W.T, b) for W, b in expected]
    text = _failure(got, expected)
    assert "Form (5, 3) statt (3, 5)" in text.de and "Ausgabeschicht" in text.de
    text = _failure([(W, b, b) for W, b in expected], expected)
    assert "2 Elementen" in text.de


def test_float32_inputs_get_float32_tolerance_even_as_float64():
    expected = np.random.default_rng(6).normal(size=(4, 3))
    noisy = expected * (1 + 1e-7)  # float32 rounding, returned as float64
    assert_close_or_factor(noisy, expected, "dW", precision=np.float32)
    with pytest.raises(CheckFailure):
        assert_close_or_factor(noisy, expected, "dW")
    layers = [(noisy, expected[0])]
    assert_layers_close(layers, [(expected, expected[0])], "backward", precision=np.float32)
    with pytest.raises(CheckFailure):
        assert_layers_close(layers, [(expected, expected[0])], "backward")


def test_long_run_widens_float32_atol_only():
    expected = np.random.default_rng(7).normal(size=(5, 4))
    got = (expected + 5e-6 * np.abs(expected).max()).astype(np.float32)  # a chain's rounding
    with pytest.raises(CheckFailure):
        assert_close_or_factor(got, expected, "dW")
    assert_close_or_factor(got, expected, "dW", long_run=True)
    with pytest.raises(CheckFailure):  # float64 keeps its tolerance
        assert_close_or_factor(got.astype(np.float64), expected, "dW", long_run=True)


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        # 1/N forgotten: every layer is off by the same factor N, found at the output layer
        ("missing_1_over_N", ["Schon die Ausgabeschicht weicht ab", "N-fache", "1/N vergessen?"]),
        # σ′ forgotten in the hidden layers: the output layer is right, a hidden one is not
        ("hidden_derivative_forgotten", ["stimm", "erste Abweichung", "verdeckten Schicht"]),
        ("db_wrong_axis", ["Schon die Ausgabeschicht weicht ab", "db"]),
    ],
)
def test_backward_feedback_names_the_first_wrong_layer_and_the_factor(key, expected):
    """a02's real graders on catalogued mistakes, not synthetic arrays: where and how wrong."""
    from autograder.engine.runner import load_catalogue
    from tests.engine.test_catalogues import kit

    entry = next(e for e in load_catalogue("a02_mlp_backprop").mistakes("backward") if e.key == key)
    task = kit("a02_mlp_backprop").grade_entry(entry)
    assert task.score < task.max_score
    for text in expected:
        assert text in task.feedback, (text, task.feedback)
