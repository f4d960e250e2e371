"""conv_param_counts(c_in, c_out, k, H, W): parameters of the same layer as a conv, a locally
connected and a dense layer (deck 004, eq. 62: O(H·W·d²) vs O(k²·d))."""

import numpy as np

from autograder.authoring import Task, Text, call, exact_int, fail, item_label

task = Task("conv_param_counts")
KEYS = ("conv", "local", "dense")


def exact_counts(actual, expected, what, precision=None):
    """A dict with the keys conv, local and dense, each count exactly right."""
    if not isinstance(actual, dict) or set(actual) != set(KEYS):
        label = what if isinstance(what, Text) else Text(what, what)
        fail(
            f"{label.de}: erwartet ein dict mit den Schlüsseln conv, local, dense.",
            f"{label.en}: expected a dict with the keys conv, local, dense.",
        )
    for key in KEYS:
        exact_int(actual[key], expected[key], item_label(what, key))


def _counts(c_in, c_out, k, H, W):
    return call(c_in, c_out, k, H, W).labelled(f"conv_param_counts({c_in}, {c_out}, {k}, {H}, {W})")


@task.case(compare=exact_counts)
def lecture_numbers():
    """The deck's argument with numbers: 32 × 32, d = 64 channels, 3×3 kernels."""
    return [_counts(64, 64, 3, 32, 32), _counts(3, 16, 5, 28, 28)]


@task.case(weight=2, compare=exact_counts)
def random_layers(rng):
    calls = []
    for k in (1, 3, 4):
        c_in, c_out = (int(v) for v in rng.choice(np.arange(1, 40), size=2, replace=False))
        H, W = (int(v) for v in rng.choice(np.arange(5, 60), size=2, replace=False))
        calls.append(_counts(c_in, c_out, k, H, W))
    return calls


SHARED = "shared = c_out * (c_in * k * k + 1)"
task.mistake(
    "conv_without_bias",
    "Biases der Faltung vergessen",
    "the conv layer's biases forgotten",
    (SHARED, "shared = c_out * c_in * k * k"),
)
task.mistake(
    "input_channels_ignored",
    "Eingangskanäle nicht mitgezählt (ein k×k-Filter statt C_in·k·k Gewichte pro Filter)",
    "input channels not counted (one k×k filter instead of C_in·k·k weights per filter)",
    (SHARED, "shared = c_out * (k * k + 1)"),
)
task.mistake(
    "dense_without_bias",
    "Biases der dichten Schicht vergessen",
    "the dense layer's biases forgotten",
    ("dense = (c_in * H * W + 1) * (c_out * H * W)", "dense = c_in * H * W * c_out * H * W"),
)
task.mistake(
    "local_shared_bias",
    "lokal verbundene Schicht mit nur einem Bias pro Ausgabekanal",
    "locally connected layer with only one bias per output channel",
    ("local = H * W * c_out * (c_in * k * k + 1)", "local = H * W * c_out * c_in * k * k + c_out"),
)
