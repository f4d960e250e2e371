"""tanh_prime(z) = 1 − tanh²(z)."""

from autograder.graders.a02_mlp_backprop.problems import elementwise

task = elementwise("tanh_prime")
task.mistake(
    "one_minus_tanh",
    "tanh′ = 1 − tanh (Quadrat vergessen, Druckfehler der Folie)",
    "tanh′ = 1 − tanh (square forgotten)",
    ("np.tanh(_f64(z)) ** 2", "np.tanh(_f64(z))"),
)
task.mistake(
    "on_activation",
    "tanh′ an der Aktivierung a = tanh(z) statt an z ausgewertet",
    "tanh′ evaluated at the activation a = tanh(z) instead of z",
    ("np.tanh(_f64(z))", "np.tanh(np.tanh(_f64(z)))"),
)
