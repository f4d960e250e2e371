import itertools

import numpy as np
import pytest

from autograder.graders.a02_mlp_backprop.statistics import init_failure
from autograder.grading import checks

count = pytest.mark.task("count_params")
init = pytest.mark.task("init_params")


def _count(student, reference, sizes):
    got = checks.as_int(student.count_params(sizes), f"count_params({sizes})")
    expected = reference.count_params(sizes)
    if got != expected:
        checks.fail(
            f"count_params({sizes}): erwartet {expected}, erhalten {got}.",
            f"count_params({sizes}): expected {expected}, got {got}.",
        )


@count
def test_count_lecture_networks(student, reference):
    _count(student, reference, [784, 1])
    _count(student, reference, [784, 300, 1])


@pytest.mark.weight(2)
@count
def test_count_random_networks(student, reference, rng):
    for depth in (1, 3, 4):
        sizes = [int(n) for n in rng.integers(1, 700, size=depth + 1)]
        _count(student, reference, sizes)


# ------------------------------------------------------------------ init_params


def _large_sizes(rng):
    """Three layers with ≥ 2·10⁴ weights each and fan_in far from fan_out."""
    return [int(rng.integers(450, 600)), int(rng.integers(150, 250)), int(rng.integers(80, 120))]


def _check_init(student, reference, sizes, method, seed, default_method=False):
    call = (
        f"init_params({sizes}, seed={seed})"
        if default_method
        else (f"init_params({sizes}, {method!r}, seed={seed})")
    )
    got = (
        student.init_params(sizes, seed=seed)
        if default_method
        else student.init_params(sizes, method, seed=seed)
    )
    layers = checks.as_tuple(got, len(sizes) - 1, call)
    for index, (layer, (n_in, n_out)) in enumerate(
        zip(layers, itertools.pairwise(sizes), strict=True)
    ):
        W, b = checks.as_tuple(layer, 2, f"{call}[{index}]")
        W = checks.as_array(W, f"W{index + 1}", shape=(n_out, n_in))
        b = checks.as_array(b, f"b{index + 1}", shape=(n_out,))
        if np.any(b != 0):
            checks.fail(f"{call}: b{index + 1} ist nicht 0.", f"{call}: b{index + 1} is not zero.")
        problem = init_failure(W, method, *reference.init_statistics(method, n_in, n_out))
        if problem is not None:
            checks.fail(
                f"{call}, W{index + 1}: {problem.de}", f"{call}, W{index + 1}: {problem.en}"
            )


@pytest.mark.weight(2)
@init
def test_he_normal(student, reference, rng):
    _check_init(student, reference, _large_sizes(rng), "he", int(rng.integers(1000)))


@pytest.mark.weight(2)
@init
def test_xavier_uniform(student, reference, rng):
    _check_init(student, reference, _large_sizes(rng), "xavier", int(rng.integers(1000)))


@init
def test_he_is_the_default(student, reference, rng):
    sizes = _large_sizes(rng)[:2]
    _check_init(student, reference, sizes, "he", int(rng.integers(1000)), default_method=True)


@init
def test_seed_makes_it_reproducible(student, rng):
    sizes = [int(rng.integers(5, 9)), int(rng.integers(2, 5))]
    seed = int(rng.integers(1000))
    first = checks.as_tuple(student.init_params(sizes, "he", seed=seed), 1, "init_params")
    again = checks.as_tuple(student.init_params(sizes, "he", seed=seed), 1, "init_params")
    other = checks.as_tuple(student.init_params(sizes, "he", seed=seed + 1), 1, "init_params")
    W = checks.as_array(checks.as_tuple(first[0], 2, "(W, b)")[0], "W")
    W_again = checks.as_array(checks.as_tuple(again[0], 2, "(W, b)")[0], "W")
    W_other = checks.as_array(checks.as_tuple(other[0], 2, "(W, b)")[0], "W")
    if W.shape != W_again.shape or not np.array_equal(W, W_again):
        checks.fail(
            "Zweimal derselbe seed ergibt verschiedene Gewichte (np.random.default_rng(seed) benutzen).",
            "The same seed twice gives different weights (use np.random.default_rng(seed)).",
        )
    if W.shape == W_other.shape and np.array_equal(W, W_other):
        checks.fail(
            "Verschiedene seeds ergeben dieselben Gewichte (der seed wird ignoriert).",
            "Different seeds give the same weights (the seed is ignored).",
        )
