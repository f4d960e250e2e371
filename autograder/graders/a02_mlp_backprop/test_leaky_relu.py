"""leaky_relu(z, alpha=0.01): z for z > 0, α·z otherwise."""

from autograder.graders.a02_mlp_backprop.problems import elementwise, with_alpha

task = with_alpha(elementwise("leaky_relu"))
task.mistake(
    "alpha_ignored", "α ignoriert (fest 0.01)", "α ignored (fixed 0.01)", ("alpha * z", "0.01 * z")
)
task.mistake(
    "keras_default",
    "Standardwert α = 0.3 (Keras) statt 0.01",
    "default α = 0.3 (Keras) instead of 0.01",
    ("alpha=0.01", "alpha=0.3"),
)
task.mistake(
    "alpha_on_positive_side",
    "α auf der positiven statt der negativen Seite",
    "α on the positive instead of the negative side",
    ("np.where(z > 0, z, alpha * z)", "np.where(z > 0, alpha * z, z)"),
)
