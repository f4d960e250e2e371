"""Graders are checked, not trusted, for every assignment of the course: every catalogued
mistake loses points and is named, every alternative correct implementation scores full
marks, the model solution scores full marks and the released stub scores zero.

A new assignment is covered as soon as it has ``autograder/graders/<aid>/catalogue.py``.
"""

from __future__ import annotations

import atexit
import functools
import hashlib
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from autograder.authoring.catalogue import Entry
from autograder.config import GradingConfig
from autograder.course import Assignment, find_course
from autograder.engine.runner import AssignmentGrader, GradeOptions, load_catalogue
from autograder.notebook.compose import (
    fill_solutions,
    read_notebook,
    solution_sources,
    write_notebook,
)
from autograder.results.model import SubmissionResult, TaskResult
from tests.conftest import REPO, TEST_SEED
from tests.engine.parity import check_recorded, entry_key, row

COURSE = find_course(REPO)
AIDS = [aid for aid in COURSE.assignment_ids() if load_catalogue(aid).entries]
OTHER_SEEDS = ["another-term", "exam-2027"]


@dataclass(frozen=True)
class Kit:
    """What grading one assignment's catalogue needs, loaded once per assignment and seed."""

    assignment: Assignment
    grader: AssignmentGrader
    model: dict[str, str]
    release: Any
    scratch: Path

    def grade(
        self, sources: dict[str, str], name: str, only: frozenset[str] | None = None
    ) -> SubmissionResult:
        notebook = fill_solutions(self.release, {**self.model, **sources})
        path = write_notebook(notebook, self.scratch / f"{name}.ipynb")
        return self.grader.grade_file(path, name, only)

    def grade_entry(self, entry: Entry, seed: str | None = None) -> TaskResult:
        """The entry's task graded from the model notebook with the entry's cell; ``seed``
        draws the hidden inputs from another secret (as a grader built with it would: the
        engine's ``grade(seed=…)``), the notebook is written once per entry."""
        name = f"{entry.task_id}-{entry.key}"
        path = (
            self.scratch / f"{name}-{hashlib.sha256(entry.source.encode()).hexdigest()[:12]}.ipynb"
        )
        if not path.exists():
            notebook = fill_solutions(self.release, {**self.model, entry.task_id: entry.source})
            write_notebook(notebook, path)
        result = self.grader.grade_file(path, name, frozenset({entry.task_id}), seed)
        return result.task(entry.task_id)

    @staticmethod
    def load(assignment: Assignment, seed: str = TEST_SEED) -> Kit:
        aid = assignment.aid
        return Kit(
            assignment,
            AssignmentGrader(assignment, GradeOptions(GradingConfig(seed))),
            solution_sources(read_notebook(assignment.source_notebook)),
            read_notebook(assignment.release_dir / f"{aid}.ipynb"),
            _scratch(f"catalogue-{aid}-"),
        )


def _scratch(prefix: str) -> Path:
    """A folder for the kit's notebooks, removed when the test process ends (the kits are
    cached for the whole session, longer than any one test's ``tmp_path``)."""
    path = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, path, ignore_errors=True)
    return path


@functools.cache
def kit(aid: str) -> Kit:
    return Kit.load(COURSE.assignment(aid))


def entries(kind: str) -> list[Any]:
    return [
        pytest.param(aid, entry, id=f"{aid}-{entry.task_id}-{entry.key}")
        for aid in AIDS
        for entry in load_catalogue(aid).entries
        if entry.kind == kind
    ]


def missed_mistake(task: TaskResult, entry: Entry) -> str | None:
    """Why a mistake was not caught and named, or None when it was."""
    if task.score >= task.max_score:
        return f"{entry.key} got full marks"
    if task.diagnosis is None:
        return f"{entry.key} not diagnosed: {task.feedback}"
    if task.diagnosis.key != entry.key:
        return f"{entry.key} diagnosed as {task.diagnosis.key}"
    if entry.name.de not in task.feedback:
        return f"{entry.key}: the feedback does not name it: {task.feedback}"
    return None


@pytest.mark.parametrize("aid", AIDS)
def test_every_task_has_mistakes_and_variants(aid):
    catalogue = load_catalogue(aid)
    for task_id in COURSE.assignment(aid).spec().task_ids:
        assert len(catalogue.mistakes(task_id)) >= 2, task_id
        assert len(catalogue.variants(task_id)) >= 2, task_id


@pytest.mark.parametrize(("aid", "entry"), entries("mistake"))
def test_mistake_loses_points_and_is_named(aid, entry):
    task = kit(aid).grade_entry(entry)
    assert missed_mistake(task, entry) is None
    check_recorded(aid, entry_key(entry), row(task))  # and grades exactly as recorded


@pytest.mark.parametrize(("aid", "entry"), entries("variant"))
def test_variant_scores_full_marks(aid, entry):
    task = kit(aid).grade_entry(entry)
    assert task.score == task.max_score, task.feedback
    assert task.diagnosis is None
    check_recorded(aid, entry_key(entry), row(task))


@pytest.mark.parametrize("aid", AIDS)
def test_model_solution_scores_full_marks(aid):
    result = kit(aid).grade({}, "model")
    assert result.status == "graded"
    for task in result.tasks:
        if task.kind == "auto":
            assert (task.task_id, task.score) == (task.task_id, task.max_score), task.feedback
    assert result.score == result.max_score == kit(aid).assignment.spec().max_score


@pytest.mark.parametrize("aid", AIDS)
def test_released_stub_scores_zero_on_every_task(aid):
    assignment = kit(aid).assignment
    result = kit(aid).grader.grade_file(assignment.release_dir / f"{aid}.ipynb", "stub")
    assert result.status == "graded" and result.score == 0
    for task in result.tasks:
        if task.kind == "auto":
            assert task.score == 0
            assert "NotImplementedError" in task.feedback
    manual = [t for t in result.tasks if t.kind == "manual"]
    assert [t.task_id for t in manual] == [m.task_id for m in assignment.spec().manual_tasks]
    # nbgrader's rule: an unchanged free-text cell scores 0 and needs no manual grade
    assert all((t.status, t.score) == ("failed", 0.0) for t in manual)
    assert all("unverändert" in t.feedback for t in manual)


@pytest.mark.slow
@pytest.mark.parametrize(("aid", "entry"), entries("mistake"))
def test_every_mistake_is_caught_under_other_seeds(aid, entry):
    """Hidden inputs change with the term's secret; the catalogue must hold for any of them.
    One item per mistake (not per assignment), so the two workers share them evenly."""
    missed = [
        f"{seed}: {reason}"
        for seed in OTHER_SEEDS
        if (reason := missed_mistake(kit(aid).grade_entry(entry, seed), entry))
    ]
    assert not missed, missed
