"""The graders' warm-up before a batch's first submission: it computes the references on the
hidden inputs while the sandbox starts, starts no worker, and changes no grade."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from autograder.config import GradingConfig
from autograder.course import Assignment
from autograder.engine.batch import tasks_asked
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.notebook.discover import Found
from autograder.results.model import SubmissionResult
from autograder.sandbox import session
from tests.conftest import A01, REPO, TEST_SEED

EXAMPLES = REPO / "examples" / A01


def _fresh(a01: Assignment) -> AssignmentGrader:
    return AssignmentGrader(a01, GradeOptions(GradingConfig(TEST_SEED)))


def _comparable(result: SubmissionResult) -> dict:
    data = dataclasses.asdict(result)
    data.pop("duration_s")
    return data


def test_the_tasks_asked_are_those_of_every_submission_or_all():
    def found(only: set[str] | None) -> Found:
        return Found("s", Path("x.ipynb"), None if only is None else frozenset(only))

    assert tasks_asked([found({"neuron"}), found({"bce_sgd_step"})]) == {"neuron", "bce_sgd_step"}
    assert tasks_asked([found({"neuron"}), found(None)]) is None


def test_a_warm_up_computes_the_references_and_starts_no_worker(a01, monkeypatch):
    started: list[object] = []

    def no_worker(*args: object, **kwargs: object) -> None:
        started.append(args)
        raise RuntimeError("the warm-up must not start a worker")

    monkeypatch.setattr(session, "start_process", no_worker)
    grader = _fresh(a01)
    grader.warm_up()
    assert started == []
    assert grader.reference._results  # the hidden inputs' reference results, kept


def test_a_warm_up_limited_to_some_tasks_asks_only_their_graders(a01):
    everything, one = _fresh(a01), _fresh(a01)
    everything.warm_up()
    one.warm_up(frozenset({"neuron"}))
    assert 0 < len(one.reference._results) < len(everything.reference._results)


@pytest.mark.parametrize("kind", ["perfect", "partly_wrong", "stub"])
def test_grades_after_a_warm_up_are_those_without_it(a01, kind):
    cold, warm = _fresh(a01), _fresh(a01)
    warm.warm_up()
    asked_before = len(warm.reference._results)
    path = EXAMPLES / f"{kind}.ipynb"
    first_cold = len(cold.reference._results)
    assert _comparable(warm.grade_file(path, kind)) == _comparable(cold.grade_file(path, kind))
    # the first submission found what the warm-up computed: it asked the reference less
    computed_cold = len(cold.reference._results) - first_cold
    computed_warm = len(warm.reference._results) - asked_before
    assert computed_warm < computed_cold
