"""init_params(layer_sizes, method="he", seed=0): graded on the statistics of the student's own
random draws (He normal N(0, 2/fan_in), Xavier uniform U(±√(6/(fan_in + fan_out)))).

With ≥ 2·10⁴ draws the sample standard deviation is within 0.5 % of σ (one standard error),
so a 4 % band separates every correct draw from He with fan_out (≥ 25 % off here), Glorot for
He (≥ 15 %) or the variance used as the standard deviation. The mistakes are recognised by the
same statistics (matchers), not by replaying them.
"""

import itertools

import numpy as np

from autograder.authoring import Task, Text, as_array, as_tuple, fail

task = Task("init_params")
STD_BAND = 0.04
TAIL_NORMAL = (0.035, 0.056)  # P(|W| > 2σ) = 4.55 % for a normal distribution


def init_failure(W, std, bound):
    """Why W does not look like the prescribed distribution, or None."""
    W = W.astype(np.float64)
    mean, observed = float(W.mean()), float(W.std())
    if not np.isfinite(observed) or abs(mean) > 6 * std / np.sqrt(W.size):
        return Text(f"Mittelwert {mean:.3g} statt ≈ 0.", f"mean {mean:.3g} instead of ≈ 0.")
    if abs(observed / std - 1) > STD_BAND:
        return Text(
            f"Standardabweichung {observed:.4g} statt ≈ {std:.4g}"
            + (" = √(2/fan_in)." if bound is None else " = a/√3 mit a = √(6/(fan_in + fan_out))."),
            f"standard deviation {observed:.4g} instead of ≈ {std:.4g}"
            + (" = √(2/fan_in)." if bound is None else " = a/√3 with a = √(6/(fan_in + fan_out))."),
        )
    if bound is None:
        tail = float(np.mean(np.abs(W) > 2 * std))
        if not TAIL_NORMAL[0] <= tail <= TAIL_NORMAL[1]:
            return Text(
                f"nicht normalverteilt: {tail:.1%} der Werte liegen jenseits von 2σ (erwartet ≈ 4.6 %).",
                f"not normally distributed: {tail:.1%} of the values lie beyond 2σ (expected ≈ 4.6 %).",
            )
        return None
    largest = float(np.abs(W).max())
    if largest > bound * (1 + 1e-9) or largest < 0.98 * bound:
        return Text(
            f"nicht gleichverteilt auf [−a, a] mit a = {bound:.4g}: max |W| = {largest:.4g}.",
            f"not uniform on [−a, a] with a = {bound:.4g}: max |W| = {largest:.4g}.",
        )
    return None


def _large_sizes(rng):
    """Three layers with ≥ 2·10⁴ weights each and fan_in far from fan_out."""
    return [int(rng.integers(450, 600)), int(rng.integers(150, 250)), int(rng.integers(80, 120))]


def _check_init(student, reference, sizes, method, seed, default_method=False):
    if default_method:
        what, got = f"init_params({sizes}, seed={seed})", student.init_params(sizes, seed=seed)
    else:
        what = f"init_params({sizes}, {method!r}, seed={seed})"
        got = student.init_params(sizes, method, seed=seed)
    layers = as_tuple(got, len(sizes) - 1, what)
    for index, (layer, (n_in, n_out)) in enumerate(
        zip(layers, itertools.pairwise(sizes), strict=True)
    ):
        W, b = as_tuple(layer, 2, f"{what}[{index}]")
        W = as_array(W, f"W{index + 1}", shape=(n_out, n_in))
        b = as_array(b, f"b{index + 1}", shape=(n_out,))
        if np.any(b != 0):
            fail(f"{what}: b{index + 1} ist nicht 0.", f"{what}: b{index + 1} is not zero.")
        problem = init_failure(W, *reference.init_statistics(method, n_in, n_out))
        if problem is not None:
            fail(f"{what}, W{index + 1}: {problem.de}", f"{what}, W{index + 1}: {problem.en}")


@task.test(weight=2)
def test_he_normal(student, reference, rng):
    _check_init(student, reference, _large_sizes(rng), "he", int(rng.integers(1000)))


@task.test(weight=2)
def test_xavier_uniform(student, reference, rng):
    _check_init(student, reference, _large_sizes(rng), "xavier", int(rng.integers(1000)))


@task.test()
def test_he_is_the_default(student, reference, rng):
    sizes = _large_sizes(rng)[:2]
    _check_init(student, reference, sizes, "he", int(rng.integers(1000)), default_method=True)


@task.test()
def test_seed_makes_it_reproducible(student, rng):
    sizes = [int(rng.integers(5, 9)), int(rng.integers(2, 5))]
    seed = int(rng.integers(1000))

    def first_W(seed):
        params = as_tuple(student.init_params(sizes, "he", seed=seed), 1, "init_params")
        return as_array(as_tuple(params[0], 2, "(W, b)")[0], "W")

    W, W_again, W_other = first_W(seed), first_W(seed), first_W(seed + 1)
    if W.shape != W_again.shape or not np.array_equal(W, W_again):
        fail(
            "Zweimal derselbe seed ergibt verschiedene Gewichte (np.random.default_rng(seed) benutzen).",
            "The same seed twice gives different weights (use np.random.default_rng(seed)).",
        )
    if W.shape == W_other.shape and np.array_equal(W, W_other):
        fail(
            "Verschiedene seeds ergeben dieselben Gewichte (der seed wird ignoriert).",
            "Different seeds give the same weights (the seed is ignored).",
        )


# ------------------------------------------------------------------ mistakes, by their statistics


def _large_W(value, layer):
    """W of ``layer`` in a student's init_params result, if readable and large."""
    try:
        W = np.asarray(value[layer][0], dtype=np.float64)
    except (TypeError, ValueError, IndexError, KeyError):
        return None
    return W if W.ndim == 2 and W.size >= 5000 else None


def _drawn_with(expected_std, xavier_overflows=False):
    """Matcher: every large layer's std matches ``expected_std(method, n_in, n_out)``."""

    def matcher(value, args, kwargs):
        try:
            sizes = list(args[0])
            method = args[1] if len(args) > 1 else kwargs.get("method", "he")
            for index, (n_in, n_out) in enumerate(itertools.pairwise(sizes)):
                W = _large_W(value, index)
                if W is None:
                    continue
                if abs(float(W.std()) / expected_std(method, n_in, n_out) - 1) > STD_BAND:
                    return False
                bound = np.sqrt(6.0 / (n_in + n_out))
                if method == "xavier" and xavier_overflows and not np.abs(W).max() > 1.01 * bound:
                    return False
            return True
        except Exception:
            return False

    return matcher


def _correct_std(method, n_in, n_out):
    return np.sqrt(2.0 / n_in) if method == "he" else np.sqrt(2.0 / (n_in + n_out))


HE = "np.sqrt(2.0 / n_in)"
task.mistake(
    "he_fan_out",
    "He mit fan_out statt fan_in",
    "He with fan_out instead of fan_in",
    (HE, "np.sqrt(2.0 / n_out)"),
    matcher=_drawn_with(lambda m, i, o: np.sqrt(2.0 / o) if m == "he" else _correct_std(m, i, o)),
)
task.mistake(
    "variance_as_std",
    "Varianz 2/fan_in als Standardabweichung übergeben",
    "the variance 2/fan_in passed as the standard deviation",
    (HE, "2.0 / n_in"),
    matcher=_drawn_with(lambda m, i, o: 2.0 / i if m == "he" else _correct_std(m, i, o)),
)
task.mistake(
    "glorot_for_he",
    'Glorot/Xavier statt He für "he"',
    'Glorot/Xavier instead of He for "he"',
    (
        f'if method == "he":\n            W = rng.normal(0.0, {HE}, size=(n_out, n_in))\n'
        '        elif method == "xavier":',
        'if method in ("he", "xavier"):',
    ),
    matcher=_drawn_with(lambda m, i, o: np.sqrt(2.0 / (i + o))),
)
task.mistake(
    "xavier_normal",
    "Xavier normalverteilt statt gleichverteilt",
    "Xavier normal instead of uniform",
    (
        "W = rng.uniform(-limit, limit, size=(n_out, n_in))",
        "W = rng.normal(0.0, np.sqrt(2.0 / (n_in + n_out)), size=(n_out, n_in))",
    ),
    matcher=_drawn_with(_correct_std, xavier_overflows=True),
)
