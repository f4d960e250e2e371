"""leaky_relu_prime(z, alpha=0.01): 1 for z > 0, α otherwise (α at z = 0)."""

from autograder.graders.a02_mlp_backprop.problems import elementwise, with_alpha

task = with_alpha(elementwise("leaky_relu_prime"))
task.mistake(
    "one_at_zero",
    "Leaky-ReLU′(0) = 1 statt α",
    "leaky ReLU′(0) = 1 instead of α",
    ("_f64(z) > 0", "_f64(z) >= 0"),
)
task.mistake(
    "alpha_ignored", "α ignoriert (fest 0.01)", "α ignored (fixed 0.01)", ("float(alpha)", "0.01")
)
task.mistake(
    "zero_slope",
    "Steigung 0 links (Ableitung der normalen ReLU)",
    "slope 0 on the left (the plain ReLU's derivative)",
    ("float(alpha)", "0.0"),
)
