"""Audit one assignment: grade every mutant of every task's reference as a submission.

Each mutant replaces the reference's function in the model solution's notebook (with the
reference module's helpers it uses, as a catalogued mistake does) and is graded through the
normal batch path (sandboxed workers from the zygote, the journal, ``--jobs`` processes), only
its own task. A mutant that keeps full marks survives; survivors are then compared with the
reference on fresh inputs (``equivalence``) and split into equivalent ones and real gaps.
"""

from __future__ import annotations

import hashlib
import inspect
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.audit.equivalence import Probe, fresh_probes, judge
from autograder.audit.mutants import Mutant, generate, normalized
from autograder.authoring.catalogue import function_source
from autograder.authoring.source import with_helpers
from autograder.course import Assignment
from autograder.engine.batch import grade_batch
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.engine.settings import read_settings_file
from autograder.notebook.compose import (
    fill_solutions,
    read_notebook,
    solution_sources,
    write_notebook,
)
from autograder.notebook.discover import Found
from autograder.results.journal import Journal, grading_context
from autograder.results.model import SubmissionResult

EQUIVALENCE_SEEDS = 5  # fresh seeds whose hidden inputs a survivor must match


@dataclass
class Outcome:
    """What grading did to one mutant: ``killed``, ``equivalent``, ``accepted`` (another right
    answer of an open-answer task) or ``survived``."""

    mutant: Mutant
    status: str
    score: float
    max_score: float
    compared: int = 0  # calls compared with the reference (survivors only)


@dataclass
class TaskAudit:
    task_id: str
    reference: str  # the function as the mutants are written (unparsed)
    generated: int  # mutants of the function (before sampling)
    outcomes: list[Outcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(o.status == status for o in self.outcomes)

    @property
    def kill_rate(self) -> float | None:
        """Killed over non-equivalent mutants (None: there are none); an accepted mutant of an
        open-answer task is another right answer, no fault."""
        relevant = len(self.outcomes) - self.count("equivalent") - self.count("accepted")
        return self.count("killed") / relevant if relevant else None


@dataclass
class AuditResult:
    aid: str
    tasks: list[TaskAudit]
    duration_s: float
    jobs: int
    sample: int | None = None
    seed: str | None = None


@dataclass(frozen=True)
class AuditOptions:
    out: Path
    tasks: tuple[str, ...] = ()  # empty: every task with a reference function
    jobs: int = 1
    sample: int | None = None  # this many mutants per task, drawn with ``seed``
    seed: str = "0"
    keys: frozenset[str] | None = None  # only these mutant keys (tests)
    equivalence_seeds: int = EQUIVALENCE_SEEDS
    check_model: bool = True  # grade the model solution first (CI's catalogue tests do already)


Progress = Callable[[str], None]


class AuditError(RuntimeError):
    """The audit cannot measure anything: an unknown task, or the model solution itself loses
    points."""


def auditable_tasks(assignment: Assignment, reference: Any) -> list[str]:
    """Auto tasks whose reference is a function (quiz questions have none to mutate)."""
    return [
        t.task_id
        for t in assignment.spec().tasks
        if not t.question and inspect.isfunction(getattr(reference, t.task_id, None))
    ]


def mutants_of(reference: Any, task_id: str) -> list[Mutant]:
    return generate(function_source(getattr(reference, task_id)), task_id)


def chosen(mutants: list[Mutant], options: AuditOptions) -> list[Mutant]:
    """The mutants to grade: all, those with the given keys, or a seeded sample per task."""
    if options.keys is not None:
        mutants = [m for m in mutants if m.key in options.keys]
    if options.sample is None or options.sample >= len(mutants):
        return mutants
    picked = random.Random(f"{options.seed}:{mutants[0].task_id}").sample(mutants, options.sample)
    return [m for m in mutants if m in picked]


def _mutant_notebook(
    assignment: Assignment, reference: Any, mutant: Mutant, model: dict[str, str], out: Path
) -> Path:
    module = inspect.getmodule(getattr(reference, mutant.task_id)) or reference
    source = with_helpers(mutant.source, module, assignment.spec().task_ids)
    release = read_notebook(assignment.release_dir / f"{assignment.aid}.ipynb")
    notebook = fill_solutions(release, {**model, mutant.task_id: source})
    return write_notebook(notebook, out / "mutants" / mutant.task_id / f"{mutant.key}.ipynb")


def _model_notebook(assignment: Assignment, model: dict[str, str], out: Path) -> Path:
    release = read_notebook(assignment.release_dir / f"{assignment.aid}.ipynb")
    return write_notebook(fill_solutions(release, model), out / "mutants" / "model.ipynb")


def audit(
    assignment: Assignment,
    grading: GradeOptions,
    options: AuditOptions,
    progress: Progress | None = None,
) -> AuditResult:
    started = time.monotonic()
    say = progress or (lambda _: None)
    reference = assignment.load_reference()
    model = solution_sources(read_notebook(assignment.source_notebook))
    auditable = auditable_tasks(assignment, reference)
    unknown = sorted(set(options.tasks) - set(auditable))
    if unknown:
        raise AuditError(f"no auto task with a reference function in {assignment.aid}: {unknown}")
    task_ids = list(options.tasks) or auditable
    audits, found = _queue(assignment, reference, model, task_ids, options)
    count = sum(len(task.outcomes) for task in audits)
    say(f"grading {count} mutants of {len(audits)} task(s) with {options.jobs} job(s)")
    context = grading_context(assignment, grading.config.fingerprint, grading.lang)
    journal = Journal(options.out / "journal", context)
    batch = grade_batch(assignment, found, grading, jobs=options.jobs, journal=journal)
    results = iter(batch.submissions)
    if options.check_model:
        _check_model(next(results), task_ids)
    for task in audits:
        for outcome in task.outcomes:
            _score(outcome, next(results))
    _split_survivors(assignment, grading, options, audits, say)
    return AuditResult(
        assignment.aid,
        audits,
        round(time.monotonic() - started, 1),
        options.jobs,
        options.sample,
        options.seed if options.sample is not None else None,
    )


def _queue(
    assignment: Assignment,
    reference: Any,
    model: dict[str, str],
    task_ids: list[str],
    options: AuditOptions,
) -> tuple[list[TaskAudit], list[Found]]:
    """Each task's audit (outcomes still empty) and the notebooks to grade, in the same order:
    the model solution first (unless ``check_model`` is off), then every chosen mutant."""
    audits, found = [], []
    if options.check_model:
        path = _model_notebook(assignment, model, options.out)
        tasks = hashlib.sha256(" ".join(sorted(task_ids)).encode()).hexdigest()[:8]
        found.append(Found(f"model--{tasks}", path, frozenset(task_ids)))  # a journal entry each
    for task_id in task_ids:
        mutants = mutants_of(reference, task_id)
        source = function_source(getattr(reference, task_id))
        task = TaskAudit(task_id, normalized(source, task_id), len(mutants))
        for mutant in chosen(mutants, options):
            path = _mutant_notebook(assignment, reference, mutant, model, options.out)
            found.append(Found(f"{task_id}--{mutant.key}", path, frozenset({task_id})))
            task.outcomes.append(Outcome(mutant, "", 0.0, 0.0))
        audits.append(task)
    return audits, found


def _check_model(result: SubmissionResult, task_ids: list[str]) -> None:
    """Every mutant is measured against the model solution: it must score full marks."""
    for task_id in task_ids:
        task = result.task(task_id)
        if task.score < task.max_score:
            raise AuditError(f"the model solution loses points on {task_id}: {task.feedback}")


def _score(outcome: Outcome, result: SubmissionResult) -> None:
    task = result.task(outcome.mutant.task_id)
    outcome.score, outcome.max_score = task.score, task.max_score
    outcome.status = "survived" if task.score >= task.max_score else "killed"


def _split_survivors(
    assignment: Assignment,
    grading: GradeOptions,
    options: AuditOptions,
    audits: list[TaskAudit],
    say: Progress,
) -> None:
    """Survivors that answer fresh inputs like the reference are equivalent."""
    grader = AssignmentGrader(assignment, grading)
    reference = assignment.load_reference()
    seeds = [f"audit-{options.seed}-{i}" for i in range(options.equivalence_seeds)]
    open_answers = open_answer_tasks(assignment)
    for task in audits:
        survivors = [o for o in task.outcomes if o.status == "survived"]
        if not survivors:
            continue
        probes: list[Probe] = fresh_probes(assignment, task.task_id, seeds)
        say(f"{task.task_id}: {len(survivors)} survivor(s) against {len(probes)} fresh calls")
        for outcome in survivors:
            path = options.out / "mutants" / task.task_id / f"{outcome.mutant.key}.ipynb"
            verdict = judge(grader, reference, path, task.task_id, probes)
            outcome.compared = verdict.compared
            if verdict.equivalent:
                outcome.status = "equivalent"
            elif task.task_id in open_answers and accepted_under(grader, path, seeds):
                outcome.status = "accepted"


def open_answer_tasks(assignment: Assignment) -> frozenset[str]:
    """Tasks with many right answers (``[audit] open_answers`` in ``assignment.toml``): their
    graders check the defining property (a certificate, weights that compute XOR, the shape
    of gradient norms), so a survivor that keeps full marks under fresh seeds is accepted."""
    _, data = read_settings_file(assignment.graders_dir)
    listed = data.get("audit", {}).get("open_answers", [])
    unknown = sorted(set(listed) - set(assignment.spec().task_ids))
    if unknown:
        raise AuditError(f"[audit] open_answers of {assignment.aid} lists no task: {unknown}")
    return frozenset(listed)


def accepted_under(grader: AssignmentGrader, path: Path, seeds: list[str]) -> bool:
    """Full marks under every fresh seed (hidden inputs of other terms)."""
    task_id = path.parent.name
    for seed in seeds:
        graded = grader.grade_file(path, "mutant", frozenset({task_id}), seed=seed)
        if graded.task(task_id).score < graded.task(task_id).max_score:
            return False
    return True
