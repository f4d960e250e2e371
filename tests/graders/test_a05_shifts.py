"""a05's equivariance certificates are checked with the same shift the notebook gives students
(`verschiebe` in the setup cell), and the checks refuse what would prove nothing."""

import itertools
from pathlib import Path

import numpy as np
import pytest

from autograder.authoring import CheckFailure
from autograder.graders.a05_cnn import shifts
from autograder.notebook.compose import read_notebook
from solutions import a05_cnn as ref

SOURCE = Path(__file__).resolve().parents[2] / "source/a05_cnn/a05_cnn.ipynb"


def _verschiebe():
    setup = next(
        c
        for c in read_notebook(SOURCE).cells
        if c.metadata.get("nbgrader", {}).get("grade_id") == "setup"
    )
    scope: dict = {}
    exec(setup.source, scope)
    return scope["verschiebe"]


def test_the_graders_shift_is_the_notebooks():
    verschiebe = _verschiebe()
    A = np.random.default_rng(0).normal(size=(2, 3, 5, 7))
    for t in itertools.product(range(-8, 9), repeat=2):
        np.testing.assert_array_equal(shifts.shifted(A, t), verschiebe(A, t))


def _certificate(**changes):
    return {**ref.equivariance_certificate(), **changes}


def test_the_reference_certificate_passes_both_checks():
    shifts.assert_conv_example(_certificate(), ref.conv2d_forward)
    shifts.assert_pool_example(_certificate(), ref.maxpool_forward, ref.POOL_SIZE)


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"shift": (0, 0)}, "(0, 0)"),
        ({"shift": (6, 0)}, "über den Rand"),
        ({"shift": (1.5, 0)}, "ganze Zahlen"),
        ({"X": np.zeros((1, 1, 8, 8))}, "überall 0"),
        ({"X": np.zeros((1, 1, 80, 80))}, "4096"),
        ({"W": np.ones((1, 2, 2, 2))}, "Form"),
    ],
)
def test_conv_examples_that_prove_nothing_are_refused(changes, said):
    with pytest.raises(CheckFailure) as failure:
        shifts.assert_conv_example(_certificate(**changes), ref.conv2d_forward)
    assert said in failure.value.text.de


@pytest.mark.parametrize(("t", "said"), [((0, 2), "kein Gegenbeispiel"), ((0, 4), "über den Rand")])
def test_pool_examples_that_prove_nothing_are_refused(t, said):
    with pytest.raises(CheckFailure) as failure:
        shifts.assert_pool_example(_certificate(shift_pool=t), ref.maxpool_forward, ref.POOL_SIZE)
    assert said in failure.value.text.de
