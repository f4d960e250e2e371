"""Reference results are computed once per batch, and a cached answer cannot be tampered with."""

import types

import numpy as np

from autograder.engine.reference import CachedReference, SharedResults, call_key
from tests.conftest import A01


def test_keys_follow_values_dtypes_and_shapes():
    a = np.arange(6.0)
    assert call_key("f", (a,), {}) == call_key("f", (a.copy(),), {})
    assert call_key("f", (a,), {}) != call_key("f", (a.astype(np.float32),), {})
    assert call_key("f", (a,), {}) != call_key("f", (a.reshape(2, 3),), {})
    assert call_key("f", (a,), {"eta": 0.5}) != call_key("f", (a,), {"eta": 0.25})
    assert call_key("f", (a,), {}) != call_key("g", (a,), {})
    assert call_key("f", (lambda x: x,), {}) is None  # not fingerprintable: not cached


def test_repeated_calls_come_from_memory_as_copies():
    calls = []
    module = types.ModuleType("ref")

    def double(x):
        calls.append(1)
        return x * 2

    module.double = double
    module.CONSTANT = 3
    cached = CachedReference(module)
    first = cached.double(np.ones(3))
    first[0] = 99.0  # a grader modifying its result
    second = cached.double(np.ones(3))
    assert len(calls) == 1 and cached.hits == 1
    np.testing.assert_array_equal(second, [2.0, 2.0, 2.0])
    assert cached.CONSTANT == 3


def test_a_batch_asks_the_reference_once(grade_sources, model_sources, grader):
    before = grader.reference.hits
    first = grade_sources(model_sources, only={"bce_sgd_step"}, name="one")
    second = grade_sources(model_sources, only={"bce_sgd_step"}, name="two")
    assert grader.reference.hits > before
    assert first.task("bce_sgd_step").score == second.task("bce_sgd_step").score
    assert A01 in grader.assignment.aid


def test_grader_processes_of_a_batch_share_one_computation(tmp_path):
    """Two processes' caches over one shared folder: the reference runs once for both."""
    calls = []
    module = types.ModuleType("ref")

    def slow_square(x):
        calls.append(1)
        return (x**2, {"sum": float(x.sum())})

    module.slow_square = slow_square
    shared = SharedResults(tmp_path)
    first = CachedReference(module, shared).slow_square(np.arange(3.0))
    other_process = CachedReference(module, SharedResults(tmp_path))
    second = other_process.slow_square(np.arange(3.0))
    assert len(calls) == 1 and shared.computed == 1
    np.testing.assert_array_equal(first[0], second[0])
    assert first[1] == second[1] == {"sum": 3.0}
    other_process.slow_square(np.arange(4.0))  # another question is computed anew
    assert len(calls) == 2
