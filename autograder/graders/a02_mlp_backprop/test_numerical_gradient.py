"""numerical_gradient(f, x, eps=1e-6): central differences for every entry of x.

f cannot cross into the sandbox: the notebook's ``numerical_gradient_of(name, x, …)`` calls the
student's function with ``TEST_FUNCTIONS[name]``; the reference and the catalogued mistakes get
the same function, from the same setup cell of the source notebook run here.
"""

from autograder.authoring import Task, call, same, setup_cell

task = Task("numerical_gradient", compare=same(factor=True))


def _gradient(reference, name, x, *eps):
    what = f"numerical_gradient(TEST_FUNCTIONS[{name!r}], x der Form {x.shape}" + (
        f", eps={eps[0]:g})" if eps else ")"
    )
    functions = setup_cell(reference, "gradient_check_functions").TEST_FUNCTIONS
    return (
        call(functions[name], x, *eps)
        .through("numerical_gradient_of", name, x, *eps)
        .labelled(what)
    )


for name in ("cubic", "sin_times_cos", "log_sum_exp"):

    @task.case(weight=2, name=name)
    def vector(rng, reference, name=name):
        return _gradient(reference, name, rng.normal(size=int(rng.integers(4, 8))))


@task.case()
def matrix_and_eps(rng, reference):
    return [
        _gradient(reference, "sin_times_cos", rng.normal(size=(3, 4)), 1e-4),
        _gradient(reference, "square_sum", rng.normal(size=(2, 2, 2)), 1e-3),
    ]


task.mistake(
    "forward_difference",
    "einseitige Differenz (f(x + ε) − f(x))/ε statt zentraler Differenz",
    "forward difference (f(x + ε) − f(x))/ε instead of the central difference",
    (
        "x[index] = old - eps\n        f_minus = f(x)\n        x[index] = old\n",
        "x[index] = old\n        f_minus = f(x)\n",
    ),
    ("(f_plus - f_minus) / (2 * eps)", "(f_plus - f_minus) / eps"),
)
task.mistake(
    "missing_factor_2",
    "durch ε statt durch 2ε geteilt (Faktor 2)",
    "divided by ε instead of 2ε (factor 2)",
    ("(f_plus - f_minus) / (2 * eps)", "(f_plus - f_minus) / eps"),
)
task.mistake(
    "not_restored",
    "x[i] danach nicht zurückgesetzt",
    "x[i] not restored afterwards",
    ("        x[index] = old\n        grad", "        grad"),
)
