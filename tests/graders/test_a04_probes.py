"""a04's worker-side probes: a torch Module (or a Keras model) never crosses the sandbox's
boundary; the helpers hand back plain data only, the same on the trusted side; the helper's
optimizer is torch.optim.SGD's update; the deck's Keras numbers are the reference's."""

import itertools
import subprocess
import sys

import numpy as np
import pytest
import torch
from torch import nn

from autograder.graders.a04_training import test_keras_model
from autograder.graders.a04_training.probes import through_helper
from autograder.sandbox.inside.codec import UnsupportedValue, encode_value
from solutions import a04_training as ref

PLAIN = (dict, list, tuple, np.ndarray, float, int, str, type(None))


def _plain(value) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _plain(v) for k, v in value.items())
    if isinstance(value, list | tuple):
        return all(_plain(v) for v in value)
    return isinstance(value, PLAIN) and not isinstance(value, bool)


def _weights(rng, sizes):
    return [(rng.normal(size=(b, a)), rng.normal(size=b)) for a, b in itertools.pairwise(sizes)]


def test_a_module_cannot_cross_the_boundary():
    with pytest.raises(UnsupportedValue):
        encode_value(ref.build_mlp([3, 4, 2]), [])
    with pytest.raises(UnsupportedValue):
        encode_value(torch.Generator(), [])


def test_helpers_return_plain_data_only():
    rng = np.random.default_rng(0)
    weights, X = _weights(rng, [4, 5, 3]), rng.normal(size=(12, 4))
    y = rng.integers(0, 3, size=12)
    results = [
        through_helper(
            ref.build_mlp, "build_mlp", "_grader_mlp", ([4, 6, 3], "relu", 0.0, True, X, 1)
        ),
        through_helper(
            ref.train_epoch, "train_epoch", "_grader_train", (weights, X, y, 0.1, 0.9, 5, 2)
        ),
        through_helper(ref.evaluate, "evaluate", "_grader_evaluate", (weights, X, y, 3)),
        through_helper(ref.l1_l2_penalty, "l1_l2_penalty", "_grader_penalty", (weights, 0.1, 0.2)),
        through_helper(
            ref.dropout_forward, "dropout_forward", "_grader_dropout", (X, 0.3, True, 4)
        ),
    ]
    assert all(_plain(result) for result in results), results
    for result in results:
        encode_value(result, [])  # crosses the wire format


@pytest.mark.parametrize("momentum", [0.0, 0.9])
def test_grader_sgd_is_torch_sgd(momentum):
    rng = np.random.default_rng(1)
    weights, X = _weights(rng, [3, 4, 2]), rng.normal(size=(21, 3))
    y = rng.integers(0, 2, size=21)
    _, ours = through_helper(
        ref.train_epoch, "train_epoch", "_grader_train", (weights, X, y, 0.1, momentum, 5, 3)
    )
    model = nn.Sequential(nn.Linear(3, 4), nn.ReLU(), nn.Linear(4, 2)).double()
    with torch.no_grad():
        for layer, (W, b) in zip(model[::2], weights, strict=True):
            layer.weight.copy_(torch.tensor(W))
            layer.bias.copy_(torch.tensor(b))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=momentum)
    ref.train_epoch(model, torch.tensor(X), torch.tensor(y), nn.CrossEntropyLoss(), optimizer, 5,
                    torch.Generator().manual_seed(3))  # fmt: skip
    for theirs, mine in zip(model.parameters(), ours, strict=True):
        np.testing.assert_allclose(mine, theirs.detach().numpy(), rtol=1e-12, atol=1e-15)


@pytest.mark.slow  # imports Keras (a few seconds)
def test_the_reference_keras_model_is_the_decks(monkeypatch):
    monkeypatch.setenv("KERAS_BACKEND", "torch")
    summary = through_helper(ref.keras_model, "keras_model", "_grader_keras", ())
    assert summary == test_keras_model.DECK


def test_probed_mistakes_are_recognised_where_solutions_is_no_package(tmp_path):
    """The grading CLI has no ``solutions`` package on its path: a probed mistake's matcher loads
    the reference from its file (this once failed as an internal error of every graded
    submission with such a mistake)."""
    script = (
        "import numpy as np\n"
        "from autograder.engine.runner import load_catalogue\n"
        "from autograder.graders.a04_training.probes import through_helper\n"
        "from autograder.graders.a04_training.probes import _reference_module\n"
        "entry = next(e for e in load_catalogue('a04_training').mistakes('dropout_forward')\n"
        "             if e.key == 'not_scaled')\n"
        "x = np.full((4, 5), 2.0)\n"
        "value = through_helper(entry.function, 'dropout_forward', '_grader_dropout', (x, 0.2, True, 7))\n"
        "print(entry.matcher(value, ('_grader_dropout', x, 0.2, True, 7), {}))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == "True"
