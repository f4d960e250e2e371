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
