"""The ``grade`` command's zygote imports torch only when its notebooks can use it."""

from __future__ import annotations

import pytest

from autograder.sandbox import preload, zygote
from autograder.sandbox.launcher import SandboxSpec
from tests.conftest import A01, REPO

EXAMPLES = REPO / "examples" / A01
TORCH_CELL = '{"cells": [{"cell_type": "code", "source": ["import torch\\n"]}]}'


@pytest.fixture(autouse=True)
def no_choice_yet(monkeypatch):
    monkeypatch.setenv(preload.ENV, "")  # recorded: the choice a test makes is undone after it
    monkeypatch.delenv(preload.ENV)


def test_notebooks_without_torch_get_a_zygote_with_numpy_only(tmp_path):
    preload.decide_for_grade([A01, str(EXAMPLES / "perfect.ipynb"), "--out", str(tmp_path)])
    assert not preload.torch_wanted()
    assert zygote.preload_for(SandboxSpec()) == ("numpy",)


def test_one_notebook_that_mentions_torch_keeps_torch(tmp_path):
    folder = tmp_path / "submitted"
    (folder / "s2" / A01).mkdir(parents=True)
    (folder / "s2" / A01 / "x.ipynb").write_text(TORCH_CELL)
    (folder / "s1.ipynb").write_text((EXAMPLES / "stub.ipynb").read_text())
    preload.decide_for_grade([A01, str(folder), "-q", "--jobs", "2", "--out", str(tmp_path)])
    assert preload.torch_wanted()
    assert zygote.preload_for(SandboxSpec()) == ("numpy", "torch")


def test_worker_helpers_that_use_torch_keep_torch(tmp_path):
    """a04's helpers build torch modules in the worker, whatever the student wrote."""
    preload.decide_for_grade(["a04_training", str(EXAMPLES / "stub.ipynb"), "--out", "o"])
    assert preload.torch_wanted()
    course = tmp_path / "course"
    (course / "graders" / A01).mkdir(parents=True)
    (course / "graders" / A01 / "worker_helpers.py").write_text("import torch\n")
    preload.decide_for_grade([A01, str(EXAMPLES / "stub.ipynb"), "--course", str(course)])
    assert preload.torch_wanted()


@pytest.mark.parametrize(
    "argv",
    [
        [A01],  # no notebooks: the CLI reports the usage error, torch stays the default
        [A01, "--out", "o"],
        ["--jobs", "x"],
    ],
)
def test_an_unreadable_command_line_keeps_torch(argv):
    preload.decide_for_grade(argv)
    assert preload.torch_wanted()


def test_the_callers_choice_wins_and_too_much_to_read_means_torch(tmp_path, monkeypatch):
    monkeypatch.setenv(preload.ENV, "1")
    preload.decide_for_grade([A01, str(EXAMPLES / "perfect.ipynb")])
    assert preload.torch_wanted()
    monkeypatch.delenv(preload.ENV)
    monkeypatch.setattr(preload, "MAX_BYTES", 1000)
    preload.decide_for_grade([A01, str(EXAMPLES / "perfect.ipynb")])
    assert preload.torch_wanted()


def test_a_mention_across_two_blocks_is_found(tmp_path):
    path = tmp_path / "big.ipynb"
    path.write_bytes(b" " * ((1 << 20) - 2) + b"torch")
    assert preload._contains(path, b"torch")
    assert not preload._contains(path, b"torchvision")


def test_grade_starts_early_the_zygote_its_assignment_declares(monkeypatch):
    """``autograder grade a04_training …`` starts a04's zygote (Keras) before the CLI loads,
    the very one its workers use, not a plain numpy/torch one they would not."""
    from autograder import cli, entry
    from autograder.config import GradingConfig
    from autograder.course import find_course
    from autograder.engine.runner import GradeOptions, sandbox_specs
    from tests.conftest import TEST_SEED

    started: list[SandboxSpec] = []
    monkeypatch.setattr(zygote, "prestart", started.extend)
    monkeypatch.setattr(cli, "main", lambda args: 0)
    perfect = REPO / "examples" / "a04_training" / "perfect.ipynb"
    assert entry.main(["grade", "a04_training", str(perfect), "--jobs", "2"]) == 0
    assert [spec.preload.modules for spec in started] == [("torch._dynamo", "keras")]
    a04 = find_course(REPO).assignment("a04_training")
    used = {zygote._key(s) for s in sandbox_specs(a04, GradeOptions(GradingConfig(TEST_SEED)))}
    assert used == {zygote._key(started[0])}
    started.clear()
    assert entry.main(["grade", A01, str(EXAMPLES / "perfect.ipynb")]) == 0
    assert [spec.preload for spec in started] == [preload.Preload()]
