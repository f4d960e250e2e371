"""batchnorm_forward(x, gamma, beta, running_mean, running_var, momentum, eps, training) →
(y, new running mean, new running variance), PyTorch's convention (CONVENTIONS.md): normalise with
the biased batch variance; running statistics new = (1 − m)·old + m·batch with m = 0.1 and the
unbiased variance; at eval the running statistics. Batches of N = 8 expose ddof mistakes."""

from autograder.authoring import Task, call, same

task = Task("batchnorm_forward", compare=same(parts=("y", "running_mean", "running_var")))


def _args(rng, n, d):
    return (
        rng.normal(loc=2.0, scale=3.0, size=(n, d)),
        rng.uniform(0.5, 2.0, size=d),
        rng.normal(size=d),
        rng.normal(size=d),
        rng.uniform(0.5, 2.0, size=d),
    )


@task.case(weight=2, what="batchnorm_forward(x der Form (8, 5), training=True), m = 0.1")
def training_small_batch(rng):
    return call(*_args(rng, 8, 5), 0.1, 1e-5, True)


@task.case(what="batchnorm_forward(training=True) mit momentum = 0.3, eps = 1e-3")
def other_momentum_and_eps(rng):
    return call(*_args(rng, 16, 3), momentum=0.3, eps=1e-3, training=True)


@task.case(weight=2, what="batchnorm_forward(training=False): die laufende Statistik")
def evaluation_mode(rng):
    return call(*_args(rng, 8, 4), 0.1, 1e-5, False)


task.mistake(
    "keras_momentum",
    "Momentum wie Keras (0.99 = Anteil des alten Werts) statt PyTorchs m = 0.1",
    "momentum as in Keras (0.99 = share of the old value) instead of PyTorch's m = 0.1",
    ("(1 - momentum) * running_mean + momentum * mean",
     "momentum * running_mean + (1 - momentum) * mean"),
    ("(1 - momentum) * running_var + momentum * var",
     "momentum * running_var + (1 - momentum) * var"),
)  # fmt: skip
task.mistake(
    "batch_stats_in_eval",
    "auch im Eval-Modus mit der Statistik des Batches normalisiert",
    "normalised with the batch statistics in eval mode too",
    ("mean, var = running_mean, running_var", "mean, var = x.mean(axis=0), x.var(axis=0)"),
)
task.mistake(
    "unbiased_normalisation",
    "mit der korrigierten Varianz (ddof = 1) normalisiert",
    "normalised with the unbiased variance (ddof = 1)",
    ("mean, var = x.mean(axis=0), x.var(axis=0)\n        n = x.shape[0]",
     "mean, var = x.mean(axis=0), x.var(axis=0, ddof=1)\n        n = x.shape[0]"),
    ("var * n / (n - 1)", "var"),
)  # fmt: skip
task.mistake(
    "biased_running_var",
    "laufende Varianz ohne Bessel-Korrektur n/(n − 1)",
    "running variance without Bessel's correction n/(n − 1)",
    ("var * n / (n - 1)", "var"),
)
