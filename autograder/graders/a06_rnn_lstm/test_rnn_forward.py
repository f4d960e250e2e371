"""rnn_forward(X, h0, Wx, Wh, b): every hidden state H (T, N, H) and the cache (X, h0, Wx, Wh, H)."""

from autograder.authoring import Task
from autograder.graders.a06_rnn_lstm.problems import SEQUENCES, named, problem_cases, rnn_problem

task = Task("rnn_forward", compare=named("H", "cache"))


problem_cases(task, rnn_problem, SEQUENCES)


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
