"""clip_gradients(grads, max_norm): all gradients scaled together by min(1, max_norm/(‖g‖ + 1e-6)),
‖g‖ the norm of all their entries at once (``torch.nn.utils.clip_grad_norm_``)."""

import numpy as np

from autograder.authoring import Task, call

task = Task("clip_gradients")

SHAPES = ((4, 3), (3,), (2, 2, 5), (6, 1))


def _grads(rng, scales):
    return [rng.normal(scale=s, size=shape) for s, shape in zip(scales, SHAPES, strict=False)]


def _total(grads):
    return float(np.sqrt(sum(np.sum(g**2) for g in grads)))


@task.case(weight=2)
def clipped(rng):
    grads = _grads(rng, (2.0, 0.2, 1.0, 5.0))
    max_norm = round(0.3 * _total(grads), 2)
    return call(grads, max_norm).labelled(f"clip_gradients, 4 Gradienten, max_norm = {max_norm}")


@task.case()
def below_max_norm(rng):
    grads = _grads(rng, (0.1, 0.3, 0.05))
    return call(grads, 2.0 * _total(grads)).labelled("clip_gradients, ‖g‖ < max_norm")


@task.case()
def one_gradient(rng):
    grads = [rng.normal(scale=10.0, size=(5, 4))]
    return call(grads, 1.0).labelled("clip_gradients, ein Gradient, max_norm = 1")


SCALE = "scale = min(1.0, max_norm / (total_norm + CLIP_EPS))"
task.mistake(
    "always_rescaled",
    "immer auf max_norm skaliert (auch kleine Gradienten vergrößert, min(1, …) fehlt)",
    "always scaled to max_norm (small gradients enlarged, min(1, …) missing)",
    (SCALE, "scale = max_norm / (total_norm + CLIP_EPS)"),
)
task.mistake(
    "squared_norm",
    "‖g‖² statt ‖g‖ (Wurzel vergessen)",
    "‖g‖² instead of ‖g‖ (square root forgotten)",
    ("total_norm = np.sqrt(sum(", "total_norm = (sum("),
)
task.mistake(
    "eps_forgotten",
    "ε = 1e-6 im Nenner vergessen (max_norm / ‖g‖)",
    "ε = 1e-6 forgotten in the denominator (max_norm / ‖g‖)",
    (SCALE, "scale = min(1.0, max_norm / total_norm)"),
)


@task.mistake_function(
    "per_tensor",
    "jeder Gradient einzeln geclippt statt über die gemeinsame Norm",
    "each gradient clipped on its own instead of by the global norm",
)
def clip_gradients(grads, max_norm):
    clipped = []
    for g in grads:
        g = np.asarray(g, dtype=float)
        clipped.append(g * min(1.0, max_norm / (np.sqrt(np.sum(g**2)) + 1e-6)))
    return clipped
