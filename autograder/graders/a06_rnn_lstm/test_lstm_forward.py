"""lstm_forward(X, h0, c0, params): every hidden state H and every cell state C, (T, N, H) each."""

from autograder.authoring import Task, call
from autograder.graders.a06_rnn_lstm.problems import lstm_params, named, sequence, sizes

task = Task("lstm_forward", compare=named("H", "C"))


def _lstm(rng, T, N=None, forget_bias=0.0):
    s = sizes(rng, T, N)
    X, h0 = sequence(rng, s)
    c0 = rng.normal(size=(s.N, s.H))
    params = lstm_params(rng, s, forget_bias)
    return call(X, h0, c0, params).labelled(
        f"lstm_forward, T = {s.T}, N = {s.N}, D = {s.D}, H = {s.H}"
    )


@task.case(weight=2)
def random_sequence(rng):
    return _lstm(rng, 6)


@task.case()
def single_step_single_sample(rng):
    return _lstm(rng, 1, N=1)


@task.case()
def long_sequence_with_forget_bias(rng):
    return _lstm(rng, 20, forget_bias=2.0)


STEP = "h, c, _ = lstm_cell(x_t, h, c, W, b)"
task.mistake(
    "h_c_swapped",
    "h und C beim Weiterreichen vertauscht",
    "h and C swapped when passed on",
    (STEP, "c, h, _ = lstm_cell(x_t, h, c, W, b)"),
)
task.mistake(
    "cell_state_not_carried",
    "Zellzustand nicht weitergereicht (jeder Schritt beginnt mit C_0)",
    "cell state not carried (every step starts from C_0)",
    (STEP, "h, c, _ = lstm_cell(x_t, h, _f64(c0), W, b)"),
)
task.mistake(
    "hidden_state_not_carried",
    "verdeckter Zustand nicht weitergereicht (jeder Schritt beginnt mit h_0)",
    "hidden state not carried (every step starts from h_0)",
    (STEP, "h, c, _ = lstm_cell(x_t, _f64(h0), c, W, b)"),
)
