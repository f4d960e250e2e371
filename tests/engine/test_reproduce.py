"""The one small call a page may show for an uncatalogued mistake, and what it never shows."""

import numpy as np

from autograder.engine.proxy import CallRecord
from autograder.engine.reproduce import (
    MAX_CHARS,
    MAX_NUMBERS,
    call_source,
    failing_call,
    with_call,
)
from autograder.i18n import Text
from autograder.sandbox.errors import CallTimeout, StudentException


class Reference:
    @staticmethod
    def neuron(w, X, activation="step"):
        return (np.asarray(X) @ np.asarray(w)[1:] + w[0] >= 0).astype(float)


def _record(*args, value=None, error=None, **kwargs):
    return CallRecord("neuron", args, kwargs, value, error)


def test_the_call_is_python_source_a_student_can_paste():
    record = _record(np.array([0.5, -1.0, 2.0]), np.array([[0.0, 1.0]]), activation="step")
    assert call_source(record) == (
        "neuron(np.array([0.5, -1.0, 2.0]), np.array([[0.0, 1.0]]), activation='step')"
    )
    single = _record(np.array([1.0], dtype=np.float32), (3,), {"m": np.int64(2)})
    assert call_source(single) == "neuron(np.array([1.0], dtype=np.float32), (3,), {'m': 2})"


def test_large_inputs_and_values_without_a_literal_are_never_shown():
    assert call_source(_record(np.zeros(MAX_NUMBERS + 1))) is None
    assert call_source(_record(np.zeros(MAX_NUMBERS // 2), np.zeros(MAX_NUMBERS // 2 + 1))) is None
    assert call_source(_record(np.random.default_rng(0))) is None
    assert call_source(_record(lambda w: w)) is None
    assert call_source(_record("x" * 300)) is None
    assert call_source(_record()) is None  # no arguments: nothing to reproduce


def test_the_first_call_that_differs_from_the_reference_is_chosen():
    w, right, wrong = np.array([0.0, 1.0, 1.0]), np.array([[1.0, 1.0]]), np.array([[0.0, 0.0]])
    records = [
        _record(w, right, value=np.array([1.0])),  # correct
        _record(w, wrong, value=np.array([0.0])),  # wrong: the reference gives 1 at z = 0
    ]
    assert (
        failing_call(records, Reference)
        == "neuron(np.array([0.0, 1.0, 1.0]), np.array([[0.0, 0.0]]))"
    )
    assert failing_call(records[:1], Reference) is None  # nothing wrong, nothing shown


def test_exceptions_count_timeouts_stubs_and_quiz_answers_do_not():
    w, X = np.array([0.0, 1.0, 1.0]), np.array([[0.0, 0.0]])
    raised = _record(w, X, error=StudentException("ValueError", "bad"))
    assert failing_call([raised], Reference) is not None
    stub = _record(w, X, error=StudentException("NotImplementedError", ""))
    slow = _record(w, X, error=CallTimeout(10.0))
    assert failing_call([stub, slow], Reference) is None
    answer = CallRecord("antwort_1", (), {"variable": "antwort_1"}, {"a"})
    assert failing_call([answer], type("Key", (), {"antwort_1": lambda: {"c"}})) is None


def test_the_call_follows_the_message_as_its_own_sentence():
    text = with_call(Text("`neuron` löste ValueError aus: bad", "raised: bad"), "neuron(1)")
    assert (
        text.de
        == "`neuron` löste ValueError aus: bad. Zum Nachvollziehen in Ihrem Notebook: `neuron(1)`."
    )
    assert text.en.endswith("bad. To reproduce it in your notebook: `neuron(1)`.")


def test_the_instructor_guide_states_the_same_limits():
    from tests.conftest import REPO

    guide = " ".join((REPO / "docs" / "instructor.md").read_text().split())
    assert f"at most {MAX_NUMBERS} numbers" in guide and f"{MAX_CHARS} characters" in guide
    assert "hidden inputs never appear" not in guide.lower()
