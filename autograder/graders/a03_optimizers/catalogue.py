"""Known mistakes and alternative correct implementations for a03_optimizers.

Most mistakes are one changed line of a correct implementation and are written as that change
(``mutate``); each reads as the diff it is. Mistakes must lose points and be named (the ones of
CONVENTIONS.md's list among them); variants must score full marks.
"""

import numpy as np

from autograder.grading.catalogue import Catalogue, mutate

catalogue = Catalogue()


def _register(task_id, base, mistakes):
    for key, de, en, changes in mistakes:
        catalogue.mistake_from_source(
            task_id, key, mutate(base, *changes), {"np": np}, de=de, en=en
        )


# ------------------------------------------------------------------ sgd_step

SGD = """\
def sgd_step(w, grad, lr):
    return np.asarray(w, dtype=float) - lr * np.asarray(grad, dtype=float)
"""
SGD_UPDATE = "np.asarray(w, dtype=float) - lr * np.asarray(grad, dtype=float)"
_register(
    "sgd_step",
    SGD,
    [
        (
            "gradient_ascent",
            "Vorzeichen vertauscht: w + η∇J (Gradientenaufstieg)",
            "sign flipped: w + η∇J (gradient ascent)",
            [(SGD_UPDATE, SGD_UPDATE.replace(" - ", " + "))],
        ),
        (
            "lr_ignored",
            "Lernrate η vergessen (w − ∇J)",
            "learning rate η forgotten (w − ∇J)",
            [("- lr * np", "- np")],
        ),
    ],
)


@catalogue.variant(
    "sgd_step",
    "in_place_copy",
    de="In-place-Update auf einer Kopie",
    en="in-place update on a copy",
)
def sgd_step(w, grad, lr):
    w_new = np.array(w, dtype=float, copy=True)
    w_new -= lr * grad
    return w_new


@catalogue.variant("sgd_step", "list", de="Schleife, Rückgabe als Liste", en="loop, list returned")
def sgd_step(w, grad, lr):
    return [wi - lr * gi for wi, gi in zip(w, grad)]


# ------------------------------------------------------------------ momentum_step

MOMENTUM = """\
def momentum_step(w, grad, m, lr, beta=0.9):
    m_new = beta * np.asarray(m, dtype=float) - lr * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + m_new, m_new
"""
M_NEW = "m_new = beta * np.asarray(m, dtype=float) - lr * np.asarray(grad, dtype=float)"
M_RETURN = "return np.asarray(w, dtype=float) + m_new, m_new"
_register(
    "momentum_step",
    MOMENTUM,
    [
        (
            "sign_flipped",
            "Vorzeichen im Momentum vertauscht: m ← βm + η∇J, w ← w + m (läuft bergauf)",
            "momentum sign flipped: m ← βm + η∇J, w ← w + m (runs uphill)",
            [(M_NEW, M_NEW.replace(" - lr", " + lr"))],
        ),
        (
            "state_negated",
            "Form des Mathematik-Foliensatzes (v ← βv + η∇J, w ← w − v) ohne Umrechnung m = −v: "
            "der Zustand hat das umgekehrte Vorzeichen",
            "the math deck's form (v ← βv + η∇J, w ← w − v) without the mapping m = −v: "
            "the state has the opposite sign",
            [
                (M_NEW, M_NEW.replace(" - lr", " + lr")),
                (M_RETURN, M_RETURN.replace(" + m_new", " - m_new")),
            ],
        ),
        (
            "torch_buffer_unmapped",
            "PyTorch-Konvention (Puffer b ← βb + ∇J, w ← w − ηb) ohne Umrechnung m = −η·b",
            "PyTorch convention (buffer b ← βb + ∇J, w ← w − ηb) without the mapping m = −η·b",
            [
                (
                    M_NEW,
                    "m_new = beta * np.asarray(m, dtype=float) + np.asarray(grad, dtype=float)",
                ),
                (M_RETURN, "return np.asarray(w, dtype=float) - lr * m_new, m_new"),
            ],
        ),
        (
            "ema_form",
            "Momentum als gleitender Mittelwert: m ← βm − (1−β)η∇J",
            "momentum as a moving average: m ← βm − (1−β)η∇J",
            [(" - lr * np", " - (1 - beta) * lr * np")],
        ),
    ],
)


@catalogue.variant(
    "momentum_step",
    "torch_buffer_mapped",
    de="PyTorch-Puffer b = −m/η mit Rückrechnung m = −η·b",
    en="PyTorch buffer b = −m/η, mapped back m = −η·b",
)
def momentum_step(w, grad, m, lr, beta=0.9):
    buf = -np.asarray(m, dtype=float) / lr
    buf = beta * buf + grad
    m_new = -lr * buf
    return w + m_new, m_new


@catalogue.variant(
    "momentum_step", "in_place_copies", de="In-place-Updates auf Kopien", en="in-place on copies"
)
def momentum_step(w, grad, m, lr, beta=0.9):
    m = np.array(m, dtype=float)
    w = np.array(w, dtype=float)
    m *= beta
    m -= lr * np.asarray(grad)
    w += m
    return w, m


# ------------------------------------------------------------------ nesterov_step

NESTEROV = """\
def nesterov_step(w, grad_fn, m, lr, beta=0.9):
    w = np.asarray(w, dtype=float)
    m = np.asarray(m, dtype=float)
    look_ahead = w + beta * m
    m_new = beta * m - lr * np.asarray(grad_fn(look_ahead), dtype=float)
    return w + m_new, m_new
"""
LOOK_AHEAD = "look_ahead = w + beta * m"
_register(
    "nesterov_step",
    NESTEROV,
    [
        (
            "plain_momentum",
            "Nesterov wie gewöhnliches Momentum: Gradient bei w statt bei w + βm",
            "Nesterov as plain momentum: gradient at w instead of w + βm",
            [(LOOK_AHEAD, "look_ahead = w")],
        ),
        (
            "look_behind",
            "Gradient bei w − βm statt bei w + βm",
            "gradient at w − βm instead of w + βm",
            [(LOOK_AHEAD, "look_ahead = w - beta * m")],
        ),
        (
            "returns_look_ahead",
            "den vorausgeschauten Punkt w + βm zurückgegeben (PyTorchs gespeicherter Punkt)",
            "returned the look-ahead point w + βm (the point PyTorch stores)",
            [("return w + m_new, m_new", "return w + m_new + beta * m_new, m_new")],
        ),
        (
            "sign_flipped",
            "Vorzeichen im Momentum vertauscht: m ← βm + η∇J(w + βm)",
            "momentum sign flipped: m ← βm + η∇J(w + βm)",
            [("beta * m - lr", "beta * m + lr")],
        ),
    ],
)


@catalogue.variant(
    "nesterov_step",
    "via_momentum_step",
    de="momentum_step mit dem Gradienten am vorausgeschauten Punkt",
    en="momentum_step with the gradient at the look-ahead point",
)
def nesterov_step(w, grad_fn, m, lr, beta=0.9):
    return momentum_step(w, grad_fn(w + beta * m), m, lr, beta)


@catalogue.variant(
    "nesterov_step", "loops", de="Schleife über die Koordinaten", en="loop over the coordinates"
)
def nesterov_step(w, grad_fn, m, lr, beta=0.9):
    ahead = np.array([wi + beta * mi for wi, mi in zip(w, m)])
    g = grad_fn(ahead)
    m_new = np.array([beta * mi - lr * gi for mi, gi in zip(m, g)])
    return np.array([wi + mi for wi, mi in zip(w, m_new)]), m_new


# ------------------------------------------------------------------ rmsprop_step

RMSPROP = """\
def rmsprop_step(w, grad, s, lr, beta=0.9, eps=1e-7):
    g = np.asarray(grad, dtype=float)
    s_new = beta * np.asarray(s, dtype=float) + (1 - beta) * g**2
    return np.asarray(w, dtype=float) - lr * g / np.sqrt(s_new + eps), s_new
"""
_register(
    "rmsprop_step",
    RMSPROP,
    [
        (
            "eps_outside_root",
            "ε außerhalb der Wurzel (√s + ε, wie PyTorch) statt √(s + ε)",
            "ε outside the root (√s + ε, like PyTorch) instead of √(s + ε)",
            [("np.sqrt(s_new + eps)", "(np.sqrt(s_new) + eps)")],
        ),
        (
            "beta_swapped",
            "β und 1−β vertauscht: s ← (1−β)s + βg²",
            "β and 1−β swapped: s ← (1−β)s + βg²",
            [
                ("beta * np.asarray(s", "(1 - beta) * np.asarray(s"),
                ("(1 - beta) * g**2", "beta * g**2"),
            ],
        ),
        (
            "old_state",
            "Update mit dem alten s statt mit dem neuen",
            "update uses the old s instead of the new one",
            [("np.sqrt(s_new + eps)", "np.sqrt(np.asarray(s, dtype=float) + eps)")],
        ),
        (
            "no_root",
            "Wurzel vergessen: g/(s + ε)",
            "square root forgotten: g/(s + ε)",
            [("np.sqrt(s_new + eps)", "(s_new + eps)")],
        ),
    ],
)


@catalogue.variant(
    "rmsprop_step", "power", de="mit (s + ε)^(−½) und Kopien", en="with (s + ε)^(−½) and copies"
)
def rmsprop_step(w, grad, s, lr, beta=0.9, eps=1e-7):
    s = np.array(s, dtype=float)
    s *= beta
    s += (1 - beta) * np.square(grad)
    return w - lr * grad * (s + eps) ** -0.5, s


@catalogue.variant(
    "rmsprop_step", "loops", de="Schleife über die Koordinaten", en="loop over the coordinates"
)
def rmsprop_step(w, grad, s, lr, beta=0.9, eps=1e-7):
    import math

    s_new = [beta * si + (1 - beta) * gi * gi for si, gi in zip(s, grad)]
    w_new = [wi - lr * gi / math.sqrt(si + eps) for wi, gi, si in zip(w, grad, s_new)]
    return np.array(w_new), np.array(s_new)


# ------------------------------------------------------------------ adam_step

ADAM = """\
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    g = np.asarray(grad, dtype=float)
    m_new = beta1 * np.asarray(m, dtype=float) + (1 - beta1) * g
    v_new = beta2 * np.asarray(v, dtype=float) + (1 - beta2) * g**2
    m_hat = m_new / (1 - beta1**t)
    v_hat = v_new / (1 - beta2**t)
    w_new = np.asarray(w, dtype=float) - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w_new, m_new, v_new
"""
M_HAT = "m_hat = m_new / (1 - beta1**t)"
V_HAT = "v_hat = v_new / (1 - beta2**t)"
ADAM_MISTAKES = [
    (
        "no_bias_correction",
        "Adam ohne Bias-Korrektur (m̂ = m, v̂ = v)",
        "Adam without bias correction (m̂ = m, v̂ = v)",
        [(M_HAT, "m_hat = m_new"), (V_HAT, "v_hat = v_new")],
    ),
    (
        "t_off_by_one",
        "t um eins verschoben: Bias-Korrektur mit t + 1",
        "t off by one: bias correction with t + 1",
        [("beta1**t", "beta1 ** (t + 1)"), ("beta2**t", "beta2 ** (t + 1)")],
    ),
    (
        "t_from_zero",
        "t ab 0 gezählt: Bias-Korrektur mit t − 1 (beim ersten Update 1 − β⁰ = 0, Division durch null)",
        "t counted from 0: bias correction with t − 1 (first update divides by 1 − β⁰ = 0)",
        [("beta1**t", "beta1 ** (t - 1)"), ("beta2**t", "beta2 ** (t - 1)")],
    ),
    (
        "eps_inside_root",
        "ε in der Wurzel (√(v̂ + ε)) statt √v̂ + ε",
        "ε inside the root (√(v̂ + ε)) instead of √v̂ + ε",
        [("(np.sqrt(v_hat) + eps)", "np.sqrt(v_hat + eps)")],
    ),
    (
        "times_instead_of_divide",
        "⊙ statt ⊘ (Tippfehler der Folie übernommen): m̂ · (√v̂ + ε)",
        "⊙ instead of ⊘ (the slide's typo): m̂ · (√v̂ + ε)",
        [("m_hat / (np.sqrt", "m_hat * (np.sqrt")],
    ),
    (
        "betas_swapped",
        "β₁ und β₂ vertauscht",
        "β₁ and β₂ swapped",
        [
            (
                "m_new = beta1 * np.asarray(m, dtype=float) + (1 - beta1)",
                "m_new = beta2 * np.asarray(m, dtype=float) + (1 - beta2)",
            ),
            (
                "v_new = beta2 * np.asarray(v, dtype=float) + (1 - beta2)",
                "v_new = beta1 * np.asarray(v, dtype=float) + (1 - beta1)",
            ),
            ("beta1**t", "beta2 ** t_"),
            ("beta2**t", "beta1**t"),
            ("beta2 ** t_", "beta2**t"),
        ],
    ),
    (
        "corrected_moments_returned",
        "m̂, v̂ statt m, v zurückgegeben (Bias-Korrektur im Zustand)",
        "m̂, v̂ returned instead of m, v (bias correction kept in the state)",
        [("return w_new, m_new, v_new", "return w_new, m_hat, v_hat")],
    ),
]
_register("adam_step", ADAM, ADAM_MISTAKES)


@catalogue.variant(
    "adam_step",
    "rearranged_bias_correction",
    de="Bias-Korrektur in die Lernrate umgestellt (η·√(1−β₂ᵗ)/(1−β₁ᵗ), ε·√(1−β₂ᵗ))",
    en="bias correction moved into the step size (η·√(1−β₂ᵗ)/(1−β₁ᵗ), ε·√(1−β₂ᵗ))",
)
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad * grad
    root_c2 = np.sqrt(1 - beta2**t)
    step_size = lr * root_c2 / (1 - beta1**t)
    return w - step_size * m / (np.sqrt(v) + eps * root_c2), m, v


@catalogue.variant(
    "adam_step", "in_place_copies", de="In-place-Updates auf Kopien", en="in-place on copies"
)
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    w, m, v = (np.array(a, dtype=float) for a in (w, m, v))
    m *= beta1
    m += (1 - beta1) * grad
    v *= beta2
    v += (1 - beta2) * np.square(grad)
    w -= lr * (m / (1 - beta1**t)) / (np.sqrt(v / (1 - beta2**t)) + eps)
    return w, m, v


@catalogue.variant(
    "adam_step", "loops", de="Schleife über die Koordinaten", en="loop over the coordinates"
)
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    import math

    out_w, out_m, out_v = [], [], []
    for wi, gi, mi, vi in zip(w, grad, m, v):
        mi = beta1 * mi + (1 - beta1) * gi
        vi = beta2 * vi + (1 - beta2) * gi**2
        m_hat, v_hat = mi / (1 - beta1**t), vi / (1 - beta2**t)
        out_w.append(wi - lr * m_hat / (math.sqrt(v_hat) + eps))
        out_m.append(mi)
        out_v.append(vi)
    return np.array(out_w), np.array(out_m), np.array(out_v)


# ------------------------------------------------------------------ adamw_step

ADAMW = """\
def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    g = np.asarray(grad, dtype=float)
    w = np.asarray(w, dtype=float) * (1 - lr * weight_decay)
    m_new = beta1 * np.asarray(m, dtype=float) + (1 - beta1) * g
    v_new = beta2 * np.asarray(v, dtype=float) + (1 - beta2) * g**2
    m_hat = m_new / (1 - beta1**t)
    v_hat = v_new / (1 - beta2**t)
    w_new = w - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w_new, m_new, v_new
"""
DECAY = "w = np.asarray(w, dtype=float) * (1 - lr * weight_decay)"
_register(
    "adamw_step",
    ADAMW,
    [
        (
            "coupled_l2",
            "L2 im Gradienten (g + λw, gekoppelt) statt entkoppeltem Weight Decay",
            "L2 in the gradient (g + λw, coupled) instead of decoupled weight decay",
            [
                (
                    "g = np.asarray(grad, dtype=float)",
                    "g = np.asarray(grad, dtype=float) + weight_decay * np.asarray(w, dtype=float)",
                ),
                (DECAY, "w = np.asarray(w, dtype=float)"),
            ],
        ),
        (
            "decay_without_lr",
            "Weight Decay ohne Lernrate: w·(1 − λ) statt w·(1 − ηλ)",
            "weight decay without the learning rate: w·(1 − λ) instead of w·(1 − ηλ)",
            [(DECAY, "w = np.asarray(w, dtype=float) * (1 - weight_decay)")],
        ),
        (
            "decay_after_step",
            "Weight Decay erst nach dem Adam-Schritt angewendet",
            "weight decay applied after the Adam step",
            [
                (DECAY, "w = np.asarray(w, dtype=float)"),
                (
                    "return w_new, m_new, v_new",
                    "return w_new * (1 - lr * weight_decay), m_new, v_new",
                ),
            ],
        ),
        (
            "no_bias_correction",
            "AdamW ohne Bias-Korrektur (m̂ = m, v̂ = v)",
            "AdamW without bias correction (m̂ = m, v̂ = v)",
            [(M_HAT, "m_hat = m_new"), (V_HAT, "v_hat = v_new")],
        ),
    ],
)


@catalogue.variant(
    "adamw_step",
    "via_adam_step",
    de="Decay, dann adam_step aufgerufen",
    en="decay, then a call of adam_step",
)
def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    w = w - lr * weight_decay * w
    return adam_step(w, grad, m, v, t, lr=lr, beta1=beta1, beta2=beta2, eps=eps)


@catalogue.variant(
    "adamw_step",
    "one_formula",
    de="Decay und Adam-Schritt in einer Formel",
    en="decay and Adam step in one formula",
)
def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    m = beta1 * m + (1 - beta1) * grad
    v = beta2 * v + (1 - beta2) * grad**2
    m_hat, v_hat = m / (1 - beta1**t), v / (1 - beta2**t)
    return w * (1 - lr * weight_decay) - lr * m_hat / (np.sqrt(v_hat) + eps), m, v


# ------------------------------------------------------------------ one_cycle_lr

ONE_CYCLE = """\
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=10.0, final_div_factor=10.0):
    initial_lr = max_lr / div_factor
    min_lr = initial_lr / final_div_factor
    peak_step = float(pct_start * total_steps) - 1
    if step <= peak_step:
        return initial_lr + step / peak_step * (max_lr - initial_lr)
    last_step = total_steps - 1
    return max_lr + (step - peak_step) / (last_step - peak_step) * (min_lr - max_lr)
"""
PEAK = "peak_step = float(pct_start * total_steps) - 1"
_register(
    "one_cycle_lr",
    ONE_CYCLE,
    [
        (
            "peak_one_late",
            "Spitze bei p·K statt bei p·K − 1",
            "peak at p·K instead of p·K − 1",
            [(PEAK, "peak_step = float(pct_start * total_steps)")],
        ),
        (
            "peak_rounded",
            "Spitze auf eine ganze Zahl abgerundet (int(p·K) − 1)",
            "peak rounded down to a whole step (int(p·K) − 1)",
            [(PEAK, "peak_step = int(pct_start * total_steps) - 1")],
        ),
        (
            "end_one_late",
            "Ende bei K statt bei K − 1 (η_min wird nie erreicht)",
            "end at K instead of K − 1 (η_min is never reached)",
            [("last_step = total_steps - 1", "last_step = total_steps")],
        ),
        (
            "min_lr_from_max",
            "η_min = η_max/f statt η₀/f",
            "η_min = η_max/f instead of η₀/f",
            [("min_lr = initial_lr / final_div_factor", "min_lr = max_lr / final_div_factor")],
        ),
        (
            "cosine",
            "Kosinus- statt linearer Interpolation",
            "cosine instead of linear annealing",
            [
                (
                    "initial_lr + step / peak_step * (max_lr - initial_lr)",
                    "max_lr + (initial_lr - max_lr) / 2 * (1 + np.cos(np.pi * step / peak_step))",
                ),
                (
                    "max_lr + (step - peak_step) / (last_step - peak_step) * (min_lr - max_lr)",
                    "min_lr + (max_lr - min_lr) / 2 * (1 + np.cos(np.pi * (step - peak_step) / (last_step - peak_step)))",
                ),
            ],
        ),
    ],
)


@catalogue.variant("one_cycle_lr", "interp", de="mit np.interp", en="with np.interp")
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=10.0, final_div_factor=10.0):
    start = max_lr / div_factor
    peak = pct_start * total_steps - 1
    xs = [0.0, peak, total_steps - 1]
    return float(np.interp(step, xs, [start, max_lr, start / final_div_factor]))


@catalogue.variant(
    "one_cycle_lr", "phases", de="Phasenliste wie in PyTorch", en="list of phases as in PyTorch"
)
def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=10.0, final_div_factor=10.0):
    initial = max_lr / div_factor
    phases = [
        (pct_start * total_steps - 1, initial, max_lr),
        (total_steps - 1, max_lr, initial / final_div_factor),
    ]
    start_step = 0
    for i, (end_step, lr_start, lr_end) in enumerate(phases):
        if step <= end_step or i == len(phases) - 1:
            pct = (step - start_step) / (end_step - start_step)
            return (lr_end - lr_start) * pct + lr_start
        start_step = end_step


# ------------------------------------------------------------------ minimize

MINIMIZE = """\
def minimize(grad_fn, w0, step_fn, steps, **hparams):
    params = inspect.signature(step_fn).parameters
    w = np.array(w0, dtype=float)
    states = {name: np.zeros_like(w) for name in params if name in ("m", "s", "v")}
    path = [w.copy()]
    for t in range(1, steps + 1):
        kwargs = {**hparams, **states}
        if "grad_fn" in params:
            kwargs["grad_fn"] = grad_fn
        else:
            kwargs["grad"] = np.asarray(grad_fn(w), dtype=float)
        if "t" in params:
            kwargs["t"] = t
        result = step_fn(w, **kwargs)
        if states:
            w, *values = result
            states = dict(zip(states, values))
        else:
            w = result
        w = np.array(w, dtype=float)
        path.append(w.copy())
    return np.array(path)
"""
_MINIMIZE_SCOPE = {"np": np, "inspect": __import__("inspect")}
for _key, _de, _en, _changes in [
    (
        "t_from_zero",
        "t beginnt bei 0 statt bei 1",
        "t starts at 0 instead of 1",
        [("for t in range(1, steps + 1):", "for t in range(steps):")],
    ),
    (
        "w0_missing",
        "Startpunkt w0 fehlt in der Trajektorie (nur steps Zeilen)",
        "the start w0 is missing from the trajectory (only steps rows)",
        [("path = [w.copy()]", "path = []")],
    ),
    (
        "state_not_carried",
        "Zustände nicht weitergereicht (jedes Update startet wieder bei 0)",
        "states not carried forward (every update starts from zero again)",
        [("states = dict(zip(states, values))", "values = None")],
    ),
    (
        "gradient_at_w0",
        "Gradient immer am Startpunkt w0 statt am aktuellen w ausgewertet",
        "gradient always evaluated at the start w0 instead of the current w",
        [
            (
                'kwargs["grad"] = np.asarray(grad_fn(w), dtype=float)',
                'kwargs["grad"] = np.asarray(grad_fn(np.array(w0, dtype=float)), dtype=float)',
            )
        ],
    ),
]:
    catalogue.mistake_from_source(
        "minimize", _key, mutate(MINIMIZE, *_changes), _MINIMIZE_SCOPE, de=_de, en=_en
    )


@catalogue.variant(
    "minimize",
    "positional_by_signature",
    de="Argumente positionsweise in Signaturreihenfolge, vorab angelegtes Array",
    en="arguments positionally in signature order, preallocated array",
)
def minimize(grad_fn, w0, step_fn, steps, **hparams):
    import inspect

    names = list(inspect.signature(step_fn).parameters)
    state_names = [n for n in names if n in ("m", "s", "v")]
    state = {n: np.zeros(len(w0)) for n in state_names}
    path = np.zeros((steps + 1, len(w0)))
    path[0] = w0
    for k in range(steps):
        w = path[k]
        values = {"grad_fn": grad_fn, "t": k + 1, **state, **hparams}
        if "grad" in names:
            values["grad"] = grad_fn(w)
        args = [w] + [values[n] for n in names[1:] if n in values]
        out = step_fn(*args)
        if state_names:
            path[k + 1] = out[0]
            state = dict(zip(state_names, out[1:]))
        else:
            path[k + 1] = out
    return path


@catalogue.variant(
    "minimize",
    "code_varnames",
    de="Zustände als einzelne Variablen m, s, v, Liste von Punkten",
    en="states as separate variables m, s, v, list of points",
)
def minimize(grad_fn, w0, step_fn, steps, **hparams):
    import inspect

    params = inspect.signature(step_fn).parameters
    wanted = set(params)
    m = s = v = np.zeros_like(np.asarray(w0, dtype=float))
    w = np.asarray(w0, dtype=float)
    points = [w]
    for t in range(1, steps + 1):
        kw = dict(hparams)
        current = {"m": m, "s": s, "v": v}
        kw.update({k: val for k, val in current.items() if k in wanted})
        if "grad" in wanted:
            kw["grad"] = grad_fn(w)
        if "grad_fn" in wanted:
            kw["grad_fn"] = grad_fn
        if "t" in wanted:
            kw["t"] = t
        out = step_fn(w, **kw)
        order = [k for k in params if k in current]
        if order:
            w = out[0]
            for name, value in zip(order, out[1:]):
                if name == "m":
                    m = value
                elif name == "s":
                    s = value
                else:
                    v = value
        else:
            w = out
        points.append(w)
    return np.array(points)
