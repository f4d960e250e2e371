"""A quiz's keys as data: ``questions.toml`` next to the grader, read by ``Quiz.from_toml``.

One table per question, in notebook order; the question text and the option texts stay in the
notebook. A question is single choice (``single = "c"``), multiple select (``multi = ["a", "c"]``,
``scoring = "per_option"`` or the default ``"all_or_nothing"``) or numeric (``numeric = 1.425``
with ``abs_tol`` and/or ``rel_tol``)::

    [notations]                          # names of equivalent notations, shared by questions
    set_call = ["Menge mit set(...)", "set built with set(...)"]

    [antwort_1]
    single = "c"
    options = "abc"
    misconception.a.de = "Die Eingänge selbst statt ihrer gewichteten Summe entscheiden"
    misconception.a.en = "the inputs themselves decide instead of their weighted sum"
    equivalent.set_call = 'set("c")'     # named in [notations]
    equivalent.upper = { answer = '{"C"}', de = "Großbuchstabe", en = "upper case" }

    [antwort_6]
    numeric = 1.4250805831863982
    abs_tol = 5e-4
    wrong.log10.value = 0.6189046335453208
    wrong.log10.de = "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion"
    wrong.log10.en = "log₁₀ instead of the natural log in the loss"
"""

from __future__ import annotations

import tomllib
from typing import Any

from autograder.authoring.questions import (
    SCORINGS,
    Equivalent,
    MultiSelect,
    Numeric,
    Option,
    Question,
    SingleChoice,
    WrongValue,
)
from autograder.i18n import Text

FIELDS = {
    "single": {"options", "misconception", "equivalent"},
    "multi": {"options", "misconception", "equivalent", "scoring"},
    "numeric": {"abs_tol", "rel_tol", "wrong", "equivalent"},
}


def questions_from_toml(text: str) -> list[Question]:
    """The questions a ``questions.toml`` declares, in its order (see the module's example)."""
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
            WrongValue(key, float(w["value"]), _text(qid, w))
            for key, w in table.get("wrong", {}).items()
        )
        tolerances = {name: float(table[name]) for name in ("abs_tol", "rel_tol") if name in table}
        return Numeric(qid, float(table[kind]), wrong=wrong, equivalents=equivalents, **tolerances)
    reasons = table.get("misconception", {})
    if set(reasons) - set(table["options"]):
        raise ValueError(f"{qid}: a misconception for a letter that is no option")
    options = tuple(
        Option(letter, misconception=_text(qid, reasons[letter]) if letter in reasons else None)
        for letter in table["options"]
    )
    if kind == "single":
        return SingleChoice(qid, table[kind], options, equivalents)
    scoring = table.get("scoring", SCORINGS[0])
    return MultiSelect(qid, frozenset(table[kind]), options, scoring, equivalents)


def _text(qid: str, table: dict[str, Any]) -> Text:
    if not isinstance(table.get("de"), str) or not isinstance(table.get("en"), str):
        raise ValueError(f"{qid}: a misconception needs a German `de` and an English `en` text")
    return Text(table["de"], table["en"])


def _equivalent(qid: str, key: str, value: Any, notations: dict[str, list[str]]) -> Equivalent:
    """``equivalent.<key> = "<answer>"`` (named in [notations]) or ``{ answer, de, en }``."""
    if isinstance(value, dict):
        return Equivalent(key, value["answer"], _text(qid, value))
    if key not in notations:
        raise ValueError(f"{qid}: the notation {key!r} has no name in [notations]")
    de, en = notations[key]
    return Equivalent(key, value, Text(de, en))
