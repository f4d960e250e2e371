"""Quiz questions as graded tasks: single choice, multiple select and numeric answers.

The task contract for a question: its solution cell has ``grade_id`` = the question id and
assigns the variable of the same name (``antwort_1 = {"c"}``, ``antwort_6 = 0.644``); its
visible-check cell (``test_<id>``) checks only the form and carries the points. Keys, scoring
rules and misconceptions live only here and in the hidden graders::

    QUESTIONS = [SingleChoice("antwort_1", "c", (Option("a", misconception=Text(...)), ...))]
    quiz = Quiz(QUESTIONS)       # in a grader test_*.py: autograder.authoring.Quiz

``Quiz`` (the authoring kit) makes one hidden test per question and declares the entries.

Each wrong option with a misconception becomes a catalogued mistake (so diagnosis names it),
each equivalent notation of the key a catalogued variant.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pytest

from autograder.authoring.catalogue import Entry
from autograder.authoring.checks import CheckFailure
from autograder.i18n import Text
from autograder.sandbox.errors import FunctionMissing, UnsupportedReturn

SCORINGS = ("all_or_nothing", "per_option")
INVALID = "ungültig"  # item-analysis label of an unusable answer
OTHER = "andere"  # item-analysis label of a wrong number that matches no known misconception
CORRECT = "richtig"  # item-analysis label of a correct number


class PartialCredit(CheckFailure):
    """A judged answer worth ``fraction`` (0 < fraction < 1) of its test's weight."""

    def __init__(self, text: Text, fraction: float) -> None:
        super().__init__(text)
        self.fraction = fraction


class AnswerMissing(CheckFailure):
    """The answer variable is not defined after the student's cell ran; ``hint`` says how to
    write it (shown after the reason when the cell itself failed)."""

    def __init__(self, text: Text, hint: Text) -> None:
        super().__init__(text)
        self.hint = hint


@dataclass(frozen=True)
class Option:
    """A choice; ``misconception`` says why choosing it (if wrong) or missing it (if right) is
    wrong, named in the feedback and in diagnosis."""

    letter: str
    text: str = ""
    misconception: Text | None = None


@dataclass(frozen=True)
class Equivalent:
    """Another correct way to write the answer (a catalogue variant): ``expression`` is the
    right-hand side of the answer cell's assignment."""

    key: str
    expression: str
    name: Text


@dataclass(frozen=True)
class WrongValue:
    """A wrong number that a known misconception produces."""

    key: str
    value: float
    misconception: Text


@dataclass(frozen=True)
class SingleChoice:
    qid: str
    key: str
    options: tuple[Option, ...]
    equivalents: tuple[Equivalent, ...] = ()


@dataclass(frozen=True)
class MultiSelect:
    """``per_option``: each right pick earns 1/|key|, each wrong pick costs 1/|key|, floored at 0."""

    qid: str
    key: frozenset[str]
    options: tuple[Option, ...]
    scoring: str = "all_or_nothing"
    equivalents: tuple[Equivalent, ...] = ()

    def __post_init__(self) -> None:
        if self.scoring not in SCORINGS:
            raise ValueError(f"{self.qid}: scoring must be one of {SCORINGS}")


@dataclass(frozen=True)
class Numeric:
    """Correct iff |x - value| ≤ max(abs_tol, rel_tol·|value|)."""

    qid: str
    value: float
    abs_tol: float = 0.0
    rel_tol: float = 0.0
    wrong: tuple[WrongValue, ...] = ()
    equivalents: tuple[Equivalent, ...] = ()

    def close(self, x: float, target: float) -> bool:
        return abs(x - target) <= max(self.abs_tol, self.rel_tol * abs(target))


Question = SingleChoice | MultiSelect | Numeric


@dataclass(frozen=True)
class Grade:
    """A graded answer: its share of the points, the feedback and, for item analysis, what it
    chose (letters, or ``richtig`` / a misconception key / ``andere``; ``ungültig`` if unusable)."""

    fraction: float
    feedback: Text
    labels: tuple[str, ...]
    misconceptions: tuple[Text, ...] = ()


class BadAnswer(ValueError):
    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


# ---------------------------------------------------------------- reading answers


def _letters(question: SingleChoice | MultiSelect) -> tuple[str, ...]:
    return tuple(o.letter for o in question.options)


def chosen_letters(question: SingleChoice | MultiSelect, answer: Any) -> frozenset[str]:
    """The letters of a choice answer (a set/list/tuple of letters, or one letter as a str)."""
    allowed = _letters(question)
    example = '{"a"}' if isinstance(question, SingleChoice) else '{"a", "c"}'
    if isinstance(answer, str):
        answer = {answer}
    if not isinstance(answer, set | frozenset | list | tuple) or not all(
        isinstance(x, str) for x in answer
    ):
        raise BadAnswer(
            Text(
                f"Die Antwort muss eine Menge von Buchstaben sein, z. B. {example}; "
                f"erhalten: {type(answer).__name__}.",
                f"The answer must be a set of letters, e.g. {example}; "
                f"got: {type(answer).__name__}.",
            )
        )
    letters = frozenset(x.strip().lower() for x in answer)
    if not letters:
        raise BadAnswer(
            Text(
                f"Keine Option gewählt (leere Menge); erwartet z. B. {example}.",
                f"No option chosen (empty set); expected e.g. {example}.",
            )
        )
    unknown = sorted(letters - set(allowed))
    if unknown:
        raise BadAnswer(
            Text(
                f"Unbekannte Option(en) {', '.join(map(repr, unknown))}; "
                f"erlaubt sind {', '.join(allowed)}.",
                f"Unknown option(s) {', '.join(map(repr, unknown))}; "
                f"allowed are {', '.join(allowed)}.",
            )
        )
    if isinstance(question, SingleChoice) and len(letters) != 1:
        raise BadAnswer(
            Text(
                f"Bitte genau eine Option wählen; erhalten: {_show(letters)}.",
                f"Please choose exactly one option; got: {_show(letters)}.",
            )
        )
    return letters


def number(answer: Any) -> float:
    """A numeric answer as a float (int, float, Fraction, numpy scalar or 0-d array; not bool)."""
    if isinstance(answer, np.ndarray) and answer.shape == ():
        answer = answer[()]
    if isinstance(answer, bool | np.bool_) or not isinstance(answer, numbers.Real):
        raise BadAnswer(
            Text(
                f"Die Antwort muss eine Zahl sein (z. B. 0.5); erhalten: {type(answer).__name__}.",
                f"The answer must be a number (e.g. 0.5); got: {type(answer).__name__}.",
            )
        )
    try:
        value = float(answer)  # a Fraction or an int of any size, too
    except OverflowError:
        value = math.inf
    if not math.isfinite(value):
        raise BadAnswer(
            Text(
                f"Die Antwort muss eine endliche Zahl sein; erhalten: {value}.",
                f"The answer must be a finite number; got: {value}.",
            )
        )
    return value


def _show(letters: frozenset[str]) -> str:
    return "{" + ", ".join(sorted(letters)) + "}"


# ---------------------------------------------------------------- grading


def grade(question: Question, answer: Any) -> Grade:
    """Grade one answer; an unusable answer gets 0 and a message saying what form is expected."""
    try:
        if isinstance(question, Numeric):
            return _grade_numeric(question, number(answer))
        return _grade_choice(question, chosen_letters(question, answer))
    except BadAnswer as bad:
        return Grade(0.0, bad.text, (INVALID,))


def _choice_fraction(question: SingleChoice | MultiSelect, letters: frozenset[str]) -> float:
    key = frozenset({question.key}) if isinstance(question, SingleChoice) else question.key
    if isinstance(question, MultiSelect) and question.scoring == "per_option":
        return max(0.0, (len(letters & key) - len(letters - key)) / len(key))
    return 1.0 if letters == key else 0.0


def _grade_choice(question: SingleChoice | MultiSelect, letters: frozenset[str]) -> Grade:
    key = frozenset({question.key}) if isinstance(question, SingleChoice) else question.key
    fraction = _choice_fraction(question, letters)
    labels = tuple(sorted(letters))
    if letters == key:
        return Grade(1.0, Text("Richtig.", "Correct."), labels)
    options = {o.letter: o for o in question.options}
    wrong = sorted(letters - key)
    missed = sorted(key - letters)
    parts = [
        Text(
            f"Ihre Antwort {_show(letters)} ist nicht (ganz) richtig.",
            f"Your answer {_show(letters)} is not (fully) right.",
        )
    ]
    named: list[Text] = []
    for letter in wrong:
        reason = options[letter].misconception
        named += [reason] if reason else []
        parts.append(
            Text(f"Option {letter} ist falsch", f"Option {letter} is wrong")
            + (Text(f": {reason.de}.", f": {reason.en}.") if reason else Text(".", "."))
        )
    if missed:
        parts.append(
            Text("Mindestens eine richtige Option fehlt.", "At least one right option is missing.")
        )
        named += [r for r in (options[m].misconception for m in missed) if r]
    if 0 < fraction < 1:
        parts.append(
            Text(f"Teilpunkte: {fraction * 100:.0f} %.", f"Partial credit: {fraction:.0%}.")
        )
    return Grade(fraction, Text.join(parts), labels, tuple(named))


def _grade_numeric(question: Numeric, x: float) -> Grade:
    if question.close(x, question.value):
        return Grade(1.0, Text("Richtig.", "Correct."), (CORRECT,))
    parts = [Text(f"Ihr Wert {x:.6g} ist nicht richtig.", f"Your value {x:.6g} is not right.")]
    for wrong in question.wrong:
        if question.close(x, wrong.value):
            reason = wrong.misconception
            parts.append(
                Text(
                    f"Er entspricht der Fehlvorstellung: {reason.de}.",
                    f"It matches the misconception: {reason.en}.",
                )
            )
            return Grade(0.0, Text.join(parts), (wrong.key,), (reason,))
    return Grade(0.0, Text.join(parts), (OTHER,))


# ---------------------------------------------------------------- hidden tests


def _answer_of(student: Any, qid: str) -> Any:
    try:
        return student.variable(qid, qid)
    except FunctionMissing:
        hint = Text(
            f"Schreiben Sie Ihre Antwort als `{qid} = ...`.",
            f"Write your answer as `{qid} = ...`.",
        )
        missing = Text(
            f"Keine Antwort: `{qid}` ist nach dem Ausführen Ihrer Zelle nicht definiert.",
            f"No answer: `{qid}` is not defined after your cell ran.",
        )
        raise AnswerMissing(Text.join([missing, hint]), hint) from None
    except UnsupportedReturn as exc:
        raise CheckFailure(
            Text(
                f"`{qid}` hat den Typ {exc.type_name}; erwartet ist eine Menge von Buchstaben "
                "oder eine Zahl.",
                f"`{qid}` has type {exc.type_name}; expected a set of letters or a number.",
            )
        ) from None


def question_test(question: Question) -> Callable[..., None]:
    """A hidden pytest test for one question, tagged with ``pytest.mark.task(<question id>)``.

    It records what the answer chose (``record_property("answer", …)``) for the item analysis;
    a partly right answer raises ``PartialCredit``, which the runner scores by its fraction.
    """

    def test(student: Any, record_property: Callable[[str, object], None]) -> None:
        result = grade(question, _answer_of(student, question.qid))
        record_property("answer", list(result.labels))
        settle(result)

    return task_test(test, question.qid)


def settle(result: Grade) -> None:
    """Pass a right answer; raise ``PartialCredit`` for a partly right one, else ``CheckFailure``."""
    if result.fraction >= 1:
        return
    if result.fraction > 0:
        raise PartialCredit(result.feedback, result.fraction)
    raise CheckFailure(result.feedback)


def task_test(test: Callable[..., None], qid: str) -> Callable[..., None]:
    """``test`` as the hidden test ``test_<qid>`` of the task ``qid`` (weight 1)."""
    test.__name__ = f"test_{qid}"
    test.task_id = qid  # type: ignore[attr-defined]
    test.weight = 1.0  # type: ignore[attr-defined]
    return pytest.mark.task(qid)(test)


# ---------------------------------------------------------------- catalogue


def _chooses(question: SingleChoice | MultiSelect, letter: str, chosen: bool) -> Any:
    def matcher(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        try:
            return (letter in chosen_letters(question, value)) is chosen
        except BadAnswer:
            return False

    return matcher


def _near(question: Numeric, target: float) -> Any:
    def matcher(value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> bool:
        try:
            return question.close(number(value), target)
        except BadAnswer:
            return False

    return matcher


def _entry(
    question: Question, key: str, name: Text, kind: str, expression: str, matcher: Any = None
) -> Entry:
    source = f"{question.qid} = {expression}\n"
    return Entry(question.qid, key, name, lambda: None, kind, matcher, source_text=source)


def _set_literal(letters: frozenset[str]) -> str:
    return "{" + ", ".join(f'"{x}"' for x in sorted(letters)) + "}"


def mistakes_of(question: Question) -> list[Entry]:
    """Catalogue mistakes: each wrong option (or wrong number) with a misconception; for multiple
    select also each right option with a misconception for missing it."""
    if isinstance(question, Numeric):
        return [
            _entry(
                question, w.key, w.misconception, "mistake", repr(w.value), _near(question, w.value)
            )
            for w in question.wrong
        ]
    key = frozenset({question.key}) if isinstance(question, SingleChoice) else question.key
    entries = []
    for option in question.options:
        if option.misconception is None:
            continue
        letter = option.letter
        if letter not in key:
            answer = {letter} if isinstance(question, SingleChoice) else key | {letter}
            matcher = _chooses(question, letter, True)
            entries.append((0, f"option_{letter}", option.misconception, answer, matcher))
        elif isinstance(question, MultiSelect) and len(key) > 1:
            answer = key - {letter}
            matcher = _chooses(question, letter, False)
            entries.append((1, f"missed_{letter}", option.misconception, answer, matcher))
    entries.sort(key=lambda e: e[0])  # wrong picks before missed right options
    return [
        _entry(question, k, name, "mistake", _set_literal(frozenset(a)), m)
        for _, k, name, a, m in entries
    ]


def question_entries(question: Question) -> list[Entry]:
    """The question's catalogue entries: its mistakes, then its equivalent correct notations."""
    variants = [
        _entry(question, eq.key, eq.name, "variant", eq.expression) for eq in question.equivalents
    ]
    return mistakes_of(question) + variants


def choice_letters(questions: list[Question]) -> dict[str, tuple[str, ...]]:
    """The options each choice question offers, by question id (for the item analysis)."""
    return {q.qid: _letters(q) for q in questions if isinstance(q, SingleChoice | MultiSelect)}
