"""Reference for a07: a dense autoencoder for unsupervised anomaly detection (predictive
maintenance, deck 004: "Versuch den Input wieder zu rekonstruieren → unsupervised anomaly
detection").

The autoencoder learns to reconstruct the sensor windows of a healthy machine; a window it
reconstructs badly (a large error e_i) is an anomaly. Model and training in torch (float32,
the default), thresholds and metrics in numpy.
"""

from itertools import pairwise

import numpy as np
import torch
from torch import nn


def autoencoder(sizes):
    """Encoder sizes[0] → … → sizes[-1] (the bottleneck), decoder mirrored back to sizes[0];
    ReLU after every layer but the last, whose sigmoid matches the data's range [0, 1]."""
    sizes = [int(n) for n in sizes]
    encoder = []
    for n_in, n_out in pairwise(sizes):
        encoder += [nn.Linear(n_in, n_out), nn.ReLU()]
    mirrored = sizes[::-1]
    decoder = []
    for n_in, n_out in pairwise(mirrored):
        decoder += [nn.Linear(n_in, n_out), nn.ReLU()]
    decoder[-1] = nn.Sigmoid()
    return nn.Sequential(*encoder, *decoder)


def reconstruction_error(model, X):
    """Mean squared error per sample, e_i = 1/d · Σ_j (x̂_ij − x_ij)², as a numpy vector (N,)."""
    X = torch.as_tensor(np.asarray(X), dtype=torch.float32)
    model.eval()
    with torch.no_grad():
        X_hat = model(X)
    return ((X_hat - X) ** 2).mean(dim=1).numpy()


def train_autoencoder(model, X, y, epochs=20, lr=5e-3, batch_size=32, seed=0):
    """Train on the normal samples only (y == 0): Adam, MSE, mini-batches shuffled by a torch
    generator seeded with ``seed``. Returns the mean loss per sample of every epoch."""
    X_normal = torch.as_tensor(np.asarray(X)[np.asarray(y) == 0], dtype=torch.float32)
    optimizer = torch.optim.Adam(model.parameters(), lr=lr)
    loss_fn = nn.MSELoss()
    generator = torch.Generator().manual_seed(seed)
    n = len(X_normal)
    losses = []
    model.train()
    for _ in range(epochs):
        total = 0.0
        for batch in torch.randperm(n, generator=generator).split(batch_size):
            X_batch = X_normal[batch]
            optimizer.zero_grad()
            loss = loss_fn(model(X_batch), X_batch)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        losses.append(total / n)
    return losses


def anomaly_threshold(errors, y, q=0.99):
    """The q-quantile of the normal samples' errors (y == 0): about a share 1 − q of normal
    windows lies above it (false alarms)."""
    errors_normal = np.asarray(errors, dtype=float)[np.asarray(y) == 0]
    return float(np.quantile(errors_normal, q))


def detect(model, X, threshold):
    """True where a sample's reconstruction error exceeds the threshold: an anomaly."""
    return reconstruction_error(model, X) > threshold
