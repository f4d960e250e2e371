"""Run in the sandbox after the student's cells: build the functions that cannot cross into it.

``minimize`` and ``nesterov_step`` take functions (a gradient, a step function); the graders
call these helpers by name through ``StudentProxy.probe`` with plain data, and the helpers call
the student's function with the setup cell's gradients and step functions.
"""
# ruff: noqa: F821  (nesterov_step, minimize, quadratic_grad, rosenbrock_grad: the notebook's)


def _grader_nesterov(A, b, w, m, lr, beta):
    """nesterov_step on J(w) = ½ wᵀAw − bᵀw."""
    return nesterov_step(w, quadratic_grad(A, b), m, lr, beta)


def _grader_minimize(A, b, w0, step_name, steps, hparams):
    """minimize on a quadratic (or on Rosenbrock when A is None)."""
    grad_fn = rosenbrock_grad if A is None else quadratic_grad(A, b)
    return minimize(grad_fn, w0, globals()[step_name], steps, **hparams)
