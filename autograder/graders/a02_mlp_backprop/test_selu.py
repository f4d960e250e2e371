"""selu(z): λ·z for z > 0, λ·α·(eᶻ − 1) otherwise."""

from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("selu")
task.mistake(
    "elu",
    "ELU statt SELU (λ vergessen)",
    "ELU instead of SELU (λ forgotten)",
    ("return SELU_LAMBDA * np.where", "return np.where"),
)
task.mistake(
    "lambda_negative_only",
    "λ nur im negativen Zweig",
    "λ only on the negative branch",
    ("SELU_LAMBDA * np.where(z > 0, z, SELU_ALPHA", "np.where(z > 0, z, SELU_LAMBDA * SELU_ALPHA"),
)
task.mistake(
    "constants_swapped",
    "λ und α vertauscht",
    "λ and α swapped",
    ("SELU_LAMBDA * np.where(z > 0, z, SELU_ALPHA", "SELU_ALPHA * np.where(z > 0, z, SELU_LAMBDA"),
)
