"""Is a surviving mutant equivalent to the reference? Compared on many fresh inputs.

The inputs come from the task's own drawer: its graders (the kit's cases and ordinary tests)
are run under fresh seeds against the reference alone, in this process, and every call they
make of the task is recorded (``ReferenceCalls``). The mutant then answers the same calls in
a sandboxed worker (it is untrusted-ish code: it may hang or blow memory), float32 arguments
raised to float64, and each answer is compared with the reference's in float64's tolerance.
A mutant that matches every call is *equivalent*; the first difference or error says it is not.
"""

from __future__ import annotations

import copy
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import numpy as np

from autograder.authoring.compare import values_match
from autograder.config import GradingConfig
from autograder.course import Assignment
from autograder.engine.proxy import StudentProxy
from autograder.engine.runner import AssignmentGrader, GradeOptions, worker_helper_cells
from autograder.engine.workers import TaskWorkers
from autograder.notebook.submission import load_submission
from autograder.sandbox.errors import StudentCodeError, StudentException
from autograder.sandbox.inside.codec import UnsupportedValue


@dataclass
class Probe:
    """One call the graders made of the task, with the reference's outcome."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    helper: str | None = None  # reached through the notebook's helper(*sent) (a function arg)
    sent: tuple[Any, ...] = ()
    value: Any = None
    raised: str | None = None  # the reference raised this exception type


@dataclass
class ReferenceCalls:
    """Stands in for the ``student`` fixture: answers with the reference and records the calls."""

    reference: Any
    task_id: str
    probes: list[Probe] = field(default_factory=list)
    records: list[Any] = field(default_factory=list)  # the grading plugin's per-test slices

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        probe = Probe(copy.deepcopy(args), copy.deepcopy(kwargs))
        return self._answer(name, probe, args, kwargs)

    def probe(
        self, task_id: str, helper: str, sent: tuple[Any, ...], replay: tuple[Any, ...]
    ) -> Any:
        probe = Probe(copy.deepcopy(replay), {}, helper, copy.deepcopy(sent))
        return self._answer(task_id, probe, replay, {})

    def variable(self, task_id: str, name: str) -> Any:
        return getattr(self.reference, name)

    def _answer(
        self, name: str, probe: Probe, args: tuple[Any, ...], kwargs: dict[str, Any]
    ) -> Any:
        function = getattr(self.reference, name)
        try:
            value = function(*copy.deepcopy(args), **copy.deepcopy(kwargs))
        except Exception as exc:
            probe.raised = type(exc).__name__
            raise
        finally:
            if name == self.task_id:
                self.probes.append(probe)
        probe.value = value
        return value

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)


def fresh_probes(assignment: Assignment, task_id: str, seeds: list[str]) -> list[Probe]:
    """The calls the task's graders make under each of ``seeds``, answered by the reference."""
    probes: list[Probe] = []
    base = AssignmentGrader(assignment, GradeOptions(GradingConfig(seeds[0])))
    for seed in seeds:
        calls = ReferenceCalls(assignment.load_reference(), task_id)
        plugin, _ = base.run_graders(cast(StudentProxy, calls), frozenset({task_id}), seed)
        failed = [run.name for run in plugin.runs if not run.passed]
        if failed:  # the graders judged the reference's own answers: they must all pass
            raise RuntimeError(f"{task_id}: the reference fails {failed} under seed {seed!r}")
        probes += calls.probes
    return probes


def _as_float64(value: Any) -> Any:
    """float32 arrays and tensors raised to float64, inside tuples, lists and dicts too."""
    if isinstance(value, np.ndarray) and value.dtype == np.float32:
        return value.astype(np.float64)
    if type(value).__module__ == "torch" and str(getattr(value, "dtype", "")) == "torch.float32":
        return value.double()
    if isinstance(value, np.float32):
        return np.float64(value)
    if isinstance(value, list | tuple):
        return type(value)(_as_float64(v) for v in value)
    if isinstance(value, dict):
        return {k: _as_float64(v) for k, v in value.items()}
    return value


def _expected(reference: Any, task_id: str, probe: Probe) -> tuple[Any, str | None]:
    """The reference's answer to the float64 call (a probe's own answer when it goes through a
    helper: its arguments cannot be raised)."""
    if probe.helper is not None:
        return probe.value, probe.raised
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            args, kwargs = _as_float64(probe.args), _as_float64(probe.kwargs)
            return getattr(reference, task_id)(*args, **kwargs), None
        except Exception as exc:
            return None, type(exc).__name__


def _answers(workers: TaskWorkers, task_id: str, probe: Probe) -> Any:
    session = workers.session(task_id)
    if probe.helper is not None:
        return session.call(probe.helper, *probe.sent)
    return session.call(task_id, *_as_float64(probe.args), **_as_float64(probe.kwargs))


def _same(workers: TaskWorkers, reference: Any, task_id: str, probe: Probe) -> bool:
    expected, raised = _expected(reference, task_id, probe)
    try:
        actual = _answers(workers, task_id, probe)
    except StudentException as exc:
        return raised is not None and exc.type_name == raised
    except StudentCodeError:
        return False  # a timeout, a crash, no such function
    return raised is None and values_match(actual, expected)


@dataclass(frozen=True)
class Verdict:
    equivalent: bool
    compared: int  # calls answered the same before the first difference (or all of them)


def judge(
    grader: AssignmentGrader, reference: Any, notebook: Path, task_id: str, probes: list[Probe]
) -> Verdict:
    """Compare the mutant in ``notebook`` with the reference on every probe, in a sandbox."""
    submission = load_submission(notebook, grader.spec, "mutant")
    cells = submission.code_cells(grader.spec) + worker_helper_cells(grader.assignment)
    compared = 0
    with TaskWorkers(
        cells, grader.profiles, grader.default_profile, grader.options.mode
    ) as workers:
        for probe in probes:
            try:
                same = _same(workers, reference, task_id, probe)
            except UnsupportedValue:
                continue  # an argument that cannot cross into the sandbox: not comparable
            if not same:
                return Verdict(False, compared)
            compared += 1
    return Verdict(compared > 0, compared)
