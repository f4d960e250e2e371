"""Shared fixtures: the repository's course, a01, and a grader with a fixed test seed."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from autograder.config import GradingConfig
from autograder.course import Assignment, find_course
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.notebook.compose import (
    fill_solutions,
    read_notebook,
    solution_sources,
    write_notebook,
)
from autograder.results.model import SubmissionResult

REPO = Path(__file__).resolve().parents[1]
A01 = "a01_perceptron_xor"
TEST_SEED = "test-seed-not-secret"

GradeSources = Callable[..., SubmissionResult]


@pytest.fixture(scope="session")
def a01() -> Assignment:
    return find_course(REPO).assignment(A01)


@pytest.fixture(scope="session")
def grader(a01: Assignment) -> AssignmentGrader:
    return AssignmentGrader(a01, GradeOptions(GradingConfig(TEST_SEED)))


@pytest.fixture(scope="session")
def model_sources(a01: Assignment) -> dict[str, str]:
    """The source notebook's model solutions, by task id."""
    return solution_sources(read_notebook(a01.source_notebook))


@pytest.fixture(scope="session")
def release_notebook(a01: Assignment):  # type: ignore[no-untyped-def]
    return read_notebook(a01.release_dir / f"{A01}.ipynb")


@pytest.fixture
def grade_sources(grader, release_notebook, tmp_path) -> GradeSources:  # type: ignore[no-untyped-def]
    """Grade the released notebook with some solution cells replaced, like a student would."""

    def grade(
        sources: dict[str, str], only: set[str] | None = None, name: str = "student"
    ) -> SubmissionResult:
        path = write_notebook(fill_solutions(release_notebook, sources), tmp_path / f"{name}.ipynb")
        return grader.grade_file(path, name, frozenset(only) if only else None)

    return grade


def skip_gpu_tests_without_a_gpu(items: list[pytest.Item]) -> None:
    """``cuda`` tests run only where torch sees a GPU (benchmarks/gpu_check.sh); CI has none."""
    gpu_tests = [item for item in items if item.get_closest_marker("cuda")]
    if not gpu_tests:
        return
    import torch

    if not torch.cuda.is_available():
        skip = pytest.mark.skip(reason="needs a CUDA GPU (run benchmarks/gpu_check.sh on one)")
        for item in gpu_tests:
            item.add_marker(skip)


# The longest tests first (measured with `--durations` under `pytest -n 2`), then the other slow
# ones, then the rest: pytest-xdist hands tests out in this order, and a long test handed out
# last keeps one worker busy long after the other has run out of tests. Order only: every test
# runs, and tests of one module stay in their order.
LONGEST_FIRST = (
    "tests/test_cli.py::test_demo_grades_the_example_course_end_to_end",
    "tests/integrations/test_instructor_workflow.py::",
    "tests/integrations/test_nbgrader_autograde.py::test_both_paths_agree",
    "tests/integrations/test_formgrader_browser.py::",
    "tests/serve/test_lab.py::",
    "tests/hostile/test_corpus.py::test_hostile_corpus_in_one_batch",
    "tests/integrations/test_nbgrader_autograde.py::",
    "tests/nbgrader/test_gradebook.py::",
    "tests/nbgrader/test_manual_and_late.py::",
)


def schedule_rank(item: pytest.Item) -> int:
    """Where ``item`` goes in the run: 0… for LONGEST_FIRST, then slow tests, then the rest."""
    for rank, prefix in enumerate(LONGEST_FIRST):
        if item.nodeid.startswith(prefix):
            return rank
    return len(LONGEST_FIRST) + (item.get_closest_marker("slow") is None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=schedule_rank)  # stable: each group keeps the collection order
    skip_gpu_tests_without_a_gpu(items)
