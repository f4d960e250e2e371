"""adamw_step(…, weight_decay): w ← w·(1 − ηλ), then the Adam step (decoupled decay)."""

from functools import partial

from autograder.authoring import Task
from autograder.graders.a03_optimizers.driving import gradient_run, trajectory_test

task = Task("adamw_step")
run = partial(gradient_run, task="adamw_step", state_names=("m", "v"), counts_t=True)


test_trajectory = task.test(weight=3)(
    trajectory_test(
        run,
        lambda rng: {
            "lr": float(rng.uniform(0.01, 0.1)),
            "weight_decay": float(rng.uniform(0.05, 0.5)),
        },
    )
)


@task.test()
def test_later_updates_with_defaults(student, reference, rng):
    run(student, reference, rng, scale=1.0, warmup=5, d=4)


DECAY = "decayed = np.asarray(w, dtype=float) * (1 - lr * weight_decay)"
ADAM = "adam_step(decayed, grad, m, v, t, lr, beta1, beta2, eps)"
task.mistake(
    "coupled_l2",
    "L2 im Gradienten (g + λw, gekoppelt) statt entkoppeltem Weight Decay",
    "L2 in the gradient (g + λw, coupled) instead of decoupled weight decay",
    (DECAY, "decayed = np.asarray(w, dtype=float)"),
    ("decayed, grad,", "decayed, np.asarray(grad, dtype=float) + weight_decay * decayed,"),
)
task.mistake(
    "decay_without_lr",
    "Weight Decay ohne Lernrate: w·(1 − λ) statt w·(1 − ηλ)",
    "weight decay without the learning rate: w·(1 − λ) instead of w·(1 − ηλ)",
    ("(1 - lr * weight_decay)", "(1 - weight_decay)"),
)
task.mistake(
    "decay_after_step",
    "Weight Decay erst nach dem Adam-Schritt angewendet",
    "weight decay applied after the Adam step",
    (DECAY, "decayed = np.asarray(w, dtype=float)"),
    (
        f"return {ADAM}",
        f"w_new, m_new, v_new = {ADAM}\n    return w_new * (1 - lr * weight_decay), m_new, v_new",
    ),
)
task.mistake(  # t = ∞: β₁^t = β₂^t = 0, so m̂ = m and v̂ = v exactly
    "no_bias_correction",
    "AdamW ohne Bias-Korrektur (m̂ = m, v̂ = v)",
    "AdamW without bias correction (m̂ = m, v̂ = v)",
    ("v, t, lr, beta1", 'v, float("inf"), lr, beta1'),
)
