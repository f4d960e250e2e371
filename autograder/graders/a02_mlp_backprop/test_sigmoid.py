"""sigmoid(z): the logistic function, stable for |z| up to 1000."""

import numpy as np

from autograder.authoring import call
from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("sigmoid")


@task.case(what="sigmoid(z) für |z| bis 1000")
def stays_finite_for_huge_arguments(rng):
    return call(np.concatenate([[-1000.0, 1000.0, -745.5, 710.0], rng.normal(scale=50.0, size=6)]))


STABLE = "np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))"
task.mistake(
    "sign_flipped",
    "Vorzeichen im Exponenten vertauscht: 1/(1 + eᶻ)",
    "sign in the exponent flipped: 1/(1 + eᶻ)",
    (STABLE, "np.where(z >= 0, e / (1.0 + e), 1.0 / (1.0 + e))"),
)
task.mistake("tanh", "tanh statt Sigmoid", "tanh instead of the sigmoid", (STABLE, "np.tanh(z)"))
