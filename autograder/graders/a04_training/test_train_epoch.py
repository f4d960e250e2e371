"""train_epoch(model, X, y, loss, optimizer, batch_size, generator): one epoch of mini-batch
training with the notebook's shuffling convention (``torch.randperm(N, generator=generator)`` once,
batches ``perm[i:i + batch_size]`` in order). Graded by the parameters after the epoch against the
reference's with the same seed (deterministic on CPU, float64), and by the returned mean loss.
``_grader_train`` builds model, loss, optimizer and generator inside the sandbox."""

import itertools

import numpy as np

from autograder.authoring import Task, Text, as_tuple, long_run
from autograder.graders.a04_training.probes import check, probed_mistake

task = Task("train_epoch")


def _problem(rng, sizes, n):
    weights = [
        (rng.normal(size=(b, a)) / np.sqrt(a), rng.normal(scale=0.1, size=b))
        for a, b in itertools.pairwise(sizes)
    ]
    X = rng.normal(size=(n, sizes[0]))
    return weights, X, rng.integers(0, sizes[-1], size=n)


def _parameters(actual, expected, what, precision=None):
    """Only the parameters after the epoch (item 2 of the helper's result)."""
    got = as_tuple(actual, 2, what)[1]
    long_run(got, expected[1], Text(f"Parameter nach {what}", f"parameters after {what}"))


def _loss(actual, expected, what, precision=None):
    got = as_tuple(actual, 2, what)[0]
    long_run(got, expected[0], Text(f"Rückgabewert (mittlerer Verlust) von {what}",
                                    f"return value (mean loss) of {what}"))  # fmt: skip


def _train(student, reference, rng, sizes, n, batch_size, momentum, compare):
    weights, X, y = _problem(rng, sizes, n)
    lr, seed = float(rng.uniform(0.05, 0.2)), int(rng.integers(10_000))
    what = f"train_epoch(…, batch_size={batch_size}) mit N = {n}"
    check(student, reference, "train_epoch", "_grader_train", weights, X, y, lr, momentum,
          batch_size, seed, what=what, compare=compare)  # fmt: skip


@task.test(weight=2)
def test_parameters_after_one_epoch(student, reference, rng):
    _train(student, reference, rng, [5, 6, 3], 40, 8, 0.0, _parameters)


@task.test(weight=2)
def test_last_batch_smaller_with_momentum(student, reference, rng):
    _train(student, reference, rng, [4, 7, 5, 3], 37, 10, 0.9, _parameters)


@task.test()
def test_returns_the_mean_batch_loss(student, reference, rng):
    _train(student, reference, rng, [3, 4, 2], 24, 6, 0.0, _loss)


def _mistake(key, de, en, *edits):
    probed_mistake(task, key, de, en, *edits, compare=_parameters)


_mistake(
    "not_shuffled",
    "Mischen vergessen (Batches in der Reihenfolge der Daten)",
    "shuffling forgotten (batches in the order of the data)",
    ("perm = torch.randperm(len(X), generator=generator)", "perm = torch.arange(len(X))"),
)
_mistake(
    "reshuffled_per_batch",
    "für jeden Batch neu gemischt statt einmal pro Epoche",
    "reshuffled for every batch instead of once per epoch",
    ("    perm = torch.randperm(len(X), generator=generator)\n", ""),
    ("batch = perm[start", "batch = torch.randperm(len(X), generator=generator)[start"),
)
_mistake(
    "zero_grad_forgotten",
    "optimizer.zero_grad() vergessen (Gradienten summieren sich)",
    "optimizer.zero_grad() forgotten (gradients accumulate)",
    ("        optimizer.zero_grad()\n", ""),
)
_mistake(
    "softmax_before_loss",
    "Softmax vor CrossEntropyLoss (die Softmax steckt schon im Verlust)",
    "softmax before CrossEntropyLoss (the loss already contains it)",
    ("loss(model(X[batch]), y[batch])", "loss(torch.softmax(model(X[batch]), dim=1), y[batch])"),
)
