"""evaluate(model, X, y) → (mean cross-entropy, accuracy) in eval mode.

``_grader_evaluate`` builds a model with a Dropout(0.5) layer in the sandbox, so a forgotten
``model.eval()`` changes the result; the global torch seed is fixed for the call (and restored),
so even that mistake is reproducible and can be named."""

import itertools

from autograder.authoring import Task, same
from autograder.graders.a04_training.probes import check, probed_mistake

task = Task("evaluate")
COMPARE = same(parts=("Verlust", "Genauigkeit"))


def _check(student, reference, rng, sizes, n):
    weights = [
        (rng.normal(size=(b, a)), rng.normal(scale=0.5, size=b))
        for a, b in itertools.pairwise(sizes)
    ]
    X, y = rng.normal(size=(n, sizes[0])), rng.integers(0, sizes[-1], size=n)
    what = f"evaluate(model, X, y) mit N = {n}, K = {sizes[-1]}"
    check(student, reference, "evaluate", "_grader_evaluate", weights, X, y,
          int(rng.integers(10_000)), what=what, compare=COMPARE)  # fmt: skip


@task.test(weight=2)
def test_loss_and_accuracy(student, reference, rng):
    _check(student, reference, rng, [6, 12, 4], 50)


@task.test()
def test_two_classes(student, reference, rng):
    _check(student, reference, rng, [3, 5, 2], 17)


probed_mistake(
    task,
    "eval_forgotten",
    "model.eval() vergessen (Dropout bleibt bei der Auswertung aktiv)",
    "model.eval() forgotten (dropout stays active during evaluation)",
    ("    model.eval()\n", ""),
    compare=COMPARE,
)
probed_mistake(
    task,
    "softmax_before_loss",
    "Softmax vor der Kreuzentropie (cross_entropy erwartet Logits)",
    "softmax before the cross-entropy (cross_entropy expects logits)",
    ("logits = model(X)", "logits = torch.softmax(model(X), dim=1)"),
    compare=COMPARE,
)
probed_mistake(
    task,
    "accuracy_count",
    "Anzahl der Treffer statt des Anteils als Genauigkeit",
    "number of hits instead of their share as the accuracy",
    (
        "(logits.argmax(dim=1) == y).double().mean().item()",
        "(logits.argmax(dim=1) == y).sum().item()",
    ),
    compare=COMPARE,
)
