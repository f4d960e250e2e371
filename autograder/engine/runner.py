"""Grade one submission: sandboxed worker + hidden pytest graders → a ``SubmissionResult``."""

from __future__ import annotations

import importlib
import logging
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from autograder.authoring.catalogue import Catalogue, declared_choices, declared_entries
from autograder.authoring.figures import shown_figures
from autograder.authoring.questions import AnswerMissing, PartialCredit
from autograder.config import GradingConfig
from autograder.course import GRADERS_DIR, Assignment, CourseError, find_course
from autograder.engine.collected import GraderSession
from autograder.engine.diagnosis import MistakeReplays, diagnose, named
from autograder.engine.messages import (
    ALL_PASSED,
    ANSWER_CELL_UNMARKED,
    NOT_GRADED,
    PENDING,
    RIGHT_ANSWER,
    UNANSWERED_TEXT,
    cell_failure,
    explain,
    grader_error,
)
from autograder.engine.plugin import GradingPlugin, TestRun, check_text, failure_kind, task_of
from autograder.engine.proxy import NoWorkers, StudentProxy
from autograder.engine.reference import CachedReference, SharedResults
from autograder.engine.reproduce import failing_call, with_call
from autograder.engine.settings import WorkerProfile, load_settings
from autograder.engine.threads import grading_threads
from autograder.engine.workers import TaskWorkers, distinct_specs
from autograder.i18n import Text
from autograder.notebook.released import released_texts, unchanged
from autograder.notebook.spec import ManualTaskSpec, NotebookSpec, TaskSpec
from autograder.notebook.submission import NotebookError, Submission, load_submission
from autograder.results.model import Diagnosis, SubmissionResult, TaskResult, TestOutcome
from autograder.sandbox import errors
from autograder.sandbox.gpu import GpuAccess
from autograder.sandbox.launcher import SandboxMode, SandboxSpec
from autograder.sandbox.session import CodeCell

log = logging.getLogger(__name__)


class _Answers:
    """What quiz tests record with ``record_property("answer", …)``, by test node id."""

    def __init__(self) -> None:
        self.by_test: dict[str, list[str]] = {}
        self.responses: dict[str, str] = {}  # an exam answer as given (collusion report)

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        for name, value in report.user_properties:
            if name == "answer" and isinstance(value, list):
                self.by_test[report.nodeid] = [str(v) for v in value]
            if name == "response" and isinstance(value, str):
                self.responses[report.nodeid] = value


# pytest's built-in plugins a grading session has no use for (junitxml stays: it provides
# record_property, which quiz tests use); unraisableexception alone costs
# ~40 ms per submission (it collects garbage several times when the session ends).
_UNUSED_PLUGINS = [
    arg
    for name in (
        "cacheprovider",
        "unraisableexception",
        "threadexception",
        "faulthandler",
        "pastebin",
        "doctest",
        "stepwise",
        "legacypath",
        "setuponly",
        "setupplan",
        "logging",
        # no progress report, and warnings ignored once per run (collected.py), not per test:
        # together ≈ 20 % of pytest's own time per submission
        "terminal",
        "warnings",
    )
    for arg in ("-p", f"no:{name}")
]


class GraderBroken(RuntimeError):
    """The hidden graders themselves fail to load: an instructor's error, not a student's."""


@dataclass(frozen=True)
class GradeOptions:
    config: GradingConfig
    lang: str = "de"
    mode: SandboxMode = SandboxMode.ZYGOTE
    device: str = "cpu"
    gpu: GpuAccess | None = None  # device "cuda": the GPU the workers get too


def load_catalogue(aid: str, assignment: Assignment | None = None) -> Catalogue:
    """The assignment's mistakes and variants: those its tasks declare (the authoring kit) and
    those of a ``catalogue.py`` module (assignments not yet declared with the kit)."""
    catalogue = _catalogue_module(aid)
    if assignment is None:
        try:
            assignment = find_course().assignment(aid)
        except CourseError:
            return catalogue
    for entry in declared_entries(assignment.graders_dir, assignment.load_reference()):
        catalogue.add(entry)
    catalogue.choices.update(declared_choices(assignment.graders_dir))
    return catalogue


def _catalogue_module(aid: str) -> Catalogue:
    try:
        module = importlib.import_module(f"autograder.graders.{aid}.catalogue")
    except ModuleNotFoundError:
        return Catalogue()
    catalogue = getattr(module, "catalogue", None)
    if not isinstance(catalogue, Catalogue):
        return Catalogue()
    return Catalogue(list(catalogue.entries), dict(catalogue.choices))  # ours to extend


def worker_profiles(
    assignment: Assignment, spec: NotebookSpec, options: GradeOptions
) -> tuple[WorkerProfile, dict[str, WorkerProfile]]:
    """The default worker profile and each task's, from the course's limits and the
    assignment's ``assignment.toml``."""
    settings = load_settings(assignment.graders_dir, spec.task_ids)
    base = options.config.limits
    return settings.profile("", base), {t: settings.profile(t, base) for t in spec.task_ids}


def sandbox_specs(assignment: Assignment, options: GradeOptions) -> list[SandboxSpec]:
    """The sandboxes grading this assignment will start (cheap: no reference is loaded)."""
    default, profiles = worker_profiles(assignment, assignment.spec(), options)
    return distinct_specs(profiles, default, options.mode, options.gpu)


WORKER_HELPERS = "worker_helpers.py"


def worker_helper_cells(assignment: Assignment) -> list[CodeCell]:
    """The graders' helpers that must run next to the student's code (``worker_helpers.py``).

    Some tasks take functions, which cannot cross into the sandbox; a helper builds them there
    and calls the student's function (``StudentProxy.probe``). Helpers are instructor code, run
    after the student's cells (so they cannot be replaced), and stay out of the notebook.
    """
    path = assignment.graders_dir / WORKER_HELPERS
    return [CodeCell("worker_helpers", path.read_text())] if path.exists() else []


class AssignmentGrader:
    """Loads an assignment once (spec, reference, catalogue) and grades submissions of it."""

    def __init__(
        self,
        assignment: Assignment,
        options: GradeOptions,
        shared_references: SharedResults | None = None,
    ) -> None:
        self.assignment = assignment
        self.options = options
        self.spec = assignment.spec()
        # once per batch: in memory, and across the batch's processes through shared_references
        self.reference = CachedReference(assignment.load_reference(), shared_references)
        self.catalogue = load_catalogue(assignment.aid, assignment)
        self.default_profile, self.profiles = worker_profiles(assignment, self.spec, options)
        self.worker_helpers = worker_helper_cells(assignment)
        self.released = released_texts(
            assignment.release_dir / assignment.source_notebook.name,
            tuple(m.task_id for m in self.spec.manual_tasks),
        )
        self._session: tuple[GraderSession, GradingPlugin, _Answers] | None = None
        self.replays = MistakeReplays()  # the catalogue's answers, asked again by every student

    def close(self) -> None:
        """End the graders' pytest session (a grader process ends it by ending)."""
        if self._session is not None:
            self._session[0].close()
            self._session = None

    @property
    def sandbox_name(self) -> str:
        return "bubblewrap" if self.options.mode.sandboxed else "none"  # results' "sandbox"

    def text(self, text: Text) -> str:
        return text.get(self.options.lang)

    def task_workers(self, submission: Submission) -> TaskWorkers:
        """The sandboxed workers (not yet started) that run ``submission``'s cells."""
        cells = submission.code_cells(self.spec) + self.worker_helpers
        return TaskWorkers(
            cells, self.profiles, self.default_profile, self.options.mode, self.options.gpu
        )

    # ------------------------------------------------------------ entry points

    def grade_file(
        self,
        path: Path,
        student_id: str,
        only: frozenset[str] | None = None,
        seed: str | None = None,
    ) -> SubmissionResult:
        started = time.monotonic()
        try:
            submission = load_submission(path, self.spec, student_id)
        except NotebookError as exc:
            return self.error_result(student_id, path, exc.text, started)
        return self.grade(submission, only, seed)

    def grade(
        self, submission: Submission, only: frozenset[str] | None = None, seed: str | None = None
    ) -> SubmissionResult:
        """Grade every task, or just the tasks in ``only``; ``seed`` replaces the course's
        secret seed for the hidden inputs (practice feedback draws its own per attempt)."""
        started = time.monotonic()
        workers = self.task_workers(submission)
        with workers:
            try:
                workers.start()
            except errors.WorkerStartFailed as exc:
                result = self.error_result(
                    submission.student_id,
                    submission.path,
                    Text(
                        "Die Sandbox konnte nicht gestartet werden.", "The sandbox failed to start."
                    ),
                    started,
                )
                result.notes.append(f"sandbox start failed: {exc}")
                return result
            except errors.BudgetExhausted:
                pass  # every call below reports the exhausted budget for its task
            proxy = StudentProxy(workers, submission.problems)
            plugin, answers = self.run_graders(proxy, only, seed, submission.student_id)
            selected = [t for t in self.spec.tasks if only is None or t.task_id in only]
            with grading_threads():  # the diagnosis replays mistakes in this thread
                tasks = [self._task_result(t, plugin.runs, proxy, workers) for t in selected]
            for task in tasks:
                task.answer = _answer(task.task_id, plugin.runs, answers)
                task.response = _response(task.task_id, plugin.runs, answers)
            notes = [self.text(n) for n in submission.notes] + _cell_notes(
                workers, self.options.lang, tasks
            )
        tasks += self._manual_results(submission)
        auto = [t for t in tasks if t.kind == "auto"]
        return SubmissionResult(
            student_id=submission.student_id,
            file=str(submission.path),
            status="graded",
            score=round(sum(t.score for t in auto), 4),
            max_score=sum(t.max_score for t in auto),
            tasks=tasks,
            notes=notes,
            sandbox=self.sandbox_name,
            duration_s=round(time.monotonic() - started, 3),
        )

    # ------------------------------------------------------------ steps

    def warm_up(self, only: frozenset[str] | None = None) -> None:
        """Ask the graders' questions once before the first submission, while the sandbox
        starts (the zygote imports torch for about a second): the collection, and every
        reference result on this course's hidden inputs, which the batch then shares. The
        tests run against a student whose every call fails at once, and their verdicts are
        dropped. Whatever goes wrong is left for the first submission to report."""
        try:
            self.run_graders(StudentProxy(NoWorkers(), {}), only)
        except Exception as exc:  # the first submission meets it again, and reports it
            log.debug("the graders' warm-up failed: %s", exc)

    def run_graders(
        self,
        proxy: StudentProxy,
        only: frozenset[str] | None,
        seed: str | None = None,
        student_id: str = "",
    ) -> tuple[GradingPlugin, _Answers]:
        session, plugin, answers = self._collected()
        plugin.begin(proxy, seed or self.options.config.secret_seed, student_id)
        answers.by_test, answers.responses = {}, {}
        session.run(lambda item: only is None or task_of(item) in only)
        return plugin, answers

    def _collected(self) -> tuple[GraderSession, GradingPlugin, _Answers]:
        """The graders collected once (first submission), served for every later one."""
        if self._session is None:
            plugin = GradingPlugin(
                assignment=self.assignment.aid,
                secret_seed=self.options.config.secret_seed,
                reference=self.reference,
                task_ids=frozenset(self.spec.task_ids),
                device=self.options.device,
                lang=self.options.lang,
            )
            args = [
                str(self.assignment.graders_dir),
                "-c",
                str(GRADERS_DIR / "pytest.ini"),
                "--rootdir",
                str(self.assignment.graders_dir),
                *_UNUSED_PLUGINS,
                "--import-mode=importlib",
                "--assert=plain",  # a grader's bare assert is a grader error either way
                "--capture=no",  # the session outlives a submission: no global capture
            ]
            answers = _Answers()
            session = GraderSession(args, [plugin, answers], lean=plugin)
            self._session = (session, plugin, answers)
        if self._session[1].collection_errors:
            raise GraderBroken("; ".join(self._session[1].collection_errors))
        return self._session

    def _task_result(
        self, task: TaskSpec, runs: list[TestRun], proxy: StudentProxy, workers: TaskWorkers
    ) -> TaskResult:
        mine = [r for r in runs if r.task_id == task.task_id]
        total = sum(r.weight for r in mine)
        passed = sum(r.weight * _credit(r) for r in mine)
        score = task.points * passed / total if total else 0.0
        failures = [r for r in mine if not r.passed]
        messages = [self._failure_text(r, task.task_id, workers) for r in failures]
        diagnosis = None
        if failures:
            records = [r for r in proxy.records if r.name == task.task_id]
            entry = diagnose(self.catalogue.mistakes(task.task_id), records, self.replays)
            if entry is not None:
                diagnosis = Diagnosis(entry.key, self.text(entry.name))
            else:
                messages[0] = self._with_reproducer(messages[0], failures[0], task.task_id)
        return TaskResult(
            task_id=task.task_id,
            kind="auto",
            score=round(score, 4),
            max_score=task.points,
            status=_status(passed, total, failures),
            feedback=self._feedback(messages, len(failures), len(mine), diagnosis, task.question),
            diagnosis=diagnosis,
            tests=[
                TestOutcome(r.name, r.weight, r.passed, self.text(m))
                for r, m in zip(failures, messages, strict=True)
            ]
            + [TestOutcome(r.name, r.weight, True) for r in mine if r.passed],
            needs_review=not total or any(failure_kind(r.failure) == "grader" for r in failures),
            figures=shown_figures([f for r in failures for f in r.figures]),
            label=self._label(task),
            question=task.question,
        )

    def _with_reproducer(self, message: Text, run: TestRun, task_id: str) -> Text:
        """An uncatalogued failure: add one small call that shows it, when there is one."""
        if failure_kind(run.failure) == "grader" or isinstance(run.failure, AnswerMissing):
            return message
        records = [r for r in run.records if r.name == task_id]
        call = failing_call(records, self.reference)
        if call is None or f"{task_id}(" in message.de:
            return message  # nothing small to show, or the message shows its call already
        return with_call(message, call)

    def _failure_text(self, run: TestRun, task_id: str, workers: TaskWorkers) -> Text:
        kind = failure_kind(run.failure)
        if kind == "check":
            assert run.failure is not None
            reason = cell_failure(task_id, workers.cell_report(task_id, task_id))
            if isinstance(run.failure, AnswerMissing) and reason is not None:
                return Text.join([reason, run.failure.hint])  # the cell's failure is the reason
            return check_text(run.failure)
        if kind == "student":
            assert isinstance(run.failure, errors.StudentCodeError)
            profile: WorkerProfile = workers.profile(task_id)
            cell = workers.cell_report(task_id, task_id)
            return explain(run.failure, task_id, cell, profile.limits, profile.forbid)
        return grader_error(task_id)

    def _label(self, task: TaskSpec | ManualTaskSpec) -> str:
        return self.text(task.label) if task.label else ""

    def _feedback(
        self,
        messages: list[Text],
        failed: int,
        total: int,
        diagnosis: Diagnosis | None,
        question: bool = False,
    ) -> str:
        if not messages:
            return self.text(RIGHT_ANSWER if question else ALL_PASSED)
        parts = []
        if diagnosis is not None and diagnosis.name not in self.text(messages[0]):
            parts.append(self.text(named(diagnosis.name, question)))
        parts.append(self.text(messages[0].sentence()))
        if total > 1:
            parts.append(
                self.text(
                    Text(
                        f"({failed} von {total} Prüfungen nicht bestanden.)",
                        f"({failed} of {total} checks failed.)",
                    )
                )
            )
        return " ".join(parts)

    def _manual_results(self, submission: Submission | None) -> list[TaskResult]:
        """Free-text answers: pending manual grading; unchanged from the release (0 and closed,
        as nbgrader does); looked for by hand (the cell lost its marking); or, ``submission``
        None (the notebook was unusable), not graded."""
        results = []
        for manual in self.spec.manual_tasks:
            answer = submission.manual_answers.get(manual.task_id) if submission else None
            review = submission is not None and manual.task_id in submission.review
            if submission is None:
                status, text = "manual", NOT_GRADED
            elif review:
                status, text = "manual", ANSWER_CELL_UNMARKED
            elif unchanged(answer, self.released.get(manual.task_id)):
                status, text = "failed", UNANSWERED_TEXT  # as nbgrader: 0, no manual grade
            else:
                status, text = "manual", PENDING  # the instructors grade it in formgrader
            result = TaskResult(
                manual.task_id,
                "manual",
                0.0,
                manual.points,
                status,
                self.text(text),
                needs_review=review,
            )
            result.label = self._label(manual)
            results.append(result)
        return results

    def error_result(
        self, student_id: str, path: Path, text: Text, started: float
    ) -> SubmissionResult:
        message = self.text(text)
        tasks = [
            TaskResult(
                t.task_id,
                "auto",
                0.0,
                t.points,
                "error",
                self.text(NOT_GRADED),  # the reason is the submission's error, shown once
                label=self._label(t),
                question=t.question,
            )
            for t in self.spec.tasks
        ]
        tasks += self._manual_results(None)
        return SubmissionResult(
            student_id=student_id,
            file=str(path),
            status="error",
            score=0.0,
            max_score=self.spec.max_score,
            tasks=tasks,
            error=message,
            sandbox=self.sandbox_name,
            duration_s=round(time.monotonic() - started, 3),
        )


def _credit(run: TestRun) -> float:
    """A test's share of its weight: 1 if passed, a quiz answer's fraction if partly right."""
    if run.passed:
        return 1.0
    return run.failure.fraction if isinstance(run.failure, PartialCredit) else 0.0


def _answer(task_id: str, runs: list[TestRun], answers: _Answers) -> list[str] | None:
    """What a quiz answer chose (for the item analysis), None for other tasks."""
    return next(
        (
            answers.by_test[r.name]
            for r in runs
            if r.task_id == task_id and r.name in answers.by_test
        ),
        None,
    )


def _response(task_id: str, runs: list[TestRun], answers: _Answers) -> str:
    """An exam answer as the student gave it ("" for other tasks)."""
    return next(
        (
            answers.responses[r.name]
            for r in runs
            if r.name in answers.responses and r.task_id == task_id
        ),
        "",
    )


def _status(passed: float, total: float, failures: list[TestRun]) -> str:
    if total and passed == total:
        return "passed"
    if passed > 0:
        return "partial"
    if failures and all(failure_kind(r.failure) == "student" for r in failures):
        return "error"
    return "failed"


def _cell_notes(workers: TaskWorkers, lang: str, tasks: list[TaskResult]) -> list[str]:
    """Cells that failed when they ran, unless a task's feedback already says so (each message
    once: a stub's cells are explained in their tasks' rows, not again below)."""
    notes = []
    for cell_id, report in workers.cell_reports().items():
        text = cell_failure(cell_id, report)
        if text is not None and not any(text.get(lang) in task.feedback for task in tasks):
            notes.append(text.get(lang))
    return notes
