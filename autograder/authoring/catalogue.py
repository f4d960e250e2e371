"""The catalogue of known mistakes and alternative correct implementations of each task.

A catalogue entry is a real function named like the task (so its source can be dropped
into a notebook's solution cell) plus a German/English name. It serves twice:

* tests put each entry into a submission and prove that every mistake loses points and is
  named, and every variant scores full marks;
* during grading, a student's recorded results are replayed through the mistakes in the
  trusted process; the first mistake that reproduces all of them is named in the feedback.

Entries must be self-contained: they may use ``np`` (the notebook's setup imports it) and
must define their helpers inside the function body.

Usage in ``autograder/graders/<aid>/catalogue.py``::

    catalogue = Catalogue()

    @catalogue.mistake("neuron", de="Stufe mit z > 0 statt z ≥ 0", en="step with z > 0")
    def neuron(w, X, activation="step"):
        ...
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any, Protocol, runtime_checkable

from autograder.i18n import Text

Matcher = Callable[[Any, tuple[Any, ...], dict[str, Any]], bool]


@dataclass(frozen=True)
class Entry:
    """One mistake or one alternative correct implementation of a task."""

    task_id: str
    key: str
    name: Text
    function: Callable[..., Any]
    kind: str  # "mistake" | "variant"
    matcher: Matcher | None = None  # custom "does the student's result show this mistake?"
    long_run: bool = False
    source_text: str | None = None  # for entries built from source (see ``mutate``)

    @property
    def source(self) -> str:
        """The function's source without decorators, ready for a solution cell."""
        return self.source_text or function_source(self.function)


def mutate(base: str, *changes: tuple[str, str]) -> str:
    """``base`` with each (old, new) text replaced; each ``old`` must occur exactly once.

    A mistake written as a mutation of a correct implementation reads like the diff it is.
    """
    for old, new in changes:
        if base.count(old) != 1:
            raise ValueError(f"mutation target must occur once: {old!r}")
        base = base.replace(old, new)
    return base


def within(line: str, old: str, new: str) -> tuple[str, str]:
    """The edit of ``line`` (a piece of the reference) that replaces every ``old`` in it by
    ``new``: ``within(UPDATE, "w - eta", "w + eta")`` for ``(UPDATE, UPDATE.replace(…))``, but
    an ``old`` that is not in ``line`` is an error instead of an edit that changes nothing."""
    if old not in line:
        raise ValueError(f"{old!r} does not occur in {line!r}")
    return line, line.replace(old, new)


def function_source(function: Callable[..., Any]) -> str:
    source = textwrap.dedent(inspect.getsource(function))
    tree = ast.parse(source)
    definition = tree.body[0]
    assert isinstance(definition, ast.FunctionDef)
    lines = source.splitlines()
    return "\n".join(lines[definition.lineno - 1 :]) + "\n"


@dataclass
class Catalogue:
    entries: list[Entry] = field(default_factory=list)
    # quiz questions: the options each choice question offers (for the item analysis)
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def _register(
        self,
        kind: str,
        task_id: str,
        key: str,
        de: str,
        en: str,
        matcher: Matcher | None,
        long_run: bool,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
            if function.__name__ != task_id:
                raise ValueError(f"catalogue entry {key!r} must be a function named {task_id!r}")
            if any((e.task_id, e.key) == (task_id, key) for e in self.entries):
                raise ValueError(f"duplicate catalogue key {key!r} for {task_id!r}")
            self.entries.append(
                Entry(task_id, key, Text(de, en), function, kind, matcher, long_run)
            )
            return function

        return decorate

    def mistake(
        self,
        task_id: str,
        key: str,
        *,
        de: str,
        en: str,
        matcher: Matcher | None = None,
        long_run: bool = False,
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register a plausible wrong implementation of ``task_id``."""
        return self._register("mistake", task_id, key, de, en, matcher, long_run)

    def mistake_from_source(
        self, task_id: str, key: str, source: str, namespace: dict[str, Any], *, de: str, en: str
    ) -> None:
        """Register a mistake given as source text (e.g. built with ``mutate``)."""
        scope = dict(namespace)
        exec(compile(source, f"<mistake {key}>", "exec"), scope)
        function = scope[task_id]
        if any((e.task_id, e.key) == (task_id, key) for e in self.entries):
            raise ValueError(f"duplicate catalogue key {key!r} for {task_id!r}")
        self.entries.append(
            Entry(task_id, key, Text(de, en), function, "mistake", source_text=source)
        )

    def add(self, entry: Entry) -> None:
        """Register a ready-made entry (quiz answers, see ``autograder.authoring.questions``)."""
        if any((e.task_id, e.key) == (entry.task_id, entry.key) for e in self.entries):
            raise ValueError(f"duplicate catalogue key {entry.key!r} for {entry.task_id!r}")
        self.entries.append(entry)

    def variant(
        self, task_id: str, key: str, *, de: str, en: str
    ) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
        """Register an alternative correct implementation of ``task_id``."""
        return self._register("variant", task_id, key, de, en, None, False)

    def mistakes(self, task_id: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.kind == "mistake" and task_id in (None, e.task_id)]

    def variants(self, task_id: str | None = None) -> list[Entry]:
        return [e for e in self.entries if e.kind == "variant" and task_id in (None, e.task_id)]


@runtime_checkable
class DeclaresEntries(Protocol):
    """A task declared in a grader file (``autograder.authoring.Task``) that brings its own
    catalogue entries: mistakes built from the reference, variants from snippet files."""

    def catalogue_entries(self, reference: Any, graders_dir: Path) -> list[Entry]: ...


def grader_modules(graders_dir: Path) -> list[ModuleType]:
    """The assignment's grader files, imported under private names (not through pytest)."""
    modules = []
    for path in sorted(graders_dir.glob("test_*.py")):
        name = f"_graders_{graders_dir.name}_{path.stem}"
        spec = importlib.util.spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(f"cannot import the grader {path}")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        modules.append(module)
    return modules


def declared_entries(graders_dir: Path, reference: Any) -> list[Entry]:
    """The catalogue entries of every task declared in the assignment's grader files."""
    return [
        entry
        for module in grader_modules(graders_dir)
        for value in vars(module).values()
        if isinstance(value, DeclaresEntries) and not isinstance(value, type)
        for entry in value.catalogue_entries(reference, graders_dir)
    ]


@runtime_checkable
class DeclaresChoices(Protocol):
    """A quiz declared in a grader file (``autograder.authoring.Quiz``) that names the options
    of its choice questions (for the item analysis)."""

    def choices(self) -> dict[str, tuple[str, ...]]: ...


def declared_choices(graders_dir: Path) -> dict[str, tuple[str, ...]]:
    """The options of every choice question declared in the assignment's grader files."""
    return {
        qid: letters
        for module in grader_modules(graders_dir)
        for value in vars(module).values()
        if isinstance(value, DeclaresChoices) and not isinstance(value, type)
        for qid, letters in value.choices().items()
    }
