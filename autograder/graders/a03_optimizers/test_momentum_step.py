"""momentum_step(w, grad, m, lr, beta): m ← βm − η∇J(w), w ← w + m (deck 000's sign)."""

from functools import partial

from autograder.authoring import Task, within
from autograder.graders.a03_optimizers.driving import gradient_run, trajectory_test

task = Task("momentum_step")
run = partial(gradient_run, task="momentum_step", state_names=("m",))


test_trajectory = task.test(weight=3)(
    trajectory_test(
        run,
        lambda rng: {"lr": float(rng.uniform(0.05, 0.5)), "beta": float(rng.uniform(0.5, 0.95))},
    )
)


@task.test()
def test_default_beta_from_a_running_state(student, reference, rng):
    run(student, reference, rng, scale=1.0, hparams={"lr": 0.1}, d=5, warmup=4)


M_NEW = "m_new = beta * np.asarray(m, dtype=float) - lr * np.asarray(grad, dtype=float)"
RETURN = "return np.asarray(w, dtype=float) + m_new, m_new"
UPHILL = within(M_NEW, " - lr", " + lr")  # m ← βm + η∇J
task.mistake(
    "sign_flipped",
    "Vorzeichen im Momentum vertauscht: m ← βm + η∇J, w ← w + m (läuft bergauf)",
    "momentum sign flipped: m ← βm + η∇J, w ← w + m (runs uphill)",
    UPHILL,
)
task.mistake(
    "state_negated",
    "Form des Mathematik-Foliensatzes (v ← βv + η∇J, w ← w − v) ohne Umrechnung m = −v: "
    "der Zustand hat das umgekehrte Vorzeichen",
    "the math deck's form (v ← βv + η∇J, w ← w − v) without the mapping m = −v: "
    "the state has the opposite sign",
    UPHILL,
    within(RETURN, " + m_new", " - m_new"),
)
task.mistake(
    "torch_buffer_unmapped",
    "PyTorch-Konvention (Puffer b ← βb + ∇J, w ← w − ηb) ohne Umrechnung m = −η·b",
    "PyTorch convention (buffer b ← βb + ∇J, w ← w − ηb) without the mapping m = −η·b",
    ("- lr * np.asarray(grad", "+ np.asarray(grad"),
    within(RETURN, " + m_new", " - lr * m_new"),
)
task.mistake(
    "ema_form",
    "Momentum als gleitender Mittelwert: m ← βm − (1−β)η∇J",
    "momentum as a moving average: m ← βm − (1−β)η∇J",
    (" - lr * np", " - (1 - beta) * lr * np"),
)
