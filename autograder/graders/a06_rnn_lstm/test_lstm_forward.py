"""lstm_forward(X, h0, c0, params): every hidden state H and every cell state C, (T, N, H) each."""

from autograder.authoring import Task
from autograder.graders.a06_rnn_lstm.problems import (
    SEQUENCES,
    Draw,
    lstm_problem,
    named,
    problem_cases,
)

task = Task("lstm_forward", compare=named("H", "C"))


problem_cases(task, lstm_problem, SEQUENCES | {"long_sequence": Draw(20, forget_bias=2.0)})


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
