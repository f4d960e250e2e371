"""rnn_backward(dH, cache): (dX, dh0, dWx, dWh, db) by backpropagation through time.

The cache comes from the reference's forward pass on exactly the arrays the student receives,
so H = tanh(x_t·W_xᵀ + h_{t−1}·W_hᵀ + b) holds; the message names every wrong gradient."""

from autograder.authoring import Task, call
from autograder.graders.a06_rnn_lstm.problems import Draw, drawn_cases, named, rnn_problem

task = Task("rnn_backward", compare=named("dX", "dh0", "dWx", "dWh", "db"))


def _bptt(rng, reference, draw):
    s, args = rnn_problem(rng, draw)
    _, cache = reference.rnn_forward(*args)
    dH = rng.normal(size=(s.T, s.N, s.H))
    if draw.last_only:  # many-to-one: the loss sees only h_T
        dH[:-1] = 0.0
    what = s.label("rnn_backward") + (", nur dH[T−1] ≠ 0" if draw.last_only else "")
    return call(dH, cache).labelled(what)


drawn_cases(
    task,
    _bptt,
    {
        "random_sequence": Draw(5, weight=2),
        "loss_on_the_last_state_only": Draw(8, last_only=True),
        "single_step_single_sample": Draw(1, N=1),
    },
)


task.mistake(
    "bptt_one_step",
    "BPTT nach einem Schritt abgebrochen (Gradient aus t+1 nicht weitergereicht)",
    "BPTT stopped after one step (the gradient from t+1 is not passed back)",
    ("dz = (dH[t] + dh_next) * (1.0 - H[t] ** 2)", "dz = dH[t] * (1.0 - H[t] ** 2)"),
)
task.mistake(
    "not_accumulated",
    "Gradienten der Gewichte nicht über die Zeit aufsummiert (nur ein Zeitschritt)",
    "weight gradients not accumulated over time (one time step only)",
    ("dWx += dz.T @ X[t]", "dWx = dz.T @ X[t]"),
    ("dWh += dz.T @ h_prev", "dWh = dz.T @ h_prev"),
    ("db += dz.sum(axis=0)", "db = dz.sum(axis=0)"),
)
task.mistake(
    "tanh_derivative",
    "tanh′ als 1 − h statt 1 − h²",
    "tanh′ as 1 − h instead of 1 − h²",
    ("(1.0 - H[t] ** 2)", "(1.0 - H[t])"),
)
task.mistake(
    "h_prev_off_by_one",
    "dW_h mit h_t statt h_{t−1} gebildet",
    "dW_h formed with h_t instead of h_{t−1}",
    ("dWh += dz.T @ h_prev", "dWh += dz.T @ H[t]"),
)
task.mistake(
    "wh_transposed",
    "δ·W_hᵀ statt δ·W_h beim Weiterreichen an h_{t−1}",
    "δ·W_hᵀ instead of δ·W_h when passing back to h_{t−1}",
    ("dh_next = dz @ Wh", "dh_next = dz @ Wh.T"),
)
