"""conv_output_size(n, k, stride, padding, dilation) = ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1."""

from autograder.authoring import Task, call, exact_int

task = Task("conv_output_size", compare=exact_int)


def _size(n, k, stride=1, padding=0, dilation=1):
    label = f"conv_output_size({n}, {k}, stride={stride}, padding={padding}, dilation={dilation})"
    return call(n, k, stride=stride, padding=padding, dilation=dilation).labelled(label)


@task.case()
def lecture_layers():
    """3×3 "same", 2×2 pooling, and a stride that does not divide evenly (floor)."""
    return [_size(32, 3, padding=1), _size(28, 2, stride=2), _size(8, 3, stride=2)]


@task.case(weight=2)
def stride_and_padding(rng):
    calls = []
    for _ in range(4):
        k, stride = int(rng.integers(2, 6)), int(rng.integers(2, 4))
        n = int(rng.integers(k + 3, 40)) | 1  # odd n: (n + 2p − k) is not always a multiple of s
        calls.append(_size(n, k, stride, int(rng.integers(1, 3))))
    return [*calls, _size(10, 4, stride=3, padding=1)]  # ⌊9/3⌋ = 3, exact: floor and ceil agree


@task.case()
def dilation(rng):
    n = int(rng.integers(16, 30))
    return [_size(n, 3, dilation=2), _size(n, 3, stride=2, padding=2, dilation=3)]


FORMULA = "(n + 2 * padding - dilation * (k - 1) - 1) // stride + 1"
task.mistake(
    "ceil",
    "aufgerundet statt abgerundet (ceil statt floor: eine Ausgabe zu viel)",
    "rounded up instead of down (ceil instead of floor: one output too many)",
    (FORMULA, "-(-(n + 2 * padding - dilation * (k - 1) - 1) // stride) + 1"),
)
task.mistake(
    "no_plus_one",
    "„+ 1“ vergessen (das erste Fenster nicht mitgezählt)",
    "“+ 1” forgotten (the first window not counted)",
    ("// stride + 1", "// stride"),
)
task.mistake(
    "padding_once",
    "Padding nur einmal gezählt (nur auf einer Seite)",
    "padding counted once (on one side only)",
    ("2 * padding", "padding"),
)
task.mistake(
    "dilation_ignored",
    "Dilatation ignoriert (Kern überspannt k statt d·(k − 1) + 1 Pixel)",
    "dilation ignored (the kernel spans k instead of d·(k − 1) + 1 pixels)",
    ("dilation * (k - 1)", "(k - 1)"),
)
