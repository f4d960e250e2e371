"""sigmoid_prime(z) = σ(z)·(1 − σ(z))."""

from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("sigmoid_prime")
task.mistake(
    "sigma_itself", "σ′ = σ (die Ableitung ist σ selbst)", "σ′ = σ", ("s * (1.0 - s)", "s")
)
task.mistake(
    "formula_on_z",
    "a(1 − a) mit z statt mit a = σ(z) gerechnet: z(1 − z)",
    "a(1 − a) computed with z instead of a = σ(z): z(1 − z)",
    ("s = sigmoid(z)", "s = z"),
)
task.mistake(
    "sigma_squared",
    "σ(z)² statt σ(z)(1 − σ(z))",
    "σ(z)² instead of σ(z)(1 − σ(z))",
    ("s * (1.0 - s)", "s**2"),
)
