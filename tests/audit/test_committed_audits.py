"""The committed mutation audits (``make audit`` → benchmarks/audit/<aid>.json) hold: every task
of a01–a03 kills ≥ 95 % of its non-equivalent mutants, the audits are current (the same mutants
as the references make today), and a seeded sample of the killed mutants, one per task, is still
killed, so a grader weakened since the audit fails here."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.audit.report import TARGET, read_audit
from autograder.audit.run import AuditOptions, audit, auditable_tasks, mutants_of
from autograder.config import GradingConfig
from autograder.course import find_course
from autograder.engine.runner import GradeOptions
from tests.conftest import REPO, TEST_SEED

AUDITS = REPO / "benchmarks" / "audit"
REQUIRED = ["a01_perceptron_xor", "a02_mlp_backprop", "a03_optimizers"]
AUDITED = sorted(path.stem for path in AUDITS.glob("*.json"))
COURSE = find_course(REPO)
SAMPLE = 1  # mutants per task in CI; `make audit` grades them all


def test_the_required_audits_are_committed() -> None:
    assert set(REQUIRED) <= set(AUDITED)


@pytest.mark.parametrize("aid", AUDITED)
def test_every_task_kills_enough_mutants_and_the_audit_is_current(aid: str) -> None:
    data = read_audit(AUDITS / f"{aid}.json")
    assert data["sample"] is None, "commit the whole audit (make audit), not a sample"
    reference = COURSE.assignment(aid).load_reference()
    assert sorted(data["tasks"]) == sorted(auditable_tasks(COURSE.assignment(aid), reference))
    for task_id, row in data["tasks"].items():
        current = [m.key for m in mutants_of(reference, task_id)]
        recorded = [m["key"] for m in row["mutant_list"]]
        assert recorded == current, f"{task_id}: the reference changed: run `make audit`"
        assert row["killed"] + row["equivalent"] + row["accepted"] + row["survived"] == len(current)
        rate = row["kill_rate"]
        assert rate is None or rate >= TARGET, f"{task_id} kills {rate:.1%} of its mutants"


@pytest.mark.slow
@pytest.mark.parametrize("aid", REQUIRED)
def test_a_sample_of_the_killed_mutants_is_still_killed(aid: str, tmp_path: Path) -> None:
    data = read_audit(AUDITS / f"{aid}.json")
    killed = frozenset(
        m["key"] for row in data["tasks"].values() for m in row["mutant_list"]
        if m["status"] == "killed"
    )  # fmt: skip
    options = AuditOptions(tmp_path, keys=killed, sample=SAMPLE, seed="ci", check_model=False)
    result = audit(COURSE.assignment(aid), GradeOptions(GradingConfig(TEST_SEED)), options)
    graded = [o for task in result.tasks for o in task.outcomes]
    assert len(graded) == len(result.tasks) * SAMPLE
    escaped = [f"{o.mutant.task_id}/{o.mutant.key}" for o in graded if o.status != "killed"]
    assert not escaped, f"killed in the committed audit, not any more: {escaped}"
