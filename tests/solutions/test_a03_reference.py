"""The a03 reference follows CONVENTIONS.md and agrees with torch.optim through its mappings.

* SGD with momentum: torch keeps buf ← β·buf + g and w ← w − η·buf; the deck's step is
  m = −η·buf (at constant η), so both give the same iterates.
* RMSprop: torch puts ε outside the root; ours (the deck's, Keras') inside. With ε = 0 both
  agree; with ε > 0 they differ where |g| is small, and torch equals exactly the catalogued
  mistake "ε outside the root" (our rule with √(s + ε) written as √s + ε).
* Adam, AdamW and OneCycleLR(anneal_strategy="linear") agree directly.
"""

import numpy as np
import pytest
import torch

from autograder.authoring import setup_cell
from autograder.graders.a03_optimizers.test_minimize import TOY_STEPS
from solutions import a03_optimizers as ref

SETUP = setup_cell(ref, "setup_toys")  # the notebook's gradients and toy step functions
STEPS = 12
SCALES = [1.0, 1e-3, 1e-5]


def _problem(seed, scale, d=5):
    """A quadratic J(w) = ½ wᵀAw − bᵀw scaled so that |∇J| ≈ scale."""
    rng = np.random.default_rng(seed)
    Q = rng.normal(size=(d, d))
    A = scale * (Q @ Q.T / d + np.eye(d))
    b = scale * rng.normal(size=d)
    return A, b, rng.normal(size=d)


def _torch_path(optimizer_cls, A, b, w0, steps=STEPS, scheduler=None, **kwargs):
    w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)
    opt = optimizer_cls([w], **kwargs)
    At, bt = torch.tensor(A), torch.tensor(b)
    path = [w.detach().numpy().copy()]
    for _ in range(steps):
        opt.zero_grad()
        w.grad = At @ w.detach() - bt
        opt.step()
        path.append(w.detach().numpy().copy())
    return np.array(path)


def _our_path(step_fn, A, b, w0, **hparams):
    return ref.minimize(SETUP.quadratic_grad(A, b), w0, step_fn, STEPS, **hparams)


def _assert_same_updates(ours, theirs, rtol=1e-12):
    np.testing.assert_allclose(np.diff(ours, axis=0), np.diff(theirs, axis=0), rtol=rtol, atol=0)


@pytest.mark.parametrize("scale", SCALES)
def test_sgd_matches_torch(scale):
    A, b, w0 = _problem(1, scale)
    _assert_same_updates(
        _our_path(ref.sgd_step, A, b, w0, lr=0.3),
        _torch_path(torch.optim.SGD, A, b, w0, lr=0.3),
    )


@pytest.mark.parametrize("scale", SCALES)
def test_momentum_matches_torch_through_m_equals_minus_lr_buf(scale):
    A, b, w0 = _problem(2, scale)
    lr, beta = 0.2, 0.8
    _assert_same_updates(
        _our_path(ref.momentum_step, A, b, w0, lr=lr, beta=beta),
        _torch_path(torch.optim.SGD, A, b, w0, lr=lr, momentum=beta),
        rtol=1e-10,
    )
    # the state itself: m = −lr·buf after one step from m = 0
    _, m = ref.momentum_step(w0, A @ w0 - b, np.zeros(5), lr, beta)
    wt = torch.tensor(w0, requires_grad=True)
    opt = torch.optim.SGD([wt], lr=lr, momentum=beta)
    wt.grad = torch.tensor(A @ w0 - b)
    opt.step()
    np.testing.assert_allclose(m, -lr * opt.state[wt]["momentum_buffer"].numpy(), rtol=1e-14)


def test_nesterov_matches_torch_look_ahead_form():
    """torch's nesterov=True iterates the look-ahead point u = w + βm of the deck's form."""
    A, b, w0 = _problem(3, 1.0)
    lr, beta = 0.1, 0.9
    ours = _our_path(ref.nesterov_step, A, b, w0, lr=lr, beta=beta)
    theirs = _torch_path(torch.optim.SGD, A, b, w0, lr=lr, momentum=beta, nesterov=True)
    # deck's (w, m) ↔ torch's u = w + βm; with m₀ = 0 both start at w0
    ms = np.diff(ours, axis=0)
    look_ahead = ours[1:] + beta * ms
    np.testing.assert_allclose(look_ahead, theirs[1:], rtol=1e-10, atol=1e-12)


def test_nesterov_differs_from_plain_momentum():
    A, b, w0 = _problem(3, 1.0)
    nag = _our_path(ref.nesterov_step, A, b, w0, lr=0.1, beta=0.9)
    plain = _our_path(ref.momentum_step, A, b, w0, lr=0.1, beta=0.9)
    np.testing.assert_allclose(nag[1], plain[1])  # m₀ = 0: the first step is the same
    assert np.abs(nag[2:] - plain[2:]).max() > 1e-3


@pytest.mark.parametrize("scale", SCALES)
def test_rmsprop_matches_torch_without_eps(scale):
    A, b, w0 = _problem(4, scale)
    _assert_same_updates(
        _our_path(ref.rmsprop_step, A, b, w0, lr=0.01, beta=0.9, eps=0.0),
        _torch_path(torch.optim.RMSprop, A, b, w0, lr=0.01, alpha=0.9, eps=0.0),
        rtol=1e-10,
    )


def test_rmsprop_eps_inside_the_root_differs_from_torch_at_small_gradients():
    """CONVENTIONS.md: ε inside √ (deck, Keras); torch's ε outside differs for |g| ≲ 1e-3."""
    A, b, w0 = _problem(4, 1e-5)
    ours = _our_path(ref.rmsprop_step, A, b, w0, lr=0.01, beta=0.9, eps=1e-7)
    theirs = _torch_path(torch.optim.RMSprop, A, b, w0, lr=0.01, alpha=0.9, eps=1e-7)
    rel = np.abs(np.diff(ours, axis=0) - np.diff(theirs, axis=0)) / np.abs(np.diff(theirs, axis=0))
    assert rel.max() > 0.5
    # at |g| ≈ 1 the two placements agree closely: √(s + ε) ≈ √s + ε up to ε/√s relative
    A, b, w0 = _problem(4, 1.0)
    ours = _our_path(ref.rmsprop_step, A, b, w0, lr=0.01, beta=0.9, eps=1e-7)
    theirs = _torch_path(torch.optim.RMSprop, A, b, w0, lr=0.01, alpha=0.9, eps=1e-7)
    np.testing.assert_allclose(np.diff(ours, axis=0), np.diff(theirs, axis=0), rtol=1e-5)


@pytest.mark.parametrize("scale", SCALES)
def test_adam_matches_torch(scale):
    A, b, w0 = _problem(5, scale)
    hp = {"lr": 0.05, "betas": (0.8, 0.99), "eps": 1e-8}
    _assert_same_updates(
        _our_path(ref.adam_step, A, b, w0, lr=0.05, beta1=0.8, beta2=0.99, eps=1e-8),
        _torch_path(torch.optim.Adam, A, b, w0, **hp),
        rtol=1e-10,
    )


@pytest.mark.parametrize("scale", SCALES)
def test_adamw_matches_torch(scale):
    A, b, w0 = _problem(6, scale)
    _assert_same_updates(
        _our_path(ref.adamw_step, A, b, w0, lr=0.05, weight_decay=0.1),
        _torch_path(torch.optim.AdamW, A, b, w0, lr=0.05, weight_decay=0.1),
        rtol=1e-10,
    )


def test_adam_defaults_are_the_lecture_s():
    A, b, w0 = _problem(7, 1e-3)
    _assert_same_updates(
        _our_path(ref.adam_step, A, b, w0), _torch_path(torch.optim.Adam, A, b, w0, lr=1e-3)
    )


def test_adam_first_step_by_hand():
    """t = 1: m̂ = g, v̂ = g², so Δw = −η·g/(|g| + ε) ≈ −η·sign(g)."""
    w, m, v = ref.adam_step(
        np.array([1.0, -2.0]), np.array([0.5, -4.0]), np.zeros(2), np.zeros(2), 1
    )
    np.testing.assert_allclose(m, [0.05, -0.4])
    np.testing.assert_allclose(v, [0.00025, 0.016])
    np.testing.assert_allclose(w, [1 - 1e-3 * 0.5 / (0.5 + 1e-8), -2 + 1e-3 * 4 / (4 + 1e-8)])


@pytest.mark.parametrize(
    ("total", "max_lr", "pct", "div", "final"),
    [(20, 0.1, 0.3, 10.0, 10.0), (37, 2.0, 0.25, 25.0, 1e4), (100, 0.01, 0.5, 10.0, 100.0)],
)
def test_one_cycle_matches_torch(total, max_lr, pct, div, final):
    w = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([w], lr=max_lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt,
        max_lr=max_lr,
        total_steps=total,
        pct_start=pct,
        div_factor=div,
        final_div_factor=final,
        anneal_strategy="linear",
        cycle_momentum=False,
    )
    lrs = []
    for _ in range(total):
        lrs.append(opt.param_groups[0]["lr"])
        opt.step()
        sched.step()
    ours = [ref.one_cycle_lr(s, total, max_lr, pct, div, final) for s in range(total)]
    np.testing.assert_allclose(ours, lrs, rtol=1e-12)


def test_one_cycle_practice_guide_start_and_end():
    lrs = [ref.one_cycle_lr(s, 100, 1.0) for s in range(100)]
    assert lrs[0] == pytest.approx(0.1) and max(lrs) == pytest.approx(1.0)
    assert lrs[-1] == pytest.approx(0.01)


def test_minimize_drives_every_state_protocol():
    A, b, w0 = _problem(8, 1.0, d=2)
    grad = SETUP.quadratic_grad(A, b)
    for name in TOY_STEPS:
        path = ref.minimize(grad, w0, getattr(SETUP, name), 15)
        assert path.shape == (16, 2) and np.allclose(path[0], w0)
        assert np.linalg.norm(grad(path[-1])) < np.linalg.norm(grad(w0)), name


def test_toys_are_found_next_to_the_reference():
    assert setup_cell(ref, "setup_toys") is SETUP
    assert all(callable(getattr(SETUP, name)) for name in TOY_STEPS)


# --- grading: the workers of a03 have no torch --------------------------------------------------

TORCH_ADAM = """\
def adam_step(w, grad, m, v, t, lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8):
    import torch

    return torch.optim.Adam  # never reached: the import fails in the numpy-only worker
"""


def test_import_torch_in_a_task_scores_zero_with_a_clear_message(tmp_path):
    from autograder.config import GradingConfig
    from autograder.course import find_course
    from autograder.engine.runner import AssignmentGrader, GradeOptions
    from autograder.notebook.compose import (
        fill_solutions,
        read_notebook,
        solution_sources,
        write_notebook,
    )
    from tests.conftest import REPO, TEST_SEED

    assignment = find_course(REPO).assignment("a03_optimizers")
    release = read_notebook(assignment.release_dir / "a03_optimizers.ipynb")
    model = solution_sources(read_notebook(assignment.source_notebook))
    notebook = fill_solutions(release, {**model, "adam_step": TORCH_ADAM})
    path = write_notebook(notebook, tmp_path / "torch.ipynb")
    grader = AssignmentGrader(assignment, GradeOptions(GradingConfig(TEST_SEED)))
    result = grader.grade_file(path, "torch", frozenset({"adam_step", "sgd_step"}))
    adam = result.task("adam_step")
    assert adam.score == 0
    assert "In `adam_step` ist torch nicht erlaubt" in adam.feedback and "numpy" in adam.feedback
    assert result.task("sgd_step").score == result.task("sgd_step").max_score


def _mistake(task_id, key):
    """The catalogued mistake's function (an edit of the reference, declared in its grader)."""
    from autograder.engine.runner import load_catalogue

    return next(
        e.function for e in load_catalogue("a03_optimizers").mistakes(task_id) if e.key == key
    )


def test_torch_rmsprop_is_the_catalogued_eps_outside_mistake():
    """torch's ε placement is exactly the mistake the graders name (ours moves ε into the root)."""
    outside = _mistake("rmsprop_step", "eps_outside_root")
    A, b, w0 = _problem(4, 1e-5)
    _assert_same_updates(
        _our_path(outside, A, b, w0, lr=0.01, beta=0.9, eps=1e-7),
        _torch_path(torch.optim.RMSprop, A, b, w0, lr=0.01, alpha=0.9, eps=1e-7),
        rtol=1e-10,
    )


def test_torch_adam_differs_from_the_catalogued_eps_inside_mistake():
    inside = _mistake("adam_step", "eps_inside_root")
    A, b, w0 = _problem(5, 1e-5)
    theirs = np.diff(_torch_path(torch.optim.Adam, A, b, w0, lr=0.01), axis=0)
    mistaken = np.diff(_our_path(inside, A, b, w0, lr=0.01), axis=0)
    assert (np.abs(mistaken - theirs) / np.abs(theirs)).max() > 0.5


def test_adamw_without_bias_correction_is_an_edit_of_the_call_of_adam_step():
    """The mistake passes t = ∞ to adam_step: β^∞ = 0, so m̂ = m and v̂ = v exactly."""
    rng = np.random.default_rng(3)
    w, g, m, v = rng.normal(size=(4, 5))
    v = np.abs(v)
    lr, wd, t = 0.05, 0.2, 2
    m_new = 0.9 * m + 0.1 * g
    v_new = 0.999 * v + 0.001 * g**2
    expected = w * (1 - lr * wd) - lr * m_new / (np.sqrt(v_new) + 1e-8)
    mistake = _mistake("adamw_step", "no_bias_correction")
    got = mistake(w, g, m, v, t, lr=lr, weight_decay=wd)
    np.testing.assert_allclose(got[0], expected, rtol=1e-12)
    np.testing.assert_allclose(got[1:], (m_new, v_new))
    assert not np.allclose(ref.adamw_step(w, g, m, v, t, lr=lr, weight_decay=wd)[0], expected)
