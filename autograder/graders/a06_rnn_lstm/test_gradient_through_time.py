"""gradient_through_time(T, x, h0, rnn_params, lstm_params): ‖∂h_t/∂h_0‖ for t = 1 … T of an RNN
and of an LSTM, graded on the values (the notebook's plot is for the student)."""

from autograder.authoring import Task, call
from autograder.graders.a06_rnn_lstm.problems import (
    Draw,
    drawn_cases,
    lstm_params,
    named,
    rnn_weights,
    sizes,
)

task = Task("gradient_through_time", compare=named("rnn_norms", "lstm_norms"))


def _norms(rng, reference, draw):
    s = sizes(rng, draw.T, N=1)
    x, h0 = rng.normal(size=s.D), rng.normal(scale=0.5, size=s.H)
    rnn = rnn_weights(rng, s)
    lstm = lstm_params(rng, s, draw.forget_bias)
    return call(s.T, x, h0, rnn, lstm).labelled(
        f"gradient_through_time, T = {s.T}, D = {s.D}, H = {s.H}, b_f ≈ {draw.forget_bias:g}"
    )


drawn_cases(
    task,
    _norms,
    {
        "random_weights": Draw(12, weight=2, forget_bias=2.0),
        "long_sequence": Draw(40, forget_bias=3.0),
        "few_steps_no_forget_bias": Draw(3),
    },
)


task.mistake(
    "rnn_tanh_derivative_forgotten",
    "RNN: tanh′ = 1 − h_t² in der Kettenregel vergessen (nur W_h multipliziert)",
    "RNN: tanh′ = 1 − h_t² forgotten in the chain rule (only W_h multiplied)",
    ("J = (1.0 - h**2)[:, None] * (Wh @ J)", "J = Wh @ J"),
)
task.mistake(
    "rnn_wh_transposed",
    "RNN: W_hᵀ statt W_h in der Jacobi-Matrix",
    "RNN: W_hᵀ instead of W_h in the Jacobian",
    ("(Wh @ J)", "(Wh.T @ J)"),
)
task.mistake(
    "cell_path_forgotten",
    "LSTM: Pfad über den Zellzustand f_t·∂C_{t−1}/∂h_0 vergessen",
    "LSTM: the cell-state path f_t·∂C_{t−1}/∂h_0 forgotten",
    ("df * c[:, None] + f[:, None] * J_c + di", "df * c[:, None] + di"),
)
