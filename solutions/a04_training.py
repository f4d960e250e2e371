"""Reference solutions for a04: training a classifier (the KNN deck's Übungen 02–07).

The trusted grader compares every student function with the function of the same name here.
Conventions (``../shared/CONVENTIONS.md``):

* split 75:10:15, stratified: per class c with n_c samples round(0.75·n_c) for training,
  round(0.10·n_c) for validation, the rest for testing, drawn with ``np.random.default_rng(seed)``;
* confusion matrix: rows = true class, columns = predicted class, K given explicitly;
* L1/L2 over the weights only, not the biases: Ω(W) = α₁·Σ|w| + (α₂/2)·Σw² (deck 000);
  Keras' ``regularizers.l2(λ)`` is λ·Σw², so λ = α₂/2;
* inverted dropout: ``p`` = probability to drop, kept values scaled by 1/(1 − p), identity at eval;
* batch norm as PyTorch: biased batch variance to normalise, running statistics
  new = (1 − m)·old + m·batch with m = 0.1 and the unbiased batch variance, ε inside the root
  (Keras writes the same update with its momentum 0.99 = 1 − m);
* early stopping as Keras: improvement iff current + min_delta < best; stop once ``wait``
  reaches ``patience``; the best epoch is the one restore_best_weights restores;
* an MLP: Linear → [BatchNorm1d] → activation → [Dropout] per hidden layer, a Linear output
  layer that returns logits (``nn.CrossEntropyLoss`` applies the softmax itself);
* one epoch: ``perm = torch.randperm(N, generator=generator)`` once per epoch, mini-batches
  ``perm[i:i + batch_size]`` in order, the last one may be smaller.
"""

from __future__ import annotations

import itertools
import time

import numpy as np
import torch
from torch import nn

ACTIVATIONS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid, "elu": nn.ELU}


# --- 1. Data ----------------------------------------------------------------------------------


def split_data(X, y, fractions=(0.75, 0.10, 0.15), seed=0):
    """Stratified split → (X_train, y_train, X_val, y_val, X_test, y_test)."""
    rng = np.random.default_rng(seed)
    parts = [[], [], []]
    for c in np.unique(y):
        idx = rng.permutation(np.flatnonzero(y == c))
        n_train = round(fractions[0] * len(idx))
        n_val = round(fractions[1] * len(idx))
        for part, chunk in zip(parts, np.split(idx, [n_train, n_train + n_val]), strict=True):
            part.append(chunk)
    result = []
    for part in parts:
        idx = rng.permutation(np.concatenate(part))
        result += [X[idx], y[idx]]
    return tuple(result)


def binary_subset(X, y, classes=(2, 6)):
    """Only the two classes, relabelled 0/1 (classes[0] → 0), pixels scaled to [0, 1] (float32)."""
    keep = (y == classes[0]) | (y == classes[1])
    X_sub = np.asarray(X[keep], dtype=np.float32) / 255.0
    y_sub = (y[keep] == classes[1]).astype(np.int64)
    return X_sub, y_sub


# --- 2. Metrics -------------------------------------------------------------------------------


def confusion_matrix(y_true, y_pred, n_classes):
    """C[i, j] = number of samples of true class i predicted as class j."""
    C = np.zeros((n_classes, n_classes), dtype=np.int64)
    np.add.at(C, (np.asarray(y_true), np.asarray(y_pred)), 1)
    return C


def per_class_metrics(y_true, y_pred, n_classes):
    """(precision, recall, F1) per class, each of length K; 0 where a ratio is undefined."""
    C = np.zeros((n_classes, n_classes))  # the confusion matrix, rows = true class
    np.add.at(C, (np.asarray(y_true), np.asarray(y_pred)), 1)
    tp = np.diag(C)
    predicted, actual = C.sum(axis=0), C.sum(axis=1)
    precision = np.divide(tp, predicted, out=np.zeros_like(tp), where=predicted > 0)
    recall = np.divide(tp, actual, out=np.zeros_like(tp), where=actual > 0)
    both = precision + recall
    f1 = np.divide(2 * precision * recall, both, out=np.zeros_like(tp), where=both > 0)
    return precision, recall, f1


# --- 3. Regularisation ------------------------------------------------------------------------


def l1_l2_penalty(model, l1, l2):
    """Ω = α₁·Σ|w| + (α₂/2)·Σw² over the weights of the nn.Linear layers (no biases)."""
    penalty = torch.zeros((), dtype=torch.float64)
    for layer in model.modules():
        if isinstance(layer, nn.Linear):
            w = layer.weight.double()
            penalty = penalty + l1 * w.abs().sum() + l2 / 2 * (w**2).sum()
    return penalty


def dropout_forward(x, p, training, generator):
    """Inverted dropout: drop with probability p, scale the rest by 1/(1 − p); eval: identity."""
    if not training or p == 0:
        return x
    keep = torch.rand(x.shape, generator=generator) >= p
    return x * keep / (1 - p)


def batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum=0.1, eps=1e-5,
                      training=True):  # fmt: skip
    """→ (y, new_running_mean, new_running_var), PyTorch's convention (m = 0.1)."""
    x = np.asarray(x, dtype=np.float64)
    if training:
        mean, var = x.mean(axis=0), x.var(axis=0)
        n = x.shape[0]
        running_mean = (1 - momentum) * running_mean + momentum * mean
        running_var = (1 - momentum) * running_var + momentum * var * n / (n - 1)
    else:
        mean, var = running_mean, running_var
    y = gamma * (x - mean) / np.sqrt(var + eps) + beta
    return y, np.asarray(running_mean, dtype=np.float64), np.asarray(running_var, dtype=np.float64)


def early_stopping(val_losses, patience, min_delta):
    """Keras' EarlyStopping → (stop epoch, best epoch), both 0-based; without a stop the last."""
    best, best_epoch, wait = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses):
        if loss + min_delta < best:
            best, best_epoch, wait = loss, epoch, 0
        else:
            wait += 1
            if wait >= patience:
                return epoch, best_epoch
    return len(val_losses) - 1, best_epoch


# --- 4. Models and training -------------------------------------------------------------------


def build_mlp(sizes, activation="relu", dropout=0.0, batch_norm=False):
    """sizes = [n_in, n_hidden…, n_out]: per hidden layer Linear → [BN] → activation → [Dropout];
    the output layer is a Linear that returns logits."""
    layers = []
    for n_in, n_out in itertools.pairwise(sizes[:-1]):
        layers.append(nn.Linear(n_in, n_out))
        if batch_norm:
            layers.append(nn.BatchNorm1d(n_out))
        layers.append(ACTIVATIONS[activation]())
        if dropout > 0:
            layers.append(nn.Dropout(dropout))
    layers.append(nn.Linear(sizes[-2], sizes[-1]))
    return nn.Sequential(*layers)


def train_epoch(model, X, y, loss, optimizer, batch_size, generator):
    """One epoch of mini-batch training; returns the mean of the batch losses."""
    model.train()
    perm = torch.randperm(len(X), generator=generator)
    losses = []
    for start in range(0, len(X), batch_size):
        batch = perm[start : start + batch_size]
        optimizer.zero_grad()
        value = loss(model(X[batch]), y[batch])
        value.backward()
        optimizer.step()
        losses.append(value.item())
    return float(np.mean(losses))


def evaluate(model, X, y):
    """→ (mean cross-entropy, accuracy) in eval mode without gradients."""
    model.eval()
    with torch.no_grad():
        logits = model(X)
        loss = nn.functional.cross_entropy(logits, y).item()
        accuracy = (logits.argmax(dim=1) == y).double().mean().item()
    return loss, accuracy


def keras_model():
    """The deck's Keras model (KNN deck, Übung 03): Flatten, Dense 300 relu, Dense 100 relu,
    Dense 10 softmax, for 28×28 images; Keras 3 on the torch backend (KERAS_BACKEND=torch)."""
    import keras

    return keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(300, activation="relu"),
            keras.layers.Dense(100, activation="relu"),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )


def fit_classifier(X_train, y_train, X_val, y_val, budget_s):
    """Übung 07: an MLP trained with Adam for at most 25 epochs or 80 % of the time budget;
    returns a function that predicts class indices for images of the training data's form."""
    start = time.perf_counter()
    torch.manual_seed(0)
    X = torch.as_tensor(X_train, dtype=torch.float32).reshape(len(X_train), -1)
    y = torch.as_tensor(y_train, dtype=torch.int64)
    model = build_mlp([X.shape[1], 128, int(y.max()) + 1], "relu")
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    generator = torch.Generator().manual_seed(0)
    for _ in range(25):
        if time.perf_counter() - start > 0.8 * budget_s:
            break
        train_epoch(model, X, y, nn.CrossEntropyLoss(), optimizer, 64, generator)
    model.eval()

    def predict(X_new):
        with torch.no_grad():
            inputs = torch.as_tensor(X_new, dtype=torch.float32).reshape(len(X_new), -1)
            return model(inputs).argmax(dim=1).numpy()

    return predict
