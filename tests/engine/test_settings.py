"""Per-task settings: forbidden libraries are really gone, limits apply per task."""

import dataclasses

import pytest

from autograder.config import GradingConfig
from autograder.engine.runner import AssignmentGrader, GradeOptions, load_catalogue
from autograder.engine.settings import SettingsError, WorkerProfile, load_settings
from autograder.notebook.compose import fill_solutions, write_notebook
from autograder.sandbox.preload import Preload
from tests.conftest import TEST_SEED

TORCH_VARIANT = next(
    e
    for e in load_catalogue("a01_perceptron_xor").variants("mlp_xor_train")
    if e.key == "torch_autograd"
)


@pytest.fixture
def numpy_only_grader(a01):
    grader = AssignmentGrader(a01, GradeOptions(GradingConfig(TEST_SEED)))
    base = grader.default_profile.limits
    grader.profiles["mlp_xor_train"] = WorkerProfile(base, ("torch",))
    grader.profiles["neuron"] = WorkerProfile(dataclasses.replace(base, call_seconds=1.0))
    return grader


def grade(grader, release_notebook, model_sources, tmp_path, replaced, only):
    path = write_notebook(
        fill_solutions(release_notebook, {**model_sources, **replaced}), tmp_path / "s.ipynb"
    )
    return grader.grade_file(path, "s", frozenset(only))


def test_forbidden_torch_fails_the_torch_solution_only(
    numpy_only_grader, release_notebook, model_sources, tmp_path
):
    result = grade(
        numpy_only_grader,
        release_notebook,
        model_sources,
        tmp_path,
        {"mlp_xor_train": TORCH_VARIANT.source},
        {"mlp_xor_train", "bce_sgd_step"},
    )
    task = result.task("mlp_xor_train")
    assert task.score == 0 and "torch nicht erlaubt" in task.feedback
    assert result.task("bce_sgd_step").score == result.task("bce_sgd_step").max_score
    honest = grade(
        numpy_only_grader, release_notebook, model_sources, tmp_path, {}, {"mlp_xor_train"}
    )
    assert honest.task("mlp_xor_train").score == 4


def test_module_level_torch_import_in_a_numpy_only_task(
    numpy_only_grader, release_notebook, model_sources, tmp_path
):
    source = "import torch\n\n" + model_sources["mlp_xor_train"]
    task = grade(
        numpy_only_grader,
        release_notebook,
        model_sources,
        tmp_path,
        {"mlp_xor_train": source},
        {"mlp_xor_train"},
    ).task("mlp_xor_train")
    assert task.score == 0 and "torch nicht erlaubt" in task.feedback


def test_removing_the_import_guard_finds_no_torch(
    numpy_only_grader, release_notebook, model_sources, tmp_path
):
    source = """
import sys
sys.meta_path[:] = [f for f in sys.meta_path if type(f).__name__ != "ForbiddenImport"]
import torch  # only an empty, masked folder is left

def mlp_xor_train(W1, b1, W2, b2, eta=0.5, epochs=2000):
    return torch.zeros(3)
"""
    task = grade(
        numpy_only_grader,
        release_notebook,
        model_sources,
        tmp_path,
        {"mlp_xor_train": source},
        {"mlp_xor_train"},
    ).task("mlp_xor_train")
    assert task.score == 0


def test_per_task_call_limit(numpy_only_grader, release_notebook, model_sources, tmp_path):
    slow = "import time\n\n" + model_sources["neuron"].replace(
        "    ### BEGIN SOLUTION", "    time.sleep(1.5)\n    ### BEGIN SOLUTION"
    )
    result = grade(
        numpy_only_grader,
        release_notebook,
        model_sources,
        tmp_path,
        {"neuron": slow, "bce_sgd_step": "import time\n" + model_sources["bce_sgd_step"]},
        {"neuron", "bce_sgd_step"},
    )
    assert (
        result.task("neuron").score == 0 and "Zeitlimit von 1 s" in result.task("neuron").feedback
    )
    assert result.task("bce_sgd_step").score == 2


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("[limits]\nmemory = 5\n", "unknown key"),
        ("[tasks.nope]\nforbid = ['torch']\n", "not a task"),
        ("[tasks.neuron]\nforbid = ['numpy']\n", "forbid must list"),
        ("[limits]\ncall_seconds = -1\n", "positive"),
        ("[grading]\n", "unknown sections"),
        ("[sandbox]\npreloads = ['keras']\n", "unknown key 'preloads'"),
        ("[sandbox]\npreload = 'keras'\n", "preload must list module names"),
        ("[sandbox]\npreload = ['keras; import os']\n", "preload must list module names"),
        ("[sandbox]\nenv = { HOME = '/root' }\n", "not the sandbox's own"),
        ("[sandbox]\nenv = { KERAS_BACKEND = 1 }\n", "env must map"),
    ],
)
def test_invalid_settings_are_refused(tmp_path, text, phrase):
    (tmp_path / "assignment.toml").write_text(text)
    with pytest.raises(SettingsError, match=phrase):
        load_settings(tmp_path, ("neuron",))


def test_declared_preload_reaches_every_worker_profile(tmp_path):
    (tmp_path / "assignment.toml").write_text(
        "[sandbox]\npreload = ['torch._dynamo', 'keras']\nenv = { KERAS_BACKEND = 'torch' }\n"
        "[tasks.neuron]\ncall_seconds = 30\n"
    )
    settings = load_settings(tmp_path, ("neuron", "bce"))
    base = GradingConfig(TEST_SEED).limits
    for task in ("neuron", "bce", ""):
        preload = settings.profile(task, base).preload
        assert preload.modules == ("torch._dynamo", "keras")
        assert preload.env == (("KERAS_BACKEND", "torch"),)
    (tmp_path / "plain").mkdir()
    assert load_settings(tmp_path / "plain", ("neuron",)).preload == Preload()
