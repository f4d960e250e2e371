"""A task declared in one place: how hidden inputs are drawn, how results are compared, the
weights, and the catalogue of mistakes (edits of the reference) and correct variants.

The common case needs no hand-written test::

    task = Task("softmax")

    @task.case(weight=2, what="softmax(Z), Form (5, 3)")
    def matrix(rng):
        return call(rng.normal(size=(5, 3)))

    task.mistake("no_shift", "ohne Verschiebung um max(z)", "without subtracting max(z)",
                 ("z - z.max(axis=-1, keepdims=True)", "z"))

Each case becomes one hidden pytest test: the student's and the reference's function are
called with the same drawn arguments, and ``compare`` judges the student's result. A case may
draw several calls (a list): one test, checked call by call. Unusual checks stay ordinary
pytest functions in the same file (``student``, ``reference``, ``rng`` fixtures), marked with
``@task.test(weight=…)``.
"""

from __future__ import annotations

import copy
import functools
import inspect
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

import pytest

from autograder.authoring.catalogue import Entry, Matcher, function_source, mutate
from autograder.authoring.compare import Compare, assert_same, precision_of
from autograder.authoring.source import with_helpers
from autograder.authoring.variants import variants_of
from autograder.i18n import Text

Label = str | Text
F = TypeVar("F", bound=Callable[..., Any])


@dataclass(frozen=True)
class Call:
    """The arguments of one call, drawn by a case, and how its result is judged.

    ``what`` and ``compare`` override the case's label and comparison for this call (a label
    naming drawn sizes, a comparison that needs the drawn batch size). ``helper``: the student's
    function is reached through the setup cell's ``helper(*sent)`` (see ``through``).
    """

    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    what: Label | None = None
    compare: Compare | None = None
    helper: str | None = None
    sent: tuple[Any, ...] = ()
    view: Callable[[Any, tuple[Any, ...]], Any] | None = None

    def labelled(self, what: Label) -> Call:
        return replace(self, what=what)

    def compared_by(self, compare: Compare) -> Call:
        return replace(self, compare=compare)

    def through(
        self, helper: str, *sent: Any, view: Callable[[Any, tuple[Any, ...]], Any] | None = None
    ) -> Call:
        """Call the student's function via the notebook's ``helper(*sent)``, for arguments that
        cannot cross into the sandbox (a function ``f``): the reference and the catalogued
        mistakes get this call's own (trusted) arguments (``StudentProxy.probe``). ``view``: for a
        result that cannot cross back (a torch ``Module``), ``view(result, args)`` is what the
        helper returns, applied to the reference's and the mistakes' results here."""
        return replace(self, helper=helper, sent=sent, view=view)

    def run_student(self, student: Any, task_id: str) -> Any:
        if self.helper is not None:
            return student.probe(task_id, self.helper, self.sent, self.args, self.view)
        return getattr(student, task_id)(*self.args, **self.kwargs)

    def run_reference(self, reference: Any, task_id: str) -> Any:
        function = getattr(reference, task_id)
        args = copy.deepcopy(self.args)
        result = function(*args, **copy.deepcopy(self.kwargs))
        return result if self.view is None else self.view(result, args)


def call(*args: Any, **kwargs: Any) -> Call:
    """What a case returns: the arguments for both the student's and the reference's function."""
    return Call(args, kwargs)


@dataclass(frozen=True)
class Case:
    """One hidden test of a task: draws its inputs, carries its share of the task's points."""

    name: str
    draw: Callable[..., Call | list[Call] | tuple[Any, ...]]
    weight: float
    what: Label
    compare: Compare | None = None

    def calls(self, fixtures: dict[str, Any]) -> list[Call]:
        """The drawn calls; the draw function asks for fixtures by name (``rng``, ``reference``);
        parameters with a default that are no fixtures keep it (cases made in a loop)."""
        wanted = self._parameters
        unknown = [n for n, p in wanted.items() if n not in fixtures and p.default is p.empty]
        if unknown:
            raise TypeError(f"case {self.name!r} asks for unknown fixtures {unknown}")
        drawn = self.draw(**{name: fixtures[name] for name in wanted if name in fixtures})
        if isinstance(drawn, Call):
            return [drawn]
        if isinstance(drawn, list):
            return drawn
        return [Call(tuple(drawn), {})]

    @functools.cached_property
    def _parameters(self) -> Mapping[str, inspect.Parameter]:
        """The draw function's parameters (read for every submission: computed once)."""
        return inspect.signature(self.draw).parameters


@dataclass(frozen=True)
class MistakeSpec:
    """A known wrong implementation: edits of the reference function, or a function of its own."""

    key: str
    name: Text
    edits: tuple[tuple[str, str], ...] = ()
    function: Callable[..., Any] | None = None
    matcher: Matcher | None = None
    long_run: bool = False


@dataclass
class Task:
    """Everything about one auto-graded task except its points (the ``test_<task>`` cell's)."""

    task_id: str
    compare: Compare = assert_same
    cases: list[Case] = field(default_factory=list)
    mistake_specs: list[MistakeSpec] = field(default_factory=list)

    # ------------------------------------------------------------ declaring

    def case(
        self,
        weight: float = 1.0,
        what: Label | None = None,
        compare: Compare | None = None,
        name: str | None = None,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a hidden test whose function draws the call's arguments; the test is named
        ``test_<name>`` (``name`` defaults to the function's: set it for cases made in a loop)."""

        def register(draw: Callable[..., Any]) -> Callable[..., Any]:
            case_name = name or draw.__name__
            if any(c.name == case_name for c in self.cases):
                raise ValueError(f"{self.task_id}: two cases named {case_name!r}")
            label = what if what is not None else f"{self.task_id}(…)"
            self.cases.append(Case(case_name, draw, float(weight), label, compare))
            return draw

        return register

    def test(self, weight: float = 1.0) -> Callable[[F], F]:
        """Mark an ordinary pytest function as one of this task's hidden tests."""

        def mark(function: F) -> F:
            marked = pytest.mark.task(self.task_id)(function)
            return pytest.mark.weight(weight)(marked) if weight != 1.0 else marked

        return mark

    def mistake(
        self,
        key: str,
        de: str,
        en: str,
        *edits: tuple[str, str],
        matcher: Matcher | None = None,
        long_run: bool = False,
    ) -> None:
        """A mistake as edits of the reference function's source: each (old, new) replaces
        text that occurs exactly once. ``matcher`` recognises it in a student's result where
        replaying the edited function cannot (e.g. statistics of random weights)."""
        if not edits:
            raise ValueError(f"{self.task_id}/{key}: a mistake needs at least one edit")
        self._add(MistakeSpec(key, Text(de, en), tuple(edits), None, matcher, long_run))

    def mistake_function(
        self, key: str, de: str, en: str, *, matcher: Matcher | None = None, long_run: bool = False
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """A mistake an edit cannot express, written as a whole function named like the task."""

        def register(function: Callable[..., Any]) -> Callable[..., Any]:
            if function.__name__ != self.task_id:
                raise ValueError(f"mistake {key!r} must be a function named {self.task_id!r}")
            self._add(MistakeSpec(key, Text(de, en), (), function, matcher, long_run))
            return function

        return register

    def _add(self, spec: MistakeSpec) -> None:
        if any(m.key == spec.key for m in self.mistake_specs):
            raise ValueError(f"{self.task_id}: duplicate mistake key {spec.key!r}")
        self.mistake_specs.append(spec)

    # ------------------------------------------------------------ grading

    def generated_tests(self) -> dict[str, Callable[..., None]]:
        """One pytest test function per case, by name (collected by the grading plugin)."""
        return {f"test_{case.name}": self._test_function(case) for case in self.cases}

    def _test_function(self, case: Case) -> Callable[..., None]:
        compare = case.compare or self.compare
        task_id = self.task_id

        def test(student: Any, reference: Any, rng: Any, device: str) -> None:
            fixtures = {"rng": rng, "reference": reference, "device": device}
            for drawn in case.calls(fixtures):
                expected = drawn.run_reference(reference, task_id)
                actual = drawn.run_student(student, task_id)
                precision = precision_of([*drawn.args, *drawn.kwargs.values()])
                judge = drawn.compare or compare
                judge(actual, expected, drawn.what or case.what, precision)

        test.__name__ = f"test_{case.name}"
        test.__doc__ = f"{task_id}: {case.name} (weight {case.weight:g})"
        test.task_id = task_id  # type: ignore[attr-defined]
        test.weight = case.weight  # type: ignore[attr-defined]
        return test

    # ------------------------------------------------------------ catalogue

    def catalogue_entries(self, reference: Any, graders_dir: Path) -> list[Entry]:
        """Mistakes (edits applied to the reference's source) and the variant snippet files.

        The other tasks of the assignment (one grader file ``test_<task>.py`` each) are the
        notebook's own functions; an edited reference brings every other helper it uses."""
        tasks = {path.stem.removeprefix("test_") for path in graders_dir.glob("test_*.py")}
        return self.mistake_entries(reference, tasks) + variants_of(graders_dir, self.task_id)

    def mistake_entries(self, reference: Any, provided: set[str] | None = None) -> list[Entry]:
        """The mistakes as catalogue entries, edits applied to the reference's source;
        ``provided``: names the notebook defines (not copied into a mistake's cell)."""
        names = {self.task_id, *(provided or ())}
        return [self._mistake_entry(spec, reference, names) for spec in self.mistake_specs]

    def _mistake_entry(self, spec: MistakeSpec, reference: Any, provided: set[str]) -> Entry:
        if spec.function is not None:
            return Entry(
                self.task_id, spec.key, spec.name, spec.function, "mistake", spec.matcher,
                spec.long_run,
            )  # fmt: skip
        correct = getattr(reference, self.task_id)
        source = function_source(correct)
        if spec.edits:
            source = mutate(source, *spec.edits)
        module = inspect.getmodule(correct) or reference
        namespace = dict(vars(module))
        exec(compile(source, f"<mistake {self.task_id}/{spec.key}>", "exec"), namespace)
        return Entry(
            self.task_id,
            spec.key,
            spec.name,
            namespace[self.task_id],
            "mistake",
            spec.matcher,
            spec.long_run,
            source_text=with_helpers(source, module, provided),
        )
