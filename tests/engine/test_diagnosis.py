"""Naming the mistake: a recorded call is reproduced within the tolerance its inputs call for."""

from __future__ import annotations

import numpy as np

from autograder.authoring.catalogue import Entry
from autograder.authoring.compare import values_match
from autograder.engine import diagnosis
from autograder.engine.diagnosis import MistakeReplays, diagnose
from autograder.engine.proxy import CallRecord
from autograder.i18n import Text


def _doubled(x):
    return 2.0 * np.asarray(x, dtype=np.float64)


DOUBLED = Entry("f", "doubled", Text("verdoppelt", "doubled"), _doubled, "mistake")


def test_float32_inputs_are_reproduced_in_float32s_tolerance():
    """A student who computes partly in float32 and returns float64 still shows the mistake."""
    x = np.random.default_rng(1).normal(size=20).astype(np.float32)
    partly_single = (2.0 * x).astype(np.float32).astype(np.float64) * (1 + 3e-8)
    record = CallRecord("f", (x,), {}, value=partly_single)
    assert diagnose([DOUBLED], [record]) is DOUBLED


def test_float64_inputs_keep_float64s_tolerance():
    x = np.random.default_rng(1).normal(size=20)
    record = CallRecord("f", (x,), {}, value=2.0 * x * (1 + 3e-8))
    assert diagnose([DOUBLED], [record]) is None


def test_values_match_in_single_precision():
    expected = np.array([1.0, 2.0, 3.0])
    off = expected * (1 + 1e-7)
    assert not values_match(off, expected)
    assert values_match((off, {"b": off}), (expected, {"b": expected}), single=True)
    assert not values_match(expected * 1.01, expected, single=True)


def test_a_mistake_is_replayed_once_per_distinct_call():
    """Every student of a batch gets the same hidden inputs: the replay is remembered, per
    mistake and arguments (other arguments are replayed afresh)."""
    calls = []

    def counted(x):
        calls.append(1)
        return _doubled(x)

    entry = Entry("f", "doubled", Text("verdoppelt", "doubled"), counted, "mistake")
    replays = MistakeReplays()
    x = np.arange(4.0)
    for _ in range(3):
        assert diagnose([entry], [CallRecord("f", (x,), {}, value=2 * x)], replays) is entry
    assert (len(calls), replays.hits) == (1, 2)
    assert diagnose([entry], [CallRecord("f", (x + 1,), {}, value=2 * x)], replays) is None
    assert len(calls) == 2


def test_replays_of_two_mistakes_on_the_same_call_are_kept_apart():
    tripled = Entry("f", "tripled", Text("verdreifacht", "tripled"), lambda x: 3 * x, "mistake")
    replays = MistakeReplays()
    x = np.arange(3.0)
    record = CallRecord("f", (x,), {}, value=3 * x)
    assert diagnose([DOUBLED, tripled], [record], replays) is tripled
    assert diagnose([tripled, DOUBLED], [record], replays) is tripled


class _Box:
    """A result that cannot cross the sandbox (like a torch Module): only a view of it does."""

    def __init__(self, scale: float) -> None:
        self.scale = scale


def _boxed(scale):
    return _Box(2.0 * scale)


BOXED = Entry("g", "boxed", Text("verdoppelt", "doubled"), _boxed, "mistake")


def test_a_probes_view_is_applied_to_the_replayed_mistake():
    """``CallRecord.view`` turns the mistake's result (and its arguments) into what the
    worker's helper returned, so the mistake is named though its result never crossed."""

    def view(box, args):
        return np.array([box.scale, args[0]])

    record = CallRecord("g", (1.5,), {}, value=np.array([3.0, 1.5]), view=view)
    assert record.replay(_boxed).tolist() == [3.0, 1.5]
    assert diagnose([BOXED], [record]) is BOXED
    assert diagnose([BOXED], [CallRecord("g", (1.5,), {}, value=np.array([3.0, 1.5]))]) is None
    other = CallRecord("g", (1.5,), {}, value=np.array([1.5, 1.5]), view=view)
    assert diagnose([BOXED], [other]) is None


def test_replays_seen_through_different_views_are_kept_apart():
    def scale_only(box, args):
        return np.array([box.scale])

    def scale_and_argument(box, args):
        return np.array([box.scale, args[0]])

    replays = MistakeReplays()
    first = CallRecord("g", (1.5,), {}, value=np.array([3.0]), view=scale_only)
    second = CallRecord("g", (1.5,), {}, value=np.array([3.0, 1.5]), view=scale_and_argument)
    assert diagnose([BOXED], [first], replays) is BOXED
    assert diagnose([BOXED], [second], replays) is BOXED
    assert replays.hits == 0


def test_replays_through_one_view_with_other_drawn_data_are_kept_apart():
    """a07's view closes over weights drawn from the seed; the arguments alone are the same
    under every seed. One grader asked under two seeds (practice attempts) must replay both."""

    def drawn_view(weight):
        def view(box, args):
            return np.array([box.scale * weight])

        return view

    replays = MistakeReplays()
    for weight in (1.0, 5.0, 1.0):
        record = CallRecord(
            "g", (1.5,), {}, value=np.array([3.0 * weight]), view=drawn_view(weight)
        )
        assert diagnose([BOXED], [record], replays) is BOXED
    assert replays.hits == 1  # the third call is the first one again


def test_a_calls_arguments_are_fingerprinted_once_per_diagnosis(monkeypatch):
    """Every mistake of the catalogue asks for the same call: its arguments are hashed once."""
    hashed = []
    original = diagnosis.call_key
    monkeypatch.setattr(diagnosis, "call_key", lambda *a: hashed.append(1) or original(*a))
    others = [
        Entry("f", f"times_{k}", Text("mal", "times"), lambda x, k=k: k * x, "m") for k in (3, 4)
    ]
    x = np.arange(3.0)
    record = CallRecord("f", (x,), {}, value=2 * x)
    assert diagnose([*others, DOUBLED], [record], MistakeReplays()) is DOUBLED
    assert len(hashed) == 1
