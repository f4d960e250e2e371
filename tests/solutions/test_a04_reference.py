"""The a04 reference follows CONVENTIONS.md and agrees with scikit-learn and torch.

* split_data is stratified to within one sample per class and split, and reproducible;
* confusion_matrix and per_class_metrics equal sklearn.metrics (rows = true class,
  ``zero_division=0``);
* l1_l2_penalty is the deck's α₁·Σ|w| + (α₂/2)·Σw² over the weights only, and its L2 part equals
  Keras' λ·Σw² with λ = α₂/2;
* batchnorm_forward equals ``nn.BatchNorm1d`` (momentum 0.1) in training and eval mode;
* early_stopping gives CONVENTIONS.md's worked example (8, 5).
"""

import numpy as np
import pytest
import torch
from sklearn import metrics
from torch import nn

from solutions import a04_training as ref


def _labels(seed, n=300, K=5):
    rng = np.random.default_rng(seed)
    y_true = rng.integers(0, K, size=n)
    return y_true, np.where(rng.random(n) < 0.4, rng.integers(0, K, size=n), y_true)


def test_split_is_stratified_complete_and_reproducible():
    rng = np.random.default_rng(0)
    y = rng.permutation(np.repeat(np.arange(4), [50, 77, 103, 20]))
    X = np.arange(len(y))[:, None]
    parts = ref.split_data(X, y, seed=3)
    ids = np.concatenate(parts[0::2]).ravel()
    assert np.array_equal(np.sort(ids), np.arange(len(y)))
    for (Xs, ys), fraction in zip(zip(parts[0::2], parts[1::2]), (0.75, 0.10, 0.15), strict=True):
        assert np.array_equal(y[Xs.ravel()], ys)
        for c, n_c in enumerate([50, 77, 103, 20]):
            assert abs(np.sum(ys == c) - fraction * n_c) <= 1
    again = ref.split_data(X, y, seed=3)
    assert all(np.array_equal(a, b) for a, b in zip(parts, again, strict=True))
    assert not np.array_equal(ref.split_data(X, y, seed=4)[0], parts[0])


@pytest.mark.parametrize("seed", [0, 1])
def test_confusion_matrix_and_metrics_equal_sklearn(seed):
    y_true, y_pred = _labels(seed)
    y_pred[y_pred == 4] = 0  # class 4 never predicted: precision undefined → 0
    C = ref.confusion_matrix(y_true, y_pred, 6)
    assert np.array_equal(C, metrics.confusion_matrix(y_true, y_pred, labels=range(6)))
    ours = ref.per_class_metrics(y_true, y_pred, 6)
    theirs = metrics.precision_recall_fscore_support(
        y_true, y_pred, labels=range(6), zero_division=0
    )[:3]
    for a, b in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=0)


def test_binary_subset_relabels_and_scales():
    X = np.array([[0, 255], [51, 102], [255, 0], [1, 2]], dtype=np.uint8)
    X_sub, y_sub = ref.binary_subset(X, np.array([6, 2, 3, 6]))
    np.testing.assert_allclose(X_sub, [[0, 1], [0.2, 0.4], [1 / 255, 2 / 255]], rtol=1e-6)
    assert X_sub.dtype == np.float32 and y_sub.tolist() == [1, 0, 1]


def test_penalty_skips_biases_and_maps_to_keras_l2():
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    weights = [model[0].weight.detach().double(), model[2].weight.detach().double()]
    l1_sum = sum(float(w.abs().sum()) for w in weights)
    squares = sum(float((w**2).sum()) for w in weights)
    assert ref.l1_l2_penalty(model, 0.3, 0.0).item() == pytest.approx(0.3 * l1_sum, rel=1e-12)
    keras_lambda = 0.02 / 2  # regularizers.l2(λ) adds λ·Σw²
    assert ref.l1_l2_penalty(model, 0.0, 0.02).item() == pytest.approx(
        keras_lambda * squares, rel=1e-12
    )


@pytest.mark.parametrize("training", [True, False])
def test_batchnorm_equals_torch_batchnorm1d(training):
    rng = np.random.default_rng(1)
    x, gamma, beta = rng.normal(2, 3, size=(8, 5)), rng.uniform(0.5, 2, 5), rng.normal(size=5)
    mean, var = rng.normal(size=5), rng.uniform(0.5, 2, 5)
    layer = nn.BatchNorm1d(5, momentum=0.1, eps=1e-5).double()
    with torch.no_grad():
        layer.weight.copy_(torch.tensor(gamma))
        layer.bias.copy_(torch.tensor(beta))
        layer.running_mean.copy_(torch.tensor(mean))
        layer.running_var.copy_(torch.tensor(var))
    layer.train(training)
    y_torch = layer(torch.tensor(x)).detach().numpy()
    y, new_mean, new_var = ref.batchnorm_forward(x, gamma, beta, mean, var, 0.1, 1e-5, training)
    np.testing.assert_allclose(y, y_torch, rtol=1e-12, atol=1e-12)
    np.testing.assert_allclose(new_mean, layer.running_mean.numpy(), rtol=1e-12)
    np.testing.assert_allclose(new_var, layer.running_var.numpy(), rtol=1e-12)


def test_dropout_is_inverted_and_identity_at_eval():
    x = torch.ones(50_000, dtype=torch.float64)
    out = ref.dropout_forward(x, 0.3, True, torch.Generator().manual_seed(0))
    values = torch.unique(out).numpy()
    np.testing.assert_allclose(values, [0.0, 1 / 0.7], rtol=1e-12)
    assert abs(float((out == 0).double().mean()) - 0.3) < 0.01
    assert ref.dropout_forward(x, 0.3, False, torch.Generator()) is x


def test_early_stopping_worked_example_of_conventions():
    val = [1, 0.8, 0.7, 0.6995, 0.6991, 0.69, 0.7, 0.6895, 0.71, 0.72, 0.6899, 0.73]
    assert ref.early_stopping(val, 3, 1e-3) == (8, 5)
    assert ref.early_stopping(val, 3, 0.0) == (10, 7)
    assert ref.early_stopping([3, 2, 1], 2, 0.0) == (2, 2)
