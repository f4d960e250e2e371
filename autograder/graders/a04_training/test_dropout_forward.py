"""dropout_forward(x, p, training, generator): inverted dropout, graded statistically.

The generator cannot cross into the sandbox: ``_grader_dropout`` seeds one there. Each training
call uses x of N = 20 000 entries in [0.5, 2] and checks, for a correct answer:

1. every entry is 0 or x/(1 − p) (exact, no statistics);
2. the share of zeros k/N is within δ = 0.03 of p. k ~ Binomial(N, p), so by Hoeffding
   P(|k/N − p| ≥ δ) ≤ 2·exp(−2Nδ²) = 2·e⁻³⁶ ≈ 4.6·10⁻¹⁶;
3. the mean is preserved: |mean(out) − mean(x)| < t = 0.1. mean(out) is a mean of N independent
   terms in [0, w], w = 2/(1 − p), with expectation mean(x), so by Hoeffding
   P(≥ t) ≤ 2·exp(−2Nt²/w²) ≈ 10⁻²¹ at p = 0.3;
4. the same seed gives the same output (no statistics); eval mode returns x unchanged.

A correct answer fails the whole test with probability at most ``FALSE_FAILURE_BOUND`` (the
union bound over every statistical check of every call), asserted below 10⁻⁶ at import.
"""

import math

import numpy as np

from autograder.authoring import Task, as_array, fail
from autograder.graders.a04_training.probes import probe, probed_mistake

task = Task("dropout_forward")
N_ROWS, N_COLS = 200, 100
N = N_ROWS * N_COLS
SHARE_DELTA, MEAN_T = 0.03, 0.1
RATES = (0.2, 0.3)  # not 0.5: "p is the keep probability" would pass there
X_RANGE = (0.5, 2.0)


def _share_bound():
    return 2 * math.exp(-2 * N * SHARE_DELTA**2)


def _mean_bound(p):
    width = X_RANGE[1] / (1 - p)
    return 2 * math.exp(-2 * N * MEAN_T**2 / width**2)


FALSE_FAILURE_BOUND = sum(_share_bound() + _mean_bound(p) for p in RATES)
assert FALSE_FAILURE_BOUND < 1e-6, FALSE_FAILURE_BOUND


def _draw(student, x, p, training, seed):
    what = f"dropout_forward(x, p={p:g}, training={training}, generator)"
    got = probe(student, "dropout_forward", "_grader_dropout", x, p, training, seed)
    return what, as_array(got, what, shape=x.shape)


def _check_training_call(student, x, p, seed):
    what, out = _draw(student, x, p, True, seed)
    scaled = x / (1 - p)
    kept = out != 0
    if not np.allclose(out[kept], scaled[kept], rtol=1e-6, atol=0):
        fail(f"{what}: behaltene Werte sind nicht x/(1 − p) (inverted dropout).",
             f"{what}: kept values are not x/(1 − p) (inverted dropout).")  # fmt: skip
    share = 1 - kept.mean()
    if abs(share - p) >= SHARE_DELTA:
        fail(f"{what}: Anteil der Nullen {share:.3f}, erwartet ≈ p = {p:g}.",
             f"{what}: share of zeros {share:.3f}, expected ≈ p = {p:g}.")  # fmt: skip
    if abs(out.mean() - x.mean()) >= MEAN_T:
        fail(f"{what}: Mittelwert {out.mean():.3f} statt ≈ {x.mean():.3f} (nicht erhalten).",
             f"{what}: mean {out.mean():.3f} instead of ≈ {x.mean():.3f} (not preserved).")  # fmt: skip
    return what, out


def _x(rng):
    return rng.uniform(*X_RANGE, size=(N_ROWS, N_COLS))


@task.test(weight=2)
def test_training_statistics_and_seed(student, rng):
    x = _x(rng)
    for p in RATES:
        seed = int(rng.integers(10_000))
        what, first = _check_training_call(student, x, p, seed)
        _, again = _draw(student, x, p, True, seed)
        if not np.array_equal(first, again):
            fail(f"{what}: mit gleich gesetztem generator zwei verschiedene Masken "
                 "(wird der generator benutzt?).",
                 f"{what}: two different masks with the same seeded generator "
                 "(is the generator used?).")  # fmt: skip


@task.test()
def test_identity_in_eval_mode(student, rng):
    x = _x(rng)[:20]
    what, out = _draw(student, x, 0.3, False, int(rng.integers(10_000)))
    if not np.allclose(out, x, rtol=1e-12, atol=0):
        fail(f"{what}: im Eval-Modus muss x unverändert zurückkommen.",
             f"{what}: in eval mode x must come back unchanged.")  # fmt: skip


UNSCALED = ("return x * keep / (1 - p)", "return x * keep")
probed_mistake(
    task,
    "not_scaled",
    "Dropout ohne Skalierung mit 1/(1 − p)",
    "dropout without scaling by 1/(1 − p)",
    UNSCALED,
)
probed_mistake(
    task,
    "scaled_in_eval",
    "Skalierung im Eval-Modus statt beim Training",
    "scaling in eval mode instead of during training",
    ("        return x\n", "        return x / (1 - p)\n"),
    UNSCALED,
)
probed_mistake(
    task,
    "keep_probability",
    "p als Wahrscheinlichkeit zu behalten statt zu verwerfen",
    "p as the probability to keep instead of to drop",
    ("generator=generator) >= p", "generator=generator) < p"),
    ("x * keep / (1 - p)", "x * keep / p"),
)
