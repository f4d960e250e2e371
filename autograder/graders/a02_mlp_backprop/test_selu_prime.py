"""selu_prime(z): λ for z > 0, λ·α·eᶻ for z < 0 (never drawn at the kink z = 0)."""

from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("selu_prime", zeros=False)
task.mistake(
    "minus_one_kept",
    "λα(eᶻ − 1) für z < 0 (die −1 mit abgeleitet)",
    "λα(eᶻ − 1) for z < 0 (the −1 differentiated along)",
    ("np.exp(np.minimum(z, 0.0))", "np.expm1(np.minimum(z, 0.0))"),
)
task.mistake(
    "lambda_forgotten",
    "λ in der Ableitung vergessen",
    "λ forgotten in the derivative",
    ("return SELU_LAMBDA * np.where", "return np.where"),
)
