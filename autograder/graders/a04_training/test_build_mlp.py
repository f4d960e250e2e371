"""build_mlp(sizes, activation, dropout=0.0, batch_norm=False) → a torch.nn.Module.

The module cannot leave the sandbox: ``_grader_mlp`` builds it there and returns plain data: the
Linear layers' shapes, the BatchNorm1d sizes, the dropout rates, the parameter count, and the
forward pass (eval mode, and train mode without dropout) after the grader has set every weight
and statistic from a seeded generator. The reference and the mistakes run through the same helper.
"""

from autograder.authoring import Task, long_run
from autograder.graders.a04_training.probes import check, probed_mistake

task = Task("build_mlp")


def _check(student, reference, rng, sizes, activation, dropout=0.0, batch_norm=False):
    x = rng.normal(size=(6, sizes[0]))
    what = f"build_mlp({sizes}, {activation!r}, dropout={dropout:g}, batch_norm={batch_norm})"
    check(student, reference, "build_mlp", "_grader_mlp", sizes, activation, dropout,
          batch_norm, x, int(rng.integers(10_000)), what=what, compare=long_run)  # fmt: skip


@task.test(weight=2)
def test_relu_network(student, reference, rng):
    _check(student, reference, rng, [7, 9, 5, 3], "relu")


@task.test()
def test_tanh_with_dropout(student, reference, rng):
    _check(student, reference, rng, [5, 8, 4], "tanh", dropout=0.3)


@task.test(weight=2)
def test_batch_norm(student, reference, rng):
    _check(student, reference, rng, [6, 10, 7, 2], "relu", batch_norm=True)


@task.test()
def test_no_hidden_layer(student, reference, rng):
    _check(student, reference, rng, [4, 3], "sigmoid", batch_norm=True)


OUTPUT = "layers.append(nn.Linear(sizes[-2], sizes[-1]))"
probed_mistake(
    task,
    "softmax_output",
    "Softmax nach der Ausgabeschicht (CrossEntropyLoss erwartet Logits)",
    "softmax after the output layer (CrossEntropyLoss expects logits)",
    (OUTPUT, "layers += [nn.Linear(sizes[-2], sizes[-1]), nn.Softmax(dim=1)]"),
    compare=long_run,
)
probed_mistake(
    task,
    "batch_norm_after_activation",
    "Batch-Normalisierung nach statt vor der Aktivierung",
    "batch normalisation after instead of before the activation",
    ("        if batch_norm:\n            layers.append(nn.BatchNorm1d(n_out))\n"
     "        layers.append(ACTIVATIONS[activation]())\n",
     "        layers.append(ACTIVATIONS[activation]())\n"
     "        if batch_norm:\n            layers.append(nn.BatchNorm1d(n_out))\n"),
    compare=long_run,
)  # fmt: skip
probed_mistake(
    task,
    "activation_on_output",
    "Aktivierung auch nach der Ausgabeschicht",
    "activation after the output layer too",
    (OUTPUT, "layers += [nn.Linear(sizes[-2], sizes[-1]), ACTIVATIONS[activation]()]"),
    compare=long_run,
)
