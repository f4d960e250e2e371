"""A quiz declared in one grader file: one table of questions, one hidden test per question.

``autograder/graders/<aid>/test_questions.py`` reads the keys (never in the notebook) from the
data file next to it (``questions.toml``, see ``questions_from_toml``)::

    from autograder.authoring import Quiz

    quiz = Quiz.from_toml(Path(__file__).with_name("questions.toml"))

or declares them in Python: ``quiz = Quiz([SingleChoice("antwort_1", "c", (Option("a",
misconception=…), Option("b"), Option("c")))])``.

The grading plugin collects the questions' tests (``test_<id>``, marked with the task
``<id>``); the catalogue checks get each misconception as a mistake and each equivalent
notation as a variant, and the item analysis the options of every choice question.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.authoring import questions
from autograder.authoring.catalogue import Entry
from autograder.authoring.questions import Question, choice_letters, question_entries, question_test
from autograder.i18n import Text


@dataclass(frozen=True)
class Quiz:
    """The questions of one assignment, in notebook order."""

    questions: Sequence[Question]

    def __post_init__(self) -> None:
        ids = [q.qid for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError(f"a quiz lists a question twice: {ids}")

    @classmethod
    def from_toml(cls, path: Path) -> Quiz:
        """The quiz a ``questions.toml`` declares (see ``questions_from_toml``)."""
        return cls(questions_from_toml(path.read_text(encoding="utf-8")))

    def generated_tests(self) -> dict[str, Callable[..., None]]:
        """One hidden test per question, by name (collected by the grading plugin)."""
        return {f"test_{q.qid}": question_test(q) for q in self.questions}

    def catalogue_entries(self, reference: Any, graders_dir: Path) -> list[Entry]:
        """Every question's mistakes (misconceptions, wrong values) and equivalent notations."""
        return [entry for q in self.questions for entry in question_entries(q)]

    def choices(self) -> dict[str, tuple[str, ...]]:
        """The options each choice question offers (for the item analysis)."""
        return choice_letters(list(self.questions))


# ---------------------------------------------------------------- questions.toml

FIELDS = {  # each kind of question (named by its key's field) and the other fields it may have
    "single": {"options", "misconception", "equivalent"},
    "multi": {"options", "misconception", "equivalent", "scoring"},
    "numeric": {"abs_tol", "rel_tol", "wrong", "equivalent"},
}


def questions_from_toml(text: str) -> list[Question]:
    """The questions a ``questions.toml`` declares: one table per question, in notebook order
    (the question and option texts stay in the notebook). A question is single choice
    (``single = "c"``), multiple select (``multi = ["a", "c"]``, ``scoring = "per_option"`` or
    the default ``"all_or_nothing"``) or numeric (``numeric = 1.425`` with ``abs_tol`` and/or
    ``rel_tol``); an equivalent notation is an answer named in ``[notations]`` or an inline
    table ``{ answer, de, en }``::

        [notations]                          # names of equivalent notations, shared by questions
        set_call = ["Menge mit set(...)", "set built with set(...)"]

        [antwort_1]
        single = "c"
        options = "abc"
        misconception.a.de = "Die Eingänge selbst statt ihrer gewichteten Summe entscheiden"
        misconception.a.en = "the inputs themselves decide instead of their weighted sum"
        equivalent.set_call = 'set("c")'     # named in [notations]
        equivalent.upper = { answer = '{"C"}', de = "Großbuchstabe", en = "upper case" }

        [antwort_3]
        multi = ["a", "c"]
        scoring = "per_option"
        options = "abc"

        [antwort_6]
        numeric = 1.4250805831863982
        abs_tol = 5e-4
        wrong.log10.value = 0.6189046335453208
        wrong.log10.de = "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion"
        wrong.log10.en = "log₁₀ instead of the natural log in the loss"
    """
    data = tomllib.loads(text)
    notations = data.pop("notations", {})
    return [_question(qid, table, notations) for qid, table in data.items()]


def _question(qid: str, table: dict[str, Any], notations: dict[str, list[str]]) -> Question:
    kinds = [kind for kind in FIELDS if kind in table]
    if len(kinds) != 1:
        raise ValueError(f"{qid}: give exactly one of {', '.join(FIELDS)} (the key)")
    kind = kinds[0]
    unknown = set(table) - FIELDS[kind] - {kind}
    if unknown:
        raise ValueError(f"{qid}: unknown field(s) {sorted(unknown)} for a {kind} question")
    equivalents = tuple(
        _equivalent(qid, key, value, notations)
        for key, value in table.get("equivalent", {}).items()
    )
    if kind == "numeric":
        wrong = tuple(
            questions.WrongValue(key, float(w["value"]), _text(qid, w))
            for key, w in table.get("wrong", {}).items()
        )
        tolerances = {name: float(table[name]) for name in ("abs_tol", "rel_tol") if name in table}
        return questions.Numeric(
            qid, float(table[kind]), wrong=wrong, equivalents=equivalents, **tolerances
        )
    reasons = table.get("misconception", {})
    if set(reasons) - set(table["options"]):
        raise ValueError(f"{qid}: a misconception for a letter that is no option")
    options = tuple(
        questions.Option(
            letter, misconception=_text(qid, reasons[letter]) if letter in reasons else None
        )
        for letter in table["options"]
    )
    if kind == "single":
        return questions.SingleChoice(qid, table[kind], options, equivalents)
    scoring = table.get("scoring", questions.SCORINGS[0])
    return questions.MultiSelect(qid, frozenset(table[kind]), options, scoring, equivalents)


def _text(qid: str, table: dict[str, Any]) -> Text:
    if not isinstance(table.get("de"), str) or not isinstance(table.get("en"), str):
        raise ValueError(f"{qid}: a misconception needs a German `de` and an English `en` text")
    return Text(table["de"], table["en"])


def _equivalent(
    qid: str, key: str, value: Any, notations: dict[str, list[str]]
) -> questions.Equivalent:
    """``equivalent.<key> = "<answer>"`` (named in [notations]) or ``{ answer, de, en }``."""
    if isinstance(value, dict):
        return questions.Equivalent(key, value["answer"], _text(qid, value))
    if key not in notations:
        raise ValueError(f"{qid}: the notation {key!r} has no name in [notations]")
    de, en = notations[key]
    return questions.Equivalent(key, value, Text(de, en))
