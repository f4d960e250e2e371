"""``autograder audit`` end to end on the kit's worked example (tests/authoring/course): the
graders kill the mutants that break ``standardize``, a grader with one check removed lets them
survive and the audit reports them, and a mutant that changes nothing observable is equivalent."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from autograder.audit.mutants import Mutant
from autograder.audit.report import as_json, below_target, page, write_reports
from autograder.audit.run import (
    AuditError,
    AuditOptions,
    AuditResult,
    accepted_under,
    audit,
    chosen,
    mutants_of,
    open_answer_tasks,
)
from autograder.config import GradingConfig
from autograder.course import Assignment, find_course
from autograder.engine.runner import AssignmentGrader, GradeOptions
from tests.conftest import REPO, TEST_SEED

EXAMPLE = REPO / "tests" / "authoring" / "course"
AID = "t01_kit"
CONSTANT_CASE = '@task.case(what="standardize(X) mit einer konstanten Spalte")'
# The one check removed: the constant-column case still draws and calls, but compares nothing.
WITHOUT_ITS_CHECK = CONSTANT_CASE[:-1] + ", compare=lambda *args: None)"
# `np.where(sigma > 0, sigma, 1.0)`: only a constant column tells these from the reference,
# except 1.0 → 2.0, which divides a column of zeros by 2 instead of 1: equivalent.
PICKED = {"> → >=": "gap", "1.0 → 0": "gap", "1.0 → 2.0": "equivalent"}


def course(root: Path, weakened: bool) -> Assignment:
    """The example course; the audit fills every solution cell with the model's or a mutant's
    code, so the source notebook stands in for nbgrader's release (test_kit releases it)."""
    shutil.copytree(EXAMPLE, root)
    if weakened:
        grader = root / "graders" / AID / "test_standardize.py"
        text = grader.read_text()
        assert text.count(CONSTANT_CASE) == 1
        grader.write_text(text.replace(CONSTANT_CASE, WITHOUT_ITS_CHECK))
    assignment = find_course(root).assignment(AID)
    assignment.release_dir.mkdir(parents=True)
    shutil.copyfile(assignment.source_notebook, assignment.release_dir / f"{AID}.ipynb")
    return assignment


def picked(assignment: Assignment) -> list[Mutant]:
    mutants = [
        m
        for m in mutants_of(assignment.load_reference(), "standardize")
        if m.description in PICKED and "np.where" in m.diff("")
    ]
    assert sorted(m.description for m in mutants) == sorted(PICKED)
    return mutants


def audited(root: Path, weakened: bool) -> AuditResult:
    assignment = course(root / "course", weakened)
    keys = frozenset(m.key for m in picked(assignment))
    options = AuditOptions(root / "out", keys=keys, equivalence_seeds=2, check_model=False)
    try:
        return audit(assignment, GradeOptions(GradingConfig(TEST_SEED)), options)
    finally:
        forget_graders(root)


def forget_graders(root: Path) -> None:
    """pytest imported this course's graders by name: the other course has its own."""
    for name, module in list(sys.modules.items()):
        if str(getattr(module, "__file__", "")).startswith(str(root)):
            del sys.modules[name]


def statuses(result: AuditResult) -> dict[str, str]:
    (task,) = result.tasks
    return {o.mutant.description: o.status for o in task.outcomes}


@pytest.mark.slow
def test_the_full_grader_kills_what_a_weakened_one_lets_survive(tmp_path: Path) -> None:
    full = audited(tmp_path / "full", weakened=False)
    weak = audited(tmp_path / "weak", weakened=True)

    assert statuses(full) == {d: "killed" if s == "gap" else s for d, s in PICKED.items()}
    assert below_target(full) == []
    assert statuses(weak) == {d: "survived" if s == "gap" else s for d, s in PICKED.items()}
    assert below_target(weak) == ["standardize"]

    report = as_json(weak)["tasks"]["standardize"]
    assert (report["killed"], report["equivalent"], report["survived"]) == (0, 1, 2)
    assert report["kill_rate"] == 0.0
    survivors = [m for m in report["mutant_list"] if m["status"] == "survived"]
    assert all("np.where(sigma" in m["diff"] for m in survivors)  # reported with their diff
    assert all(m["score"] == m["max_score"] for m in survivors)
    html = page(weak)
    assert html.count('<details class="survived">') == 2
    assert [p.name for p in write_reports(weak, tmp_path / "reports")] == [
        "audit.json",
        "audit.html",
    ]

    # Were standardize an open-answer task, its graders would be its definition: a survivor
    # that keeps full marks under a fresh seed is then accepted as another right answer.
    assignment = find_course(tmp_path / "weak" / "course").assignment(AID)
    survivor = (
        tmp_path / "weak" / "out" / "mutants" / "standardize" / f"{survivors[0]['key']}.ipynb"
    )
    grader = AssignmentGrader(assignment, GradeOptions(GradingConfig(TEST_SEED)))
    try:
        assert accepted_under(grader, survivor, ["another-term"])
    finally:
        forget_graders(tmp_path / "weak")


def test_open_answers_are_read_from_assignment_toml_and_checked(tmp_path: Path) -> None:
    assignment = course(tmp_path / "course", weakened=False)
    assert open_answer_tasks(assignment) == frozenset()
    settings = assignment.graders_dir / "assignment.toml"
    settings.write_text('[audit]\nopen_answers = ["standardize"]\n')
    assert open_answer_tasks(assignment) == {"standardize"}
    settings.write_text('[audit]\nopen_answers = ["standardise"]\n')
    with pytest.raises(AuditError, match="standardise"):
        open_answer_tasks(assignment)


def test_a_sample_is_a_seeded_draw_per_task_in_generation_order() -> None:
    from solutions import a02_mlp_backprop

    mutants = mutants_of(a02_mlp_backprop, "softmax")
    draw = [m.key for m in chosen(mutants, AuditOptions(Path("."), sample=5, seed="ci"))]
    assert draw == [m.key for m in chosen(mutants, AuditOptions(Path("."), sample=5, seed="ci"))]
    assert len(draw) == 5 and draw == [m.key for m in mutants if m.key in draw]
    other = [m.key for m in chosen(mutants, AuditOptions(Path("."), sample=5, seed="other"))]
    assert other != draw
    everything = chosen(mutants, AuditOptions(Path("."), sample=len(mutants) + 1))
    assert everything == mutants
