"""relu(z) = max(0, z)."""

from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("relu")
RELU = "np.maximum(_f64(z), 0.0)"
task.mistake("abs", "|z| statt max(0, z)", "|z| instead of max(0, z)", (RELU, "np.abs(_f64(z))"))
task.mistake(
    "np_max_axis",
    "np.max(z, 0) (Maximum entlang Achse 0) statt np.maximum(z, 0)",
    "np.max(z, 0) (maximum along axis 0) instead of np.maximum(z, 0)",
    (RELU, "np.max(_f64(z), 0)"),
)
task.mistake(
    "min",
    "min(0, z) statt max(0, z)",
    "min(0, z) instead of max(0, z)",
    ("np.maximum(", "np.minimum("),
)
