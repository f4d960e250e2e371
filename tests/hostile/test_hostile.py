"""Each hostile submission gets 0 on the attacked task and disturbs nothing else."""

import pytest

from autograder.config import GradingConfig
from autograder.grading.runner import AssignmentGrader, GradeOptions
from autograder.notebook.compose import fill_solutions, write_notebook
from autograder.sandbox.launcher import Limits
from tests.conftest import TEST_SEED
from tests.hostile.cases import CASES

QUICK = Limits(call_seconds=4, submission_seconds=90, memory_bytes=1 << 30)


@pytest.fixture(scope="module")
def quick_grader(a01):
    return AssignmentGrader(a01, GradeOptions(GradingConfig(TEST_SEED, limits=QUICK)))


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.key)
def test_hostile_submission(case, quick_grader, model_sources, release_notebook, tmp_path):
    sources = {**model_sources, case.task: case.source}
    hostile = write_notebook(fill_solutions(release_notebook, sources), tmp_path / "mallory.ipynb")
    honest = write_notebook(
        fill_solutions(release_notebook, model_sources), tmp_path / "alice.ipynb"
    )

    result = quick_grader.grade_file(hostile, "mallory")
    assert result.status == "graded"
    for task in result.tasks:
        if task.kind != "auto":
            continue
        if task.task_id == case.task:
            assert task.score == 0, f"{case.key}: {task.feedback}"
        else:
            assert task.score == task.max_score, (
                f"{case.key} disturbed {task.task_id}: {task.feedback}"
            )

    after = quick_grader.grade_file(honest, "alice")
    assert after.score == after.max_score
