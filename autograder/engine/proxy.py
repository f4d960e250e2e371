"""The ``student`` fixture: calls into the sandboxed worker, recorded for diagnosis."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NoReturn

from autograder.engine.workers import TaskWorkers
from autograder.i18n import Text
from autograder.sandbox.errors import StudentCodeError


class TaskUnavailable(StudentCodeError):
    """The task's solution cell is missing or unusable in the submitted notebook."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


@dataclass
class CallRecord:
    """One call of a student's function: the (trusted) arguments and the outcome."""

    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    value: Any = None
    error: StudentCodeError | None = None
    # what the worker's helper made of the result (a torch Module cannot cross): the same,
    # applied in the trusted process to a replayed result and its (deep-copied) arguments
    view: Callable[[Any, tuple[Any, ...]], Any] | None = None

    def replay(self, function: Callable[..., Any]) -> Any:
        """``function`` (the reference, a catalogued mistake) on this call's trusted arguments,
        seen through the call's ``view``."""
        args = copy.deepcopy(self.args)
        result = function(*args, **copy.deepcopy(self.kwargs))
        return result if self.view is None else self.view(result, args)


class NoWorkers:
    """The workers of a run without a submission (``AssignmentGrader.warm_up``): every call
    fails at once, as for a notebook without the task's cell; nothing is started."""

    def session(self, task_id: str) -> NoReturn:
        raise TaskUnavailable(Text("Keine Abgabe (Aufwärmlauf)", "No submission (warm-up run)"))


class StudentProxy:
    """``student.neuron(w, X)`` runs the student's ``neuron`` in the sandbox."""

    def __init__(self, workers: TaskWorkers | NoWorkers, problems: dict[str, Text]) -> None:
        self._workers = workers
        self._problems = problems
        self.records: list[CallRecord] = []

    def call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        return self._recorded(
            CallRecord(name, copy.deepcopy(args), copy.deepcopy(kwargs)),
            lambda: self._workers.session(name).call(name, *args, **kwargs),
        )

    def variable(self, task_id: str, name: str) -> Any:
        """The student's variable ``name`` from task ``task_id``'s cell (a quiz answer)."""
        return self._recorded(
            CallRecord(task_id, (), {"variable": name}),
            lambda: self._workers.session(task_id).get(name),
        )

    def probe(
        self,
        task_id: str,
        helper: str,
        args: tuple[Any, ...],
        replay: tuple[Any, ...],
        view: Callable[[Any, tuple[Any, ...]], Any] | None = None,
    ) -> Any:
        """Run the setup cell's ``helper(*args)``, which calls the task's function with what
        cannot cross the boundary (a function such as ``f`` of ``numerical_gradient(f, x)``).

        Recorded as a call of ``task_id`` with the trusted ``replay`` arguments (the same
        function, defined in the grader), so catalogued mistakes replay on the same problem.
        ``view(result, replay)``: what the helper returns when the result itself cannot cross
        (a torch ``Module``: its structure, its output for given weights).
        """
        return self._recorded(
            CallRecord(task_id, copy.deepcopy(replay), {}, view=view),
            lambda: self._workers.session(task_id).call(helper, *args),
        )

    def _recorded(self, record: CallRecord, run: Callable[[], Any]) -> Any:
        self.records.append(record)
        try:
            if record.name in self._problems:
                raise TaskUnavailable(self._problems[record.name])
            record.value = run()
        except StudentCodeError as exc:
            record.error = exc
            raise
        return record.value

    def __getattr__(self, name: str) -> Callable[..., Any]:
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self.call(name, *args, **kwargs)
