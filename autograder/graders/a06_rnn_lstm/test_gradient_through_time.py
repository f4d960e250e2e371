"""gradient_through_time(T, x, h0, rnn_params, lstm_params): ‖∂h_t/∂h_0‖ for t = 1 … T of an RNN
and of an LSTM, graded on the values (the notebook's plot is for the student)."""

from autograder.authoring import Task, call
from autograder.graders.a06_rnn_lstm.problems import lstm_params, named, rnn_weights, sizes

task = Task("gradient_through_time", compare=named("rnn_norms", "lstm_norms"))


def _norms(rng, T, forget_bias):
    s = sizes(rng, T, N=1)
    x, h0 = rng.normal(size=s.D), rng.normal(scale=0.5, size=s.H)
    rnn = rnn_weights(rng, s)
    lstm = lstm_params(rng, s, forget_bias)
    return call(T, x, h0, rnn, lstm).labelled(
        f"gradient_through_time, T = {T}, D = {s.D}, H = {s.H}, b_f ≈ {forget_bias:g}"
    )


@task.case(weight=2)
def random_weights(rng):
    return _norms(rng, 12, 2.0)


@task.case()
def long_sequence(rng):
    return _norms(rng, 40, 3.0)


@task.case()
def few_steps_no_forget_bias(rng):
    return _norms(rng, 3, 0.0)


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
