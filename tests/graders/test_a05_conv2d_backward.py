"""a05's conv2d_backward feedback names which of dX, dW, db is wrong, and at which stride and
padding, the way a02 names the first wrong layer; a right setting keeps its share."""

import pytest

from autograder.engine.runner import load_catalogue
from tests.engine.test_catalogues import kit

AID = "a05_cnn"
TASK = "conv2d_backward"
MISTAKES = {e.key: e for e in load_catalogue(AID).mistakes(TASK)}
DB = "db = dY.sum(axis=(0, 2, 3))"


def graded(source: str):
    return kit(AID).grade({TASK: source}, "student", frozenset({TASK})).task(TASK)


def messages(task) -> str:
    """What the failed hidden tests say (the feedback page lists each one)."""
    return " ".join(test.message for test in task.tests if not test.passed)


def test_a_wrong_dx_is_named_with_its_setting_and_the_right_parts_are_not():
    said = messages(graded(MISTAKES["dx_kernel_not_rotated"].source))
    assert "dX von conv2d_backward bei stride = 2, padding = 1, Kern 2×2" in said
    assert "dX von conv2d_backward bei stride = 1, padding = 0, Kern 3×3" in said
    assert "dW von" not in said and "db von" not in said


def test_every_wrong_part_is_named_with_its_factor():
    both = MISTAKES["dw_batch_mean"].source.replace(DB, f"{DB} / len(X)")
    assert both != MISTAKES["dw_batch_mean"].source
    said = messages(graded(both))
    assert "dW von conv2d_backward" in said and "db von conv2d_backward" in said
    assert "1/N" in said and "dX von" not in said


def test_a_mistake_only_with_padding_keeps_the_unpadded_settings_share():
    """dW from an input padded with ones: right at padding 0 (one case, weight 1 of 6), wrong
    at every padding > 0, and the feedback says so for dW alone."""
    ones = "np.pad(X, [(0, 0), (0, 0), (padding,) * 2, (padding,) * 2], constant_values=1.0)"
    source = MISTAKES["dw_batch_mean"].source.replace(" / len(X)", "")
    source = source.replace(
        "dY, _windows(X_pad, kh, kw, stride))", f"dY, _windows({ones}, kh, kw, stride))"
    )
    assert ones in source
    task = graded(source)
    said = messages(task)
    assert task.score == pytest.approx(task.max_score / 6, abs=1e-4)  # scores are rounded
    assert "dW von conv2d_backward bei stride = 2, padding = 1" in said
    assert "padding = 0" not in said and "dX von" not in said and "db von" not in said
