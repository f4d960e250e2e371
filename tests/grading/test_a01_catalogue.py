"""Graders are checked, not trusted: every catalogued mistake loses points and is named,
every alternative correct implementation scores full marks, the model solution scores full
marks and the released stub scores zero."""

import pytest

from autograder.grading.runner import load_catalogue

A01 = "a01_perceptron_xor"
CATALOGUE = load_catalogue(A01)


def test_every_task_has_mistakes_and_variants(a01):
    for task_id in a01.spec().task_ids:
        assert len(CATALOGUE.mistakes(task_id)) >= 2, task_id
        assert len(CATALOGUE.variants(task_id)) >= 2, task_id


@pytest.mark.parametrize("entry", CATALOGUE.mistakes(), ids=lambda e: f"{e.task_id}-{e.key}")
def test_mistake_loses_points_and_is_named(entry, grade_sources, model_sources):
    result = grade_sources({**model_sources, entry.task_id: entry.source}, only={entry.task_id})
    task = result.task(entry.task_id)
    assert task.score < task.max_score, f"{entry.key} got full marks"
    assert task.diagnosis is not None, f"{entry.key} not diagnosed: {task.feedback}"
    assert task.diagnosis.key == entry.key, f"diagnosed as {task.diagnosis.key}"
    assert entry.name.de in task.feedback


@pytest.mark.parametrize("entry", CATALOGUE.variants(), ids=lambda e: f"{e.task_id}-{e.key}")
def test_variant_scores_full_marks(entry, grade_sources, model_sources):
    result = grade_sources({**model_sources, entry.task_id: entry.source}, only={entry.task_id})
    task = result.task(entry.task_id)
    assert task.score == task.max_score, task.feedback
    assert task.diagnosis is None


def test_model_solution_scores_full_marks(grade_sources, model_sources):
    result = grade_sources(model_sources)
    assert result.status == "graded"
    for task in result.tasks:
        if task.kind == "auto":
            assert (task.task_id, task.score) == (task.task_id, task.max_score), task.feedback
    assert result.score == result.max_score == 18


def test_released_stub_scores_zero_on_every_task(grader, a01):
    result = grader.grade_file(a01.release_dir / f"{A01}.ipynb", "stub")
    assert result.status == "graded" and result.score == 0
    for task in result.tasks:
        if task.kind == "auto":
            assert task.score == 0
            assert "NotImplementedError" in task.feedback
    manual = [t for t in result.tasks if t.kind == "manual"]
    assert [t.task_id for t in manual] == ["vorabfrage_xor"] and manual[0].status == "manual"


@pytest.mark.slow
@pytest.mark.parametrize("seed", ["another-term", "exam-2027"])
def test_every_mistake_is_caught_under_other_seeds(
    seed, a01, release_notebook, model_sources, tmp_path
):
    """Hidden inputs change with the term's secret; the catalogue must hold for any of them."""
    from autograder.config import GradingConfig
    from autograder.grading.runner import AssignmentGrader, GradeOptions
    from autograder.notebook.compose import fill_solutions, write_notebook

    grader = AssignmentGrader(a01, GradeOptions(GradingConfig(seed)))
    missed = []
    for entry in CATALOGUE.mistakes():
        notebook = fill_solutions(release_notebook, {**model_sources, entry.task_id: entry.source})
        path = write_notebook(notebook, tmp_path / f"{entry.task_id}-{entry.key}.ipynb")
        task = grader.grade_file(path, entry.key, frozenset({entry.task_id})).task(entry.task_id)
        if (
            task.score >= task.max_score
            or task.diagnosis is None
            or task.diagnosis.key != entry.key
        ):
            missed.append(f"{entry.task_id}/{entry.key}: {task.score} {task.diagnosis}")
    assert not missed, missed
