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
called with the same drawn arguments, and ``compare`` judges the student's result. Unusual
checks stay ordinary pytest functions in the same file (``student``, ``reference``, ``rng``
fixtures).
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.authoring.compare import Compare, assert_same, precision_of
from autograder.authoring.variants import variants_of
from autograder.grading.catalogue import Entry, Matcher, function_source, mutate
from autograder.i18n import Text

Label = str | Text


@dataclass(frozen=True)
class Call:
    """The arguments of one call, drawn by a case."""

    args: tuple[Any, ...]
    kwargs: dict[str, Any]


def call(*args: Any, **kwargs: Any) -> Call:
    """What a case returns: the arguments for both the student's and the reference's function."""
    return Call(args, kwargs)


@dataclass(frozen=True)
class Case:
    """One hidden test of a task: draws its inputs, carries its share of the task's points."""

    name: str
    draw: Callable[..., Call | tuple[Any, ...]]
    weight: float
    what: Label
    compare: Compare | None = None

    def arguments(self, fixtures: dict[str, Any]) -> Call:
        """The drawn call; the draw function asks for fixtures by name (``rng``, ``reference``)."""
        wanted = inspect.signature(self.draw).parameters
        unknown = [name for name in wanted if name not in fixtures]
        if unknown:
            raise TypeError(f"case {self.name!r} asks for unknown fixtures {unknown}")
        drawn = self.draw(**{name: fixtures[name] for name in wanted})
        return drawn if isinstance(drawn, Call) else Call(tuple(drawn), {})


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
        self, weight: float = 1.0, what: Label | None = None, compare: Compare | None = None
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Declare a hidden test whose function draws the call's arguments."""

        def register(draw: Callable[..., Any]) -> Callable[..., Any]:
            if any(c.name == draw.__name__ for c in self.cases):
                raise ValueError(f"{self.task_id}: two cases named {draw.__name__!r}")
            label = what if what is not None else f"{self.task_id}(…)"
            self.cases.append(Case(draw.__name__, draw, float(weight), label, compare))
            return draw

        return register

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
            drawn = case.arguments({"rng": rng, "reference": reference, "device": device})
            expected = getattr(reference, task_id)(
                *copy.deepcopy(drawn.args), **copy.deepcopy(drawn.kwargs)
            )
            actual = getattr(student, task_id)(*drawn.args, **drawn.kwargs)
            precision = precision_of([*drawn.args, *drawn.kwargs.values()])
            compare(actual, expected, case.what, precision)

        test.__name__ = f"test_{case.name}"
        test.__doc__ = f"{task_id}: {case.name} (weight {case.weight:g})"
        test.task_id = task_id  # type: ignore[attr-defined]
        test.weight = case.weight  # type: ignore[attr-defined]
        return test

    # ------------------------------------------------------------ catalogue

    def catalogue_entries(self, reference: Any, graders_dir: Path) -> list[Entry]:
        """Mistakes (edits applied to the reference's source) and the variant snippet files."""
        return self.mistake_entries(reference) + variants_of(graders_dir, self.task_id)

    def mistake_entries(self, reference: Any) -> list[Entry]:
        """The mistakes as catalogue entries, edits applied to the reference's source."""
        return [self._mistake_entry(spec, reference) for spec in self.mistake_specs]

    def _mistake_entry(self, spec: MistakeSpec, reference: Any) -> Entry:
        if spec.function is not None:
            return Entry(
                self.task_id, spec.key, spec.name, spec.function, "mistake", spec.matcher,
                spec.long_run,
            )  # fmt: skip
        correct = getattr(reference, self.task_id)
        source = function_source(correct)
        if spec.edits:
            source = mutate(source, *spec.edits)
        namespace = dict(vars(inspect.getmodule(correct) or reference))
        exec(compile(source, f"<mistake {self.task_id}/{spec.key}>", "exec"), namespace)
        return Entry(
            self.task_id,
            spec.key,
            spec.name,
            namespace[self.task_id],
            "mistake",
            spec.matcher,
            spec.long_run,
            source_text=source,
        )
