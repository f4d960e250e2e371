"""xor_net_weights(): hand-set weights (W1, b1, W2, b2) of a 2-2-1 step network computing XOR,
checked exactly on the four inputs (any weights that work are right)."""

from fractions import Fraction

from autograder.authoring import Task, as_array, as_tuple, fail

task = Task("xor_net_weights")

XOR = {(0, 0): 0, (0, 1): 1, (1, 0): 1, (1, 1): 0}
SHAPES = {"W1": (2, 2), "b1": (2,), "W2": (1, 2), "b2": (1,)}


def _step(z: Fraction) -> int:
    return 1 if z >= 0 else 0


def _layer(W, b, x):
    return [
        _step(sum(Fraction(float(w)) * xi for w, xi in zip(row, x)) + Fraction(float(bi)))
        for row, bi in zip(W, b)
    ]


def _weights(student):
    values = as_tuple(student.xor_net_weights(), 4, "Rückgabe (W1, b1, W2, b2)")
    return [as_array(v, name, shape) for v, (name, shape) in zip(values, SHAPES.items())]


@task.test()
def test_shapes_follow_the_layout(student):
    _weights(student)


@task.test(weight=3)
def test_computes_xor(student):
    W1, b1, W2, b2 = _weights(student)
    for x, expected in XOR.items():
        out = _layer(W2, b2, _layer(W1, b1, x))[0]
        if out != expected:
            fail(
                f"Das Netz liefert für x = {x} den Wert {out} statt {expected} (Stufe mit f(0) = 1).",
                f"The network outputs {out} instead of {expected} for x = {x} (step with f(0) = 1).",
            )


W1 = "W1 = np.array([[1.0, 1.0], [-1.0, -1.0]])"
task.mistake(
    "w1_transposed",
    "W1 im Layout n_in × n_out (transponiert)",
    "W1 in the n_in × n_out layout (transposed)",
    (W1, "W1 = np.array([[1.0, -1.0], [1.0, -1.0]])"),
)
task.mistake(
    "w2_column",
    "W2 als Spalte (2 × 1) statt Zeile (1 × 2)",
    "W2 as a column (2 × 1) instead of a row (1 × 2)",
    ("np.array([[1.0, 1.0]])", "np.array([[1.0], [1.0]])"),
)
task.mistake(
    "or_output",
    "Ausgabeneuron als OR statt AND",
    "output neuron as OR instead of AND",
    ("np.array([-1.5])", "np.array([-0.5])"),
)
task.mistake(
    "designed_for_strict_step",
    "Netz für die Stufe mit f(0) = 0 entworfen",
    "network designed for the step with f(0) = 0",
    (W1, "W1 = np.array([[1.0, 1.0], [1.0, 1.0]])"),
    ("np.array([-0.5, 1.5])", "np.array([0.0, -1.0])"),
    ("np.array([[1.0, 1.0]])", "np.array([[1.0, -1.0]])"),
    ("np.array([-1.5])", "np.array([0.0])"),
)
