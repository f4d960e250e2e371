"""count_params(layer_sizes): weights plus one bias per neuron (785 for 784 → 1)."""

from autograder.authoring import Task, call, exact_int

task = Task("count_params", compare=exact_int)


def _network(sizes):
    return call(sizes).labelled(f"count_params({sizes})")


@task.case()
def lecture_networks():
    return [_network([784, 1]), _network([784, 300, 1])]


@task.case(weight=2)
def random_networks(rng):
    return [_network([int(n) for n in rng.integers(1, 700, size=depth + 1)]) for depth in (1, 3, 4)]


task.mistake("no_bias", "Biases nicht mitgezählt", "biases not counted", ("(n_in + 1)", "n_in"))
task.mistake(
    "bias_per_input",
    "ein Bias pro Eingang statt pro Neuron: n_in·(n_out + 1)",
    "one bias per input instead of per neuron: n_in·(n_out + 1)",
    ("n_out * (n_in + 1)", "n_in * (n_out + 1)"),
)
task.mistake(
    "input_layer_biases",
    "auch der Eingabeschicht Biases gegeben",
    "biases given to the input layer as well",
    ("itertools.pairwise(layer_sizes)))", "itertools.pairwise(layer_sizes)) + layer_sizes[0])"),
)
