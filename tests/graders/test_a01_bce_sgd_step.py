"""a01 task 2 weighs ŷ, the loss and the update independently: one wrong part costs its share."""

import pytest

from autograder.engine.runner import load_catalogue
from tests.conftest import A01

MISTAKES = {e.key: e for e in load_catalogue(A01).mistakes("bce_sgd_step")}


def part_of(test_name: str) -> str:
    """``…::test_hidden_samples[0-loss]`` → ``loss``."""
    return test_name.split("[")[1].rstrip("]").split("-")[-1]


@pytest.mark.parametrize(
    "key, share, wrong",
    [
        ("log10", 0.75, "loss"),  # the update is right: it never uses the loss
        ("loss_after_update", 0.75, "loss"),
        ("sign_flipped", 0.5, "w_new"),  # ŷ and J are right
        ("gradient_without_x", 0.5, "w_new"),
    ],
)
def test_a_mistake_in_one_part_costs_only_that_parts_share(
    grade_sources, model_sources, key, share, wrong
):
    task = grade_sources(
        {**model_sources, "bce_sgd_step": MISTAKES[key].source}, only={"bce_sgd_step"}
    ).task("bce_sgd_step")
    assert task.score == pytest.approx(share * task.max_score) and task.status == "partial"
    assert task.diagnosis is not None and task.diagnosis.key == key
    failed = [t.name for t in task.tests if not t.passed]
    assert [part_of(name) for name in failed] == [wrong] * 3, failed  # lecture + both labels


def test_the_parts_weights_sum_to_the_task(grade_sources, model_sources):
    task = grade_sources(model_sources, only={"bce_sgd_step"}).task("bce_sgd_step")
    weights = {}
    for test in task.tests:
        weights[part_of(test.name)] = weights.get(part_of(test.name), 0) + test.weight
    assert task.score == task.max_score and weights == {"y_hat": 7, "loss": 7, "w_new": 14}
