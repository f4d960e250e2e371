"""l1_l2_penalty(model, l1, l2) = α₁·Σ|w| + (α₂/2)·Σw² over the weights of the nn.Linear layers,
not the biases (deck 000; Keras' ``regularizers.l2(λ)`` is λ·Σw², λ = α₂/2). The model cannot
cross into the sandbox: ``_grader_penalty`` builds it there with the grader's weights."""

import itertools

from autograder.authoring import Task, scalar
from autograder.graders.a04_training.probes import check, probed_mistake

task = Task("l1_l2_penalty")


def _weights(rng, sizes):
    """[(W, b), …] for the layer sizes; biases large so that including them shows."""
    return [
        (rng.normal(size=(n_out, n_in)), rng.normal(loc=1.0, size=n_out))
        for n_in, n_out in itertools.pairwise(sizes)
    ]


def _check(student, reference, weights, l1, l2):
    what = f"l1_l2_penalty(Modell, l1={l1:g}, l2={l2:g})"
    check(student, reference, "l1_l2_penalty", "_grader_penalty", weights, l1, l2,
          what=what, compare=scalar)  # fmt: skip


@task.test(weight=2)
def test_l1_and_l2_together(student, reference, rng):
    _check(student, reference, _weights(rng, [6, 5, 3]), float(rng.uniform(1e-3, 1e-2)), 0.02)


@task.test()
def test_only_l2(student, reference, rng):
    _check(student, reference, _weights(rng, [4, 7, 6, 2]), 0.0, float(rng.uniform(0.01, 0.1)))


@task.test()
def test_only_l1(student, reference, rng):
    _check(student, reference, _weights(rng, [3, 4]), float(rng.uniform(0.01, 0.1)), 0.0)


probed_mistake(
    task,
    "l2_on_biases",
    "Strafterm auch auf die Biases angewandt",
    "penalty applied to the biases too",
    ("            w = layer.weight.double()\n            penalty = penalty + l1",
     "            for w in (layer.weight.double(), layer.bias.double()):\n"
     "                penalty = penalty + l1"),
    compare=scalar,
)  # fmt: skip
probed_mistake(
    task,
    "keras_l2_without_half",
    "Faktor ½ im L2-Term fehlt (Keras' λ·Σw² statt (α₂/2)·Σw²)",
    "the ½ of the L2 term is missing (Keras' λ·Σw² instead of (α₂/2)·Σw²)",
    ("l2 / 2 * (w**2)", "l2 * (w**2)"),
    compare=scalar,
)
probed_mistake(
    task,
    "l1_squared",
    "L1-Term als (Σ|w|)² statt Σ|w|",
    "L1 term as (Σ|w|)² instead of Σ|w|",
    ("l1 * w.abs().sum()", "l1 * w.abs().sum() ** 2"),
    compare=scalar,
)
