"""split_data(X, y, fractions, seed): graded on properties, not on one algorithm's indices.

Every row comes back exactly once with its label (column 0 of the hidden X is a row id); per
class and split the count is within 1 of fraction·n_c (stratified); the same seed gives the
same split, another seed another one. The mistakes are recognised by the same properties
(matchers): a global permutation misses the class counts, an unshuffled split takes the first
rows of every class.
"""

import numpy as np

from autograder.authoring import Task, Text, as_array, as_tuple, fail

task = Task("split_data")
FRACTIONS = (0.75, 0.10, 0.15)
SPLITS = ("train", "val", "test")


def _data(rng):
    """X with a row id in column 0, K classes of unequal size, rows in random order."""
    counts = rng.integers(60, 140, size=int(rng.integers(3, 6)))
    y = rng.permutation(np.repeat(np.arange(len(counts)), counts))
    X = np.column_stack([np.arange(len(y)), rng.normal(size=(len(y), 2))])
    return X, y


def _parts(value, X, what):
    """The three (ids, labels) pairs of a returned 6-tuple, validated."""
    items = as_tuple(value, 6, what)
    parts = []
    for index, name in enumerate(SPLITS):
        Xs = as_array(items[2 * index], f"X_{name}")
        ys = as_array(items[2 * index + 1], f"y_{name}", shape=(len(Xs),))
        if Xs.ndim != 2 or Xs.shape[1] != X.shape[1]:
            fail(f"X_{name}: Form {Xs.shape}, erwartet (n, {X.shape[1]}).",
                 f"X_{name}: shape {Xs.shape}, expected (n, {X.shape[1]}).")  # fmt: skip
        parts.append((Xs[:, 0].astype(np.int64), ys.astype(np.int64)))
    return parts


def _partition_problem(parts, y):
    ids = np.concatenate([p[0] for p in parts])
    if not np.array_equal(np.sort(ids), np.arange(len(y))):
        return Text("Die drei Teile enthalten nicht jede Zeile von X genau einmal.",
                    "The three parts do not hold every row of X exactly once.")  # fmt: skip
    if any(not np.array_equal(y[i], labels) for i, labels in parts):
        return Text("Zeilen und Labels passen nicht mehr zusammen (X und y verschieden gemischt?).",
                    "Rows and labels no longer match (X and y shuffled differently?).")  # fmt: skip
    return None


def _class_count_problem(parts, y, fractions):
    for (ids, _), name, fraction in zip(parts, SPLITS, fractions, strict=True):
        for c in np.unique(y):
            n_c, got = int(np.sum(y == c)), int(np.sum(y[ids] == c))
            if abs(got - fraction * n_c) > 1 + 1e-9:
                return Text(
                    f"nicht stratifiziert: Klasse {c} hat {got} von {n_c} Beispielen in "
                    f"„{name}“, erwartet ≈ {fraction:g}·{n_c} = {fraction * n_c:.1f}.",
                    f"not stratified: class {c} has {got} of {n_c} samples in "
                    f"“{name}”, expected ≈ {fraction:g}·{n_c} = {fraction * n_c:.1f}.",
                )
    return None


def _split(student, X, y, fractions, seed):
    what = f"split_data(X, y, {fractions}, seed={seed})"
    return what, _parts(student.split_data(X, y, fractions, seed), X, what)


def _check(problem, what):
    if problem is not None:
        fail(f"{what}: {problem.de}", f"{what}: {problem.en}")


@task.test()
def test_every_row_once_with_its_label(student, rng):
    X, y = _data(rng)
    what, parts = _split(student, X, y, FRACTIONS, int(rng.integers(1000)))
    _check(_partition_problem(parts, y), what)


@task.test(weight=2)
def test_stratified(student, rng):
    for fractions in (FRACTIONS, (0.6, 0.2, 0.2)):
        X, y = _data(rng)
        what, parts = _split(student, X, y, fractions, int(rng.integers(1000)))
        _check(_partition_problem(parts, y) or _class_count_problem(parts, y, fractions), what)


@task.test()
def test_reproducible_and_seeded(student, rng):
    X, y = _data(rng)
    seed = int(rng.integers(1000))
    what, first = _split(student, X, y, FRACTIONS, seed)
    _, again = _split(student, X, y, FRACTIONS, seed)
    _, other = _split(student, X, y, FRACTIONS, seed + 1)
    if any(not np.array_equal(a[0], b[0]) for a, b in zip(first, again, strict=True)):
        fail(f"{what}: zweimal mit demselben seed aufgerufen, verschiedene Aufteilungen.",
             f"{what}: called twice with the same seed, different splits.")  # fmt: skip
    if all(np.array_equal(np.sort(a[0]), np.sort(b[0])) for a, b in zip(first, other, strict=True)):
        fail(f"{what}: mit seed={seed + 1} dieselbe Aufteilung: wird zufällig gemischt?",
             f"{what}: the same split with seed={seed + 1}: are the rows shuffled?")  # fmt: skip


def _properties(test):
    """A matcher: the recorded split passes the partition check and ``test`` says yes."""

    def matcher(value, args, kwargs):
        X, y, fractions = args[0], args[1], args[2]
        try:
            parts = _parts(value, X, "")
        except AssertionError:
            return False
        return _partition_problem(parts, y) is None and test(parts, y, fractions)

    return matcher


def _first_rows_of_each_class(parts, y, fractions):
    train_ids = parts[0][0]
    return all(
        np.array_equal(np.sort(train_ids[y[train_ids] == c]),
                       np.flatnonzero(y == c)[: int(np.sum(y[train_ids] == c))])
        for c in np.unique(y)
    )  # fmt: skip


@task.mistake_function(
    "not_stratified",
    "nicht stratifiziert (eine gemeinsame Permutation aller Zeilen)",
    "not stratified (one permutation of all rows)",
    matcher=_properties(lambda parts, y, f: _class_count_problem(parts, y, f) is not None),
)
def split_data(X, y, fractions=(0.75, 0.10, 0.15), seed=0):
    idx = np.random.default_rng(seed).permutation(len(y))
    n_train = round(fractions[0] * len(y))
    n_val = round(fractions[1] * len(y))
    a, b, c = np.split(idx, [n_train, n_train + n_val])
    return X[a], y[a], X[b], y[b], X[c], y[c]


task.mistake(
    "not_shuffled",
    "nicht gemischt: die ersten Zeilen jeder Klasse gehen ins Training",
    "not shuffled: the first rows of every class go to training",
    ("idx = rng.permutation(np.flatnonzero(y == c))", "idx = np.flatnonzero(y == c)"),
    ("idx = rng.permutation(np.concatenate(part))", "idx = np.concatenate(part)"),
    matcher=_properties(_first_rows_of_each_class),
)
