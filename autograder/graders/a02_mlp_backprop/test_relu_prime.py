"""relu_prime(z): 1 for z > 0, else 0 (ReLU′(0) = 0)."""

from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("relu_prime")
STEP = "(_f64(z) > 0).astype(np.float64)"
task.mistake(
    "one_at_zero",
    "ReLU′(0) = 1 (z ≥ 0 statt z > 0)",
    "ReLU′(0) = 1 (z ≥ 0 instead of z > 0)",
    ("_f64(z) > 0", "_f64(z) >= 0"),
)
task.mistake(
    "relu_itself",
    "ReLU statt ReLU′ zurückgegeben",
    "ReLU returned instead of ReLU′",
    (STEP, "np.maximum(_f64(z), 0)"),
)
task.mistake(
    "sign", "sign(z) (−1 für negative z)", "sign(z) (−1 for negative z)", (STEP, "np.sign(_f64(z))")
)
