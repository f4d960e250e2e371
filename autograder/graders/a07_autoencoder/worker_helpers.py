"""Run in the sandbox after the student's cells: a torch ``Module`` cannot cross the boundary,
so these helpers build, probe and train modules there and return plain arrays and numbers.

The graders import the same functions and see the reference's and the
catalogued mistakes' modules in exactly the same way, so diagnosis replays them on the trusted
side (``call(…).through(helper, *sent, view=…)``). The graders' own module (``probe_model``)
is not the task's autoencoder: any module must do for ``reconstruction_error``, ``detect`` and
``train_autoencoder``.
"""
# ruff: noqa: F821  (autoencoder, reconstruction_error, detect, train_autoencoder: the notebook's)
# (mypy checks it too, as the graders import it: the same names)
# mypy: disable-error-code="name-defined"

import numpy as np
import torch
from torch import nn


def _grader_linears(model):
    return [m for m in model.modules() if isinstance(m, nn.Linear)]


def _grader_load(model, weights):
    """Copy the grader's weights [(W, b), …] into the module's linear layers, in order."""
    with torch.no_grad():
        for layer, (W, b) in zip(_grader_linears(model), weights, strict=True):
            layer.weight.copy_(torch.as_tensor(W))
            layer.bias.copy_(torch.as_tensor(b))
    return model


def _grader_structure(model, weights, X):
    """What the graders see of a module: its linear layers (in, out) in order, its number of
    parameters and, when the layers fit the grader's weights, its output for X with them."""
    shapes = [[m.in_features, m.out_features] for m in _grader_linears(model)]
    view = {
        "linear_layers": np.array(shapes, dtype=np.int64).reshape(-1, 2),
        "parameters": int(sum(p.numel() for p in model.parameters())),
    }
    if shapes == [[W.shape[1], W.shape[0]] for W, _ in weights]:
        _grader_load(model, weights).eval()
        with torch.no_grad():
            view["output"] = model(torch.as_tensor(X)).numpy()
    return view


def _grader_probe_model(weights):
    """The graders' own module for the other tasks: tanh between the layers, sigmoid last."""
    layers = []
    for W, _ in weights:
        layers += [nn.Linear(W.shape[1], W.shape[0]), nn.Tanh()]
    layers[-1] = nn.Sigmoid()
    return _grader_load(nn.Sequential(*layers), weights)


def _grader_errors(model, X):
    """Per-sample mean squared reconstruction errors, computed by the graders' own code."""
    model.eval()
    with torch.no_grad():
        X = torch.as_tensor(X)
        return ((model(X) - X) ** 2).mean(dim=1).numpy()


def _grader_autoencoder(sizes, weights, X):
    return _grader_structure(autoencoder(sizes), weights, X)


def _grader_reconstruction_error(weights, X):
    return reconstruction_error(_grader_probe_model(weights), X)


def _grader_detect(weights, X, threshold):
    """detect with the graders' reconstruction error in place of the student's own, so that a
    mistake in task 2 does not cost points here again (the notebook says so)."""
    namespace = globals()
    own = namespace.get("reconstruction_error")
    namespace["reconstruction_error"] = _grader_errors
    try:
        return detect(_grader_probe_model(weights), X, threshold)
    finally:
        namespace["reconstruction_error"] = own


def _grader_train(weights, X, y, hparams, X_eval):
    """Train the graders' module with the student's loop; its losses and its errors on X_eval."""
    model = _grader_probe_model(weights)
    losses = train_autoencoder(model, X, y, *hparams)
    return [losses, _grader_errors(model, X_eval)]
