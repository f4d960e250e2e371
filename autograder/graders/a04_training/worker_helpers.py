"""Run in the sandbox after the student's cells: the calls whose arguments or results cannot
cross the boundary (a torch Module, a torch.Generator, a function).

Every helper takes plain data (arrays, numbers, strings), builds what the task needs here, calls
the student's function and returns plain data. The trusted side runs this same file with the
reference's or a catalogued mistake's function in the task's place (``probes.py``), so both sides
build exactly the same model, generator and data.
"""
# ruff: noqa: F821  (the tasks are the notebook's functions)

import numpy as np
import torch
from torch import nn


def _grader_linear_stack(weights):
    """nn.Sequential of Linear layers with ReLU between them, weights [(W, b), …] set exactly."""
    layers = []
    for W, b in weights:
        linear = nn.Linear(W.shape[1], W.shape[0]).double()
        with torch.no_grad():
            linear.weight.copy_(torch.as_tensor(W))
            linear.bias.copy_(torch.as_tensor(b))
        layers += [linear, nn.ReLU()]
    return nn.Sequential(*layers[:-1])


def _grader_penalty(weights, l1, l2):
    """l1_l2_penalty on a model with the grader's weights → one float."""
    value = l1_l2_penalty(_grader_linear_stack(weights), l1, l2)
    return float(value.item() if hasattr(value, "item") else value)


def _grader_dropout(x, p, training, seed):
    """dropout_forward with a torch.Generator seeded here → the output as an array."""
    generator = torch.Generator().manual_seed(int(seed))
    out = dropout_forward(torch.as_tensor(x), p, training, generator)
    return np.asarray(out.detach().numpy() if hasattr(out, "detach") else out, dtype=np.float64)


def _grader_fill(model, seed):
    """Set every parameter and batch-norm statistic of ``model`` (float64) from seeded
    generators: the Linear layers' weights and biases from one, in the order of
    ``model.modules()``, BatchNorm1d's γ, β, running mean and variance from another (so a model
    that registers all Linear layers before all BatchNorm1d layers gets the same values)."""
    linear_draws = torch.Generator().manual_seed(int(seed))
    norm_draws = torch.Generator().manual_seed(int(seed) + 1)
    with torch.no_grad():
        for layer in model.modules():
            if isinstance(layer, nn.Linear):
                weight = torch.randn(layer.weight.shape, generator=linear_draws)
                layer.weight.copy_(weight * layer.in_features**-0.5)
                if layer.bias is not None:
                    layer.bias.copy_(torch.randn(layer.bias.shape, generator=linear_draws))
            elif isinstance(layer, nn.BatchNorm1d):
                n = layer.num_features
                layer.weight.copy_(1 + torch.rand(n, generator=norm_draws))
                layer.bias.copy_(torch.randn(n, generator=norm_draws))
                layer.running_mean.copy_(torch.randn(n, generator=norm_draws))
                layer.running_var.copy_(0.5 + torch.rand(n, generator=norm_draws))


def _grader_mlp(sizes, activation, dropout, batch_norm, x, seed):
    """build_mlp's structure, parameter count and forward passes with the grader's weights."""
    model = build_mlp(list(sizes), activation, dropout, batch_norm)
    if not isinstance(model, nn.Module):
        raise TypeError(f"build_mlp gibt {type(model).__name__} zurück, kein torch.nn.Module")
    model = model.double()
    layers = list(model.modules())
    summary = {
        "linear": [(m.out_features, m.in_features) for m in layers if isinstance(m, nn.Linear)],
        "batchnorm": [m.num_features for m in layers if isinstance(m, nn.BatchNorm1d)],
        "dropout": sorted({float(m.p) for m in layers if isinstance(m, nn.Dropout)}),
        "parameters": int(sum(p.numel() for p in model.parameters())),
    }
    _grader_fill(model, seed)
    inputs = torch.as_tensor(x, dtype=torch.float64)
    with torch.no_grad():
        summary["eval"] = model.eval()(inputs).numpy()
        if dropout == 0:
            summary["train"] = model.train()(inputs).numpy()
    return summary


class _GraderSGD:
    """``torch.optim.SGD(params, lr, momentum)``'s update (buf ← μ·buf + g, w ← w − η·buf) with
    its ``zero_grad``/``step``, without torch.optim: its first step imports torch._dynamo, which
    costs every fresh worker seconds."""

    def __init__(self, params, lr, momentum):
        self.params, self.lr, self.momentum = list(params), lr, momentum
        self.buffers = [None] * len(self.params)

    def zero_grad(self, set_to_none=True):
        for p in self.params:
            p.grad = None

    @torch.no_grad()
    def step(self):
        for i, p in enumerate(self.params):
            if p.grad is None:
                continue
            grad = p.grad
            if self.momentum:
                previous = self.buffers[i]
                grad = grad.clone() if previous is None else previous.mul_(self.momentum).add_(grad)
                self.buffers[i] = grad
            p.sub_(self.lr * grad)


def _grader_train(weights, X, y, lr, momentum, batch_size, seed):
    """One epoch of train_epoch on the grader's model, loss, optimizer and generator →
    (the returned loss, the parameters afterwards)."""
    model = _grader_linear_stack(weights)
    optimizer = _GraderSGD(model.parameters(), lr, momentum)
    generator = torch.Generator().manual_seed(int(seed))
    result = train_epoch(
        model, torch.as_tensor(X), torch.as_tensor(y), nn.CrossEntropyLoss(), optimizer,
        batch_size, generator,
    )  # fmt: skip
    loss = float(result.item() if hasattr(result, "item") else result)
    return loss, [p.detach().numpy().copy() for p in model.parameters()]


def _grader_evaluate(weights, X, y, seed):
    """evaluate on the grader's model with a Dropout(0.5) layer (model.eval() matters), the
    global torch seed set for the call only → (loss, accuracy)."""
    model = _grader_linear_stack(weights)
    model = nn.Sequential(model[0], model[1], nn.Dropout(0.5), *list(model)[2:])
    with torch.random.fork_rng():
        torch.manual_seed(int(seed))
        loss, accuracy = evaluate(model, torch.as_tensor(X), torch.as_tensor(y))
    return tuple(float(v.item() if hasattr(v, "item") else v) for v in (loss, accuracy))


def _grader_fit(X_train, y_train, X_val, y_val, budget_s, X_test):
    """fit_classifier under the time budget, then its predictor on the hidden test images →
    (predicted classes, seconds spent on training and prediction)."""
    import time

    import torch._dynamo  # an optimizer's first step imports it: not the solution's time

    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # as in every worker (OMP_NUM_THREADS=1), here for the reference
    start = time.perf_counter()
    try:
        with torch.random.fork_rng():  # the global seed a solution may set stays its own
            predict = fit_classifier(X_train, y_train, X_val, y_val, budget_s)
            predicted = predict(X_test)
    finally:
        torch.set_num_threads(threads)
    if hasattr(predicted, "detach"):
        predicted = predicted.detach().cpu().numpy()
    return np.asarray(predicted), time.perf_counter() - start


def _grader_keras():
    """keras_model()'s layers (class, units, activation, without the InputLayer of a functional
    model), input shape, count_params() and Keras' backend → plain data; keras is imported here,
    in the worker."""
    import keras

    model = keras_model()
    layers = []
    for layer in model.layers:
        if type(layer).__name__ == "InputLayer":
            continue
        config = layer.get_config()
        layers.append((type(layer).__name__, config.get("units"), config.get("activation")))
    shape = tuple(model.input_shape)
    return {
        "layers": layers,
        "input_shape": tuple(-1 if n is None else int(n) for n in shape),
        "parameters": int(model.count_params()),
        "backend": keras.backend.backend(),
    }
