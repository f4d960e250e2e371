"""Reference solutions for a03: gradient-descent optimizers and the 1cycle schedule.

The trusted grader compares every student function with the function of the same name here,
so each one follows the graded conventions of ``../shared/CONVENTIONS.md`` exactly:

* momentum (deck 000): m ← βm − η∇J(w), w ← w + m; m is a step, not torch's velocity buffer
  (``torch.optim.SGD`` stores buf = −m/η);
* Nesterov (deck 000): the gradient is taken at the look-ahead point w + βm;
* RMSProp (deck 000, Keras): s ← βs + (1−β)g², w ← w − η·g/√(s + ε), ε **inside** the root;
* Adam (deck 004, ``torch.optim.Adam``): w ← w − η·m̂/(√v̂ + ε), ε **outside** the root, and
  ``t`` ≥ 1 is the number of this update (m̂ = m/(1−β₁ᵗ)); deck 000's "⊙" is a division;
* AdamW (``torch.optim.AdamW``): w ← w·(1 − ηλ), then the Adam step with the gradient of
  the loss alone (decoupled decay);
* 1cycle (``torch.optim.lr_scheduler.OneCycleLR``, ``anneal_strategy="linear"``).

Everything is float64 numpy; no function modifies its arguments in place.
"""

from __future__ import annotations

import inspect

import numpy as np

STATE_NAMES = ("m", "s", "v")  # the optimizer states minimize keeps, in signature order


def sgd_step(w, grad, lr):
    """w ← w − η∇J(w)."""
    return np.asarray(w, dtype=float) - lr * np.asarray(grad, dtype=float)


def momentum_step(w, grad, m, lr, beta=0.9):
    """Deck 000: m ← βm − η∇J(w); w ← w + m. Returns (w_new, m_new)."""
    m_new = beta * np.asarray(m, dtype=float) - lr * np.asarray(grad, dtype=float)
    return np.asarray(w, dtype=float) + m_new, m_new


def nesterov_step(w, grad_fn, m, lr, beta=0.9):
    """Deck 000: m ← βm − η∇J(w + βm); w ← w + m. Returns (w_new, m_new)."""
    w = np.asarray(w, dtype=float)
    m = np.asarray(m, dtype=float)
    look_ahead = w + beta * m
    m_new = beta * m - lr * np.asarray(grad_fn(look_ahead), dtype=float)
    return w + m_new, m_new


def rmsprop_step(w, grad, s, lr, beta=0.9, eps=1e-7):
    """s ← βs + (1−β)g²; w ← w − η·g/√(s + ε) (ε inside the root). Returns (w_new, s_new)."""
    g = np.asarray(grad, dtype=float)
    s_new = beta * np.asarray(s, dtype=float) + (1 - beta) * g**2
    return np.asarray(w, dtype=float) - lr * g / np.sqrt(s_new + eps), s_new


def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    """One Adam update; t ≥ 1 is the number of this update. Returns (w_new, m_new, v_new)."""
    g = np.asarray(grad, dtype=float)
    m_new = beta1 * np.asarray(m, dtype=float) + (1 - beta1) * g
    v_new = beta2 * np.asarray(v, dtype=float) + (1 - beta2) * g**2
    m_hat = m_new / (1 - beta1**t)
    v_hat = v_new / (1 - beta2**t)
    w_new = np.asarray(w, dtype=float) - lr * m_hat / (np.sqrt(v_hat) + eps)
    return w_new, m_new, v_new


def adamw_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=1e-2):
    """Decoupled weight decay: w ← w·(1 − ηλ), then the Adam step. Returns (w_new, m_new, v_new)."""
    decayed = np.asarray(w, dtype=float) * (1 - lr * weight_decay)
    return adam_step(decayed, grad, m, v, t, lr, beta1, beta2, eps)


def one_cycle_lr(step, total_steps, max_lr, pct_start=0.3, div_factor=10.0, final_div_factor=10.0):
    """Learning rate of step ``step`` (0-based) of the 1cycle policy with linear annealing.

    Phase 1 rises from max_lr/div_factor to max_lr over steps 0 … pct_start·total_steps − 1,
    phase 2 falls to max_lr/(div_factor·final_div_factor) at step total_steps − 1.
    """
    initial_lr = max_lr / div_factor
    min_lr = initial_lr / final_div_factor
    peak_step = float(pct_start * total_steps) - 1
    if step <= peak_step:
        return initial_lr + step / peak_step * (max_lr - initial_lr)
    last_step = total_steps - 1
    return max_lr + (step - peak_step) / (last_step - peak_step) * (min_lr - max_lr)


def minimize(grad_fn, w0, step_fn, steps, **hparams):
    """Run ``steps`` updates of ``step_fn`` from w0; returns the path w0, w1, … as (steps+1, d).

    ``step_fn`` is called with keyword arguments chosen by its signature: ``grad`` (∇J at the
    current w) or ``grad_fn``, its states among m, s, v (zero at the start, carried from step
    to step), ``t`` (1, 2, …) and the hyper-parameters. It returns w_new, or (w_new, *states)
    with the states in signature order.
    """
    params = inspect.signature(step_fn).parameters
    w = np.array(w0, dtype=float)
    states = {name: np.zeros_like(w) for name in params if name in STATE_NAMES}
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
            states = dict(zip(states, values, strict=True))
        else:
            w = result
        w = np.array(w, dtype=float)
        path.append(w.copy())
    return np.array(path)
