"""lstm_cell(x_t, h_prev, c_prev, W, b): (h_t, C_t, gates) exactly as deck 004 writes it (Eq. 67–75).

The gates are compared one by one, so the feedback names the wrong gate when only one is; a
second test draws ``torch.nn.LSTMCell``'s stacked weights (i, f, g, o), maps them to the deck's
W_k = [W_hh[k] | W_ih[k]] and checks the student's cell against torch's own formula."""

from autograder.authoring import Task, Text, as_tuple, assert_same, call
from autograder.graders.a06_rnn_lstm.problems import lstm_params, lstm_step, sizes

task = Task("lstm_cell", compare=lstm_step)


def _states(rng, s):
    return (
        rng.normal(size=(s.N, s.D)),
        rng.normal(scale=0.5, size=(s.N, s.H)),
        rng.normal(size=(s.N, s.H)),
    )


@task.case(weight=2)
def random_step(rng):
    s = sizes(rng, 1)
    return call(*_states(rng, s), *lstm_params(rng, s)).labelled(
        f"lstm_cell, N = {s.N}, D = {s.D}, H = {s.H}"
    )


@task.case()
def single_sample_large_forget_bias(rng):
    s = sizes(rng, 1, N=1)
    return call(*_states(rng, s), *lstm_params(rng, s, forget_bias=2.0)).labelled(
        f"lstm_cell, N = 1, D = {s.D}, H = {s.H}, b_f ≈ 2"
    )


@task.test()
def test_matches_torch_lstm_cell(student, reference, rng):
    """torch's stacked weights (rows i, f, g, o; two biases), mapped to the deck's per-gate W_k;
    the expected step is torch.nn.LSTMCell's own formula (``reference.torch_lstm_cell``, checked
    against torch in tests/solutions), so grading needs no torch."""
    s = sizes(rng, 1)
    stacked = [
        rng.normal(scale=0.5, size=shape)
        for shape in ((4 * s.H, s.D), (4 * s.H, s.H), (4 * s.H,), (4 * s.H,))
    ]
    W, b = reference.from_torch_lstm(*stacked)
    x, h, c = _states(rng, s)
    h_torch, c_torch = reference.torch_lstm_cell(x, h, c, *stacked)
    result = as_tuple(student.lstm_cell(x, h, c, W, b), 3, "(h_t, c_t, gates)")
    mapped = Text(
        "gegen torch.nn.LSTMCell mit W_k = [W_hh[k] | W_ih[k]], b_k = b_ih[k] + b_hh[k]",
        "against torch.nn.LSTMCell with W_k = [W_hh[k] | W_ih[k]], b_k = b_ih[k] + b_hh[k]",
    )
    for value, expected, name in ((result[1], c_torch, "C_t"), (result[0], h_torch, "h_t")):
        assert_same(value, expected, Text(f"{name} {mapped.de}", f"{name} {mapped.en}"))


HX = "hx = np.concatenate([_f64(h_prev), _f64(x_t)], axis=1)"
task.mistake(
    "x_before_h",
    "[x_t, h_{t−1}] statt [h_{t−1}, x_t] verkettet",
    "[x_t, h_{t−1}] concatenated instead of [h_{t−1}, x_t]",
    (HX, "hx = np.concatenate([_f64(x_t), _f64(h_prev)], axis=1)"),
)
task.mistake(
    "forget_on_candidate",
    "Forget-Gate auf den neuen Kandidaten C̃_t angewendet (f und i vertauscht)",
    "forget gate applied to the new candidate C̃_t (f and i swapped)",
    ("c = f * _f64(c_prev) + i * C_tilde", "c = i * _f64(c_prev) + f * C_tilde"),
)
task.mistake(
    "tanh_c_forgotten",
    "tanh(C_t) in h_t vergessen (h_t = o_t·C_t)",
    "tanh(C_t) forgotten in h_t (h_t = o_t·C_t)",
    ("h = o * np.tanh(c)", "h = o * c"),
)
task.mistake(
    "sigmoid_candidate",
    "Sigmoid statt tanh für den Kandidaten C̃_t",
    "sigmoid instead of tanh for the candidate C̃_t",
    ('C_tilde = np.tanh(hx @ _f64(W["C"]).T', 'C_tilde = sigmoid(hx @ _f64(W["C"]).T'),
)
task.mistake(
    "h_c_swapped",
    "h_t und C_t vertauscht zurückgegeben",
    "h_t and C_t returned swapped",
    ('return h, c, {"f"', 'return c, h, {"f"'),
)
