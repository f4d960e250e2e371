"""The a07 reference agrees with torch's own building blocks and detects the notebook's faults.

* ``reconstruction_error`` is ``F.mse_loss(reduction="none")`` averaged per sample;
* ``train_autoencoder`` is the notebook's loop (``torch.randperm`` with the seeded generator;
  a shuffling ``DataLoader`` draws other batches, as the notebook warns), ignores the windows
  labelled as faults and is reproducible from the same weights and seed;
* ``anomaly_threshold`` is ``np.percentile`` at 100·q of the normal errors;
* the whole chain finds the notebook's sensor faults (recall and precision well above chance).
"""

from pathlib import Path

import numpy as np
import pytest
import torch
import torch.nn.functional as F
from torch import nn

from autograder.graders.a07_autoencoder import signals
from autograder.graders.a07_autoencoder import worker_helpers as inside
from solutions import a07_autoencoder as ref


def sensor(n, share, seed):
    return signals.signals(ref, np.random.default_rng(seed), n, share)


def test_autoencoder_layers_and_range():
    model = ref.autoencoder([32, 16, 4])
    kinds = [type(m).__name__ for m in model]
    assert kinds == ["Linear", "ReLU"] * 3 + ["Linear", "Sigmoid"]
    layers = [(m.in_features, m.out_features) for m in inside._grader_linears(model)]
    assert layers == [(32, 16), (16, 4), (4, 16), (16, 32)]
    out = model(torch.randn(5, 32) * 10)
    assert out.shape == (5, 32) and bool(((out > 0) & (out < 1)).all())


def test_structure_view_loads_weights_in_layer_order():
    drawn = signals.weights(np.random.default_rng(0), signals.mirrored((6, 3, 2)))
    X = np.random.default_rng(1).uniform(size=(4, 6)).astype(np.float32)
    view = inside._grader_structure(ref.autoencoder([6, 3, 2]), drawn, X)
    h = X
    for k, (W, b) in enumerate(drawn):
        z = h @ W.T + b
        h = 1 / (1 + np.exp(-z)) if k == len(drawn) - 1 else np.maximum(z, 0)
    np.testing.assert_allclose(view["output"], h, rtol=1e-5)
    assert view["parameters"] == sum(W.size + b.size for W, b in drawn)
    wrong = inside._grader_structure(ref.autoencoder([6, 2]), drawn, X)
    assert "output" not in wrong and wrong["linear_layers"].tolist() == [[6, 2], [2, 6]]


def test_reconstruction_error_is_mse_per_sample():
    X, _ = sensor(20, 0.3, 1)
    model = inside._grader_probe_model(
        signals.weights(np.random.default_rng(2), signals.PROBE_LAYERS)
    )
    Xt = torch.from_numpy(X)
    expected = F.mse_loss(model(Xt), Xt, reduction="none").mean(dim=1).detach().numpy()
    np.testing.assert_allclose(ref.reconstruction_error(model, X), expected, rtol=1e-6)


def _fresh(seed):
    return inside._grader_probe_model(
        signals.weights(np.random.default_rng(seed), signals.PROBE_LAYERS)
    )


def _by_hand(model, X_normal, epochs, lr, batch_size, seed, loader=False):
    """The notebook's loop written out; ``loader``: batches from a shuffling DataLoader."""
    generator = torch.Generator().manual_seed(seed)
    data = torch.from_numpy(X_normal)
    shuffled = torch.utils.data.DataLoader(
        torch.utils.data.TensorDataset(data), batch_size, shuffle=True, generator=generator
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    losses = []
    for _ in range(epochs):
        if loader:
            batches = [xb for (xb,) in shuffled]
        else:
            perm = torch.randperm(len(data), generator=generator)
            batches = [data[perm[i : i + batch_size]] for i in range(0, len(data), batch_size)]
        total = 0.0
        for xb in batches:
            optimizer.zero_grad()
            loss = nn.MSELoss()(model(xb), xb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
        losses.append(total / len(data))
    return losses


def test_training_follows_the_notebooks_loop_and_skips_faults():
    X, y = sensor(90, 0.2, 3)
    X[y == 1] = 50.0  # faults must never reach the loss
    ours = ref.train_autoencoder(_fresh(4), X, y, 4, 5e-3, 16, 7)
    np.testing.assert_allclose(ours, _by_hand(_fresh(4), X[y == 0], 4, 5e-3, 16, 7), rtol=1e-6)
    assert max(ours) < 1.0 and ours[-1] < ours[0]
    assert ref.train_autoencoder(_fresh(4), X, y, 4, 5e-3, 16, 7) == ours  # reproducible
    assert ref.train_autoencoder(_fresh(4), X, y, 4, 5e-3, 16, 8) != ours  # the seed matters


def test_a_shuffling_data_loader_draws_other_batches_as_the_notebook_warns():
    """It takes a base seed from the generator before each epoch's permutation."""
    X, y = sensor(90, 0.0, 3)
    loader = _by_hand(_fresh(4), X, 3, 5e-3, 16, 7, loader=True)
    assert not np.allclose(loader, ref.train_autoencoder(_fresh(4), X, y, 3, 5e-3, 16, 7))


@pytest.mark.parametrize("q", [0.5, 0.9, 0.99, 1.0])
def test_threshold_is_the_percentile_of_normal_errors(q):
    rng = np.random.default_rng(5)
    errors, y = rng.gamma(2.0, 1.0, size=50), rng.integers(0, 2, size=50)
    expected = np.percentile(errors[y == 0], 100 * q)
    assert ref.anomaly_threshold(errors, y, q) == pytest.approx(expected, rel=1e-12)


def test_the_chain_finds_the_sensor_faults():
    torch.manual_seed(0)
    model = ref.autoencoder([32, 16, 4])
    X, y = sensor(300, 0.05, 6)
    ref.train_autoencoder(model, X, y, epochs=20)
    X_val, y_val = sensor(150, 0.0, 7)
    threshold = ref.anomaly_threshold(ref.reconstruction_error(model, X_val), y_val)
    X_test, y_test = sensor(300, 0.2, 8)
    flags = ref.detect(model, X_test, threshold)
    recall, precision = signals.recall_precision(flags, y_test)
    assert recall > 0.7 and precision > 0.8, (recall, precision)


def test_detect_is_graded_with_a_correct_reconstruction_error():
    """In the worker, ``_grader_detect`` lends the student's detect the graders' error for the
    call (a mistake in task 2 must not cost points in task 5 again) and gives theirs back."""
    source = Path(inside.__file__).read_text()
    namespace = {"reconstruction_error": lambda model, X: np.zeros(len(X)), "detect": ref.detect}
    exec(compile(source, "worker_helpers", "exec"), namespace)
    namespace["detect"] = lambda model, X, t: reconstruction_error_of(namespace)(model, X) > t
    drawn = signals.weights(np.random.default_rng(3), signals.PROBE_LAYERS)
    X, _ = sensor(30, 0.3, 4)
    model = inside._grader_probe_model(drawn)
    threshold = float(np.median(ref.reconstruction_error(model, X)))
    wrong = namespace["reconstruction_error"]
    flags = namespace["_grader_detect"](drawn, X, threshold)
    np.testing.assert_array_equal(flags, ref.detect(model, X, threshold))
    assert flags.any() and namespace["reconstruction_error"] is wrong


def reconstruction_error_of(namespace):
    """The student's detect looks its helper up in the notebook's namespace at call time."""
    return lambda model, X: namespace["reconstruction_error"](model, X)
