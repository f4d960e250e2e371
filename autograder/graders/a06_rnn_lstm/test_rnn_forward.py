"""rnn_forward(X, h0, Wx, Wh, b): every hidden state H (T, N, H) and the cache (X, h0, Wx, Wh, H)."""

from autograder.authoring import Task, call
from autograder.graders.a06_rnn_lstm.problems import named, rnn_weights, sequence, sizes

task = Task("rnn_forward", compare=named("H", "cache"))


def _rnn(rng, T, N=None):
    s = sizes(rng, T, N)
    X, h0 = sequence(rng, s)
    return call(X, h0, *rnn_weights(rng, s)).labelled(
        f"rnn_forward, T = {s.T}, N = {s.N}, D = {s.D}, H = {s.H}"
    )


@task.case(weight=2)
def random_sequence(rng):
    return _rnn(rng, 5)


@task.case()
def single_step_single_sample(rng):
    return _rnn(rng, 1, N=1)


@task.case()
def long_sequence(rng):
    return _rnn(rng, 25)


STEP = "h = np.tanh(X[t] @ Wx.T + h @ Wh.T + b)"
task.mistake(
    "wh_not_transposed",
    "h·W_h statt h·W_hᵀ (Layout H × H missachtet)",
    "h·W_h instead of h·W_hᵀ",
    (STEP, "h = np.tanh(X[t] @ Wx.T + h @ Wh + b)"),
)
task.mistake(
    "state_not_carried",
    "Zustand nicht weitergereicht (jeder Schritt beginnt mit h0)",
    "state not carried (every step starts from h0)",
    (STEP, "h = np.tanh(X[t] @ Wx.T + h0 @ Wh.T + b)"),
)
task.mistake(
    "bias_missing",
    "Bias b vergessen",
    "bias b forgotten",
    (STEP, "h = np.tanh(X[t] @ Wx.T + h @ Wh.T)"),
)
