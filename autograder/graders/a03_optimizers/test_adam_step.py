"""adam_step(w, grad, m, v, t, …): bias-corrected moments, ε outside the root, t ≥ 1."""

from functools import partial

import pytest

from autograder.authoring import Task, within
from autograder.graders.a03_optimizers.driving import gradient_run, trajectory_test

task = Task("adam_step")
run = partial(gradient_run, task="adam_step", state_names=("m", "v"), counts_t=True)


# the first 12 updates, t = 1 … 12, with the lecture's defaults except for η
test_trajectory_from_t_1 = task.test(weight=3)(
    trajectory_test(run, lambda rng: {"lr": float(rng.uniform(1e-3, 0.05))})
)


@task.test(weight=2)
@pytest.mark.parametrize("scale", [1.0, 1e-5])
def test_later_updates_with_other_betas(student, reference, rng, scale):
    hparams = {
        "lr": float(rng.uniform(1e-3, 0.05)),
        "beta1": float(rng.uniform(0.7, 0.9)),
        "beta2": float(rng.uniform(0.95, 0.99)),
    }
    run(student, reference, rng, scale=scale, warmup=int(rng.integers(3, 8)), d=4, hparams=hparams)


@task.test()
def test_defaults(student, reference, rng):
    run(student, reference, rng, scale=1e-3, d=3)


@task.test()
def test_explicit_eps(student, reference, rng):
    run(student, reference, rng, scale=1e-4, d=3, hparams={"lr": 0.01, "eps": 1e-6})


M_HAT, V_HAT = "m_hat = m_new / (1 - beta1**t)", "v_hat = v_new / (1 - beta2**t)"
M_NEW = "m_new = beta1 * np.asarray(m, dtype=float) + (1 - beta1)"
V_NEW = "v_new = beta2 * np.asarray(v, dtype=float) + (1 - beta2)"
task.mistake(
    "no_bias_correction",
    "Adam ohne Bias-Korrektur (m̂ = m, v̂ = v)",
    "Adam without bias correction (m̂ = m, v̂ = v)",
    (M_HAT, "m_hat = m_new"),
    (V_HAT, "v_hat = v_new"),
)
task.mistake(
    "t_off_by_one",
    "t um eins verschoben: Bias-Korrektur mit t + 1",
    "t off by one: bias correction with t + 1",
    ("beta1**t", "beta1 ** (t + 1)"),
    ("beta2**t", "beta2 ** (t + 1)"),
)
task.mistake(
    "t_from_zero",
    "t ab 0 gezählt: Bias-Korrektur mit t − 1 (beim ersten Update 1 − β⁰ = 0, Division durch null)",
    "t counted from 0: bias correction with t − 1 (first update divides by 1 − β⁰ = 0)",
    ("beta1**t", "beta1 ** (t - 1)"),
    ("beta2**t", "beta2 ** (t - 1)"),
)
task.mistake(
    "eps_inside_root",
    "ε in der Wurzel (√(v̂ + ε)) statt √v̂ + ε",
    "ε inside the root (√(v̂ + ε)) instead of √v̂ + ε",
    ("(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)"),
)
task.mistake(
    "times_instead_of_divide",
    "⊙ statt ⊘ (Tippfehler der Folie übernommen): m̂ · (√v̂ + ε)",
    "⊙ instead of ⊘ (the slide's typo): m̂ · (√v̂ + ε)",
    ("m_hat / (np.sqrt", "m_hat * (np.sqrt"),
)
task.mistake(
    "betas_swapped",
    "β₁ und β₂ vertauscht",
    "β₁ and β₂ swapped",
    within(M_NEW, "beta1", "beta2"),
    within(V_NEW, "beta2", "beta1"),
    within(M_HAT, "beta1", "beta2"),
    within(V_HAT, "beta2", "beta1"),
)
task.mistake(
    "corrected_moments_returned",
    "m̂, v̂ statt m, v zurückgegeben (Bias-Korrektur im Zustand)",
    "m̂, v̂ returned instead of m, v (bias correction kept in the state)",
    ("return w_new, m_new, v_new", "return w_new, m_hat, v_hat"),
)
