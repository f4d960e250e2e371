"""Exams: every question a template, every student their own variant.

A question of an exam is drawn per student: ``make(rng)`` returns the student's ``Variant`` (the
text they read with their numbers and option order, the concrete question with its key, and a
label naming the variant's kind for the fairness report). The generator comes from

    sha256(secret seed · public salt · assignment · question · student id)

so the same student always gets the same variant, other students other ones, and nobody can
predict a variant without the course's secret seed (``grading.toml``). The hidden test grades the
answer against the variant of the id the submission came from (the ``student_id`` fixture:
nbgrader's ``submitted/<student>/<aid>/``), whatever the notebook says. Keys exist only here::

    exam = Exam([VariantQuestion("antwort_1", conv_output_size), …], here=Path(__file__).parent)

``assignment.toml``'s ``[exam]`` table holds the public salt (and the time window, read by
``autograder/exam/``). Code tasks with per-student parameters are ``CodeTask``s: their variant's
``params`` go to the graders' own tests (``exam.variant(task, student_id, secret_seed)``).
"""

from __future__ import annotations

import hashlib
import math
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from autograder.authoring.questions import (
    SCORINGS,
    BadAnswer,
    MultiSelect,
    Numeric,
    Option,
    Question,
    SingleChoice,
    WrongValue,
    _answer_of,
    chosen_letters,
    grade,
    number,
    settle,
    task_test,
)
from autograder.i18n import Text

LETTERS = "abcdefgh"


@dataclass(frozen=True)
class Variant:
    """One student's variant of a question: ``text`` (Markdown, German) is what they read;
    ``question`` (with its key) and ``letters`` stay on the trusted side."""

    text: str
    question: Question | None  # None for a code task
    label: str  # the variant's kind, for the fairness report ("BCE", "β₁ = 0.9", "AND")
    letters: dict[str, str] = field(default_factory=dict)  # shown letter → canonical option id
    params: dict[str, Any] = field(default_factory=dict)  # a code task's parameters

    def canonical(self, letters: frozenset[str]) -> tuple[str, ...]:
        return tuple(sorted(self.letters.get(x, x) for x in letters))


@dataclass(frozen=True)
class VariantQuestion:
    """A question drawn per student: ``make`` turns the student's generator into a Variant."""

    qid: str
    make: Callable[[np.random.Generator], Variant]


@dataclass(frozen=True)
class CodeTask:
    """A code task with per-student parameters (``Variant.params``), graded by ordinary tests."""

    qid: str
    make: Callable[[np.random.Generator], Variant]


def variant_rng(secret: str, salt: str, aid: str, qid: str, student_id: str) -> np.random.Generator:
    """The student's generator for one question; needs the secret, so no release can draw it."""
    text = f"exam\0{secret}\0{salt}\0{aid}\0{qid}\0{student_id}"
    digest = hashlib.sha256(text.encode()).digest()
    return np.random.default_rng(int.from_bytes(digest[:16], "big"))


def exam_table(graders_dir: Path) -> dict[str, Any]:
    """The ``[exam]`` table of the assignment's ``assignment.toml`` ({} when there is none)."""
    path = graders_dir / "assignment.toml"
    if not path.exists():
        return {}
    table = tomllib.loads(path.read_text()).get("exam", {})
    return table if isinstance(table, dict) else {}


class Exam:
    """The questions and code tasks of one exam, in notebook order."""

    def __init__(
        self,
        questions: Sequence[VariantQuestion],
        here: Path,
        code: Sequence[CodeTask] = (),
    ) -> None:
        self.questions = tuple(questions)
        self.code = tuple(code)
        self.aid = here.name
        salt = exam_table(here).get("salt")
        if not isinstance(salt, str) or not salt:
            raise ValueError(f'{here / "assignment.toml"}: [exam] needs a salt = "…"')
        self.salt = salt
        ids = self.ids()
        if len(set(ids)) != len(ids):
            raise ValueError(f"an exam lists a task twice: {ids}")

    def items(self) -> list[VariantQuestion | CodeTask]:
        return [*self.questions, *self.code]

    def ids(self) -> list[str]:
        return [q.qid for q in self.items()]

    def variant(self, qid: str, student_id: str, secret: str) -> Variant:
        item = next(q for q in self.items() if q.qid == qid)
        return item.make(variant_rng(secret, self.salt, self.aid, qid, student_id))

    def variants(self, student_id: str, secret: str) -> dict[str, Variant]:
        return {qid: self.variant(qid, student_id, secret) for qid in self.ids()}

    def generated_tests(self) -> dict[str, Callable[..., None]]:
        """One hidden test per question (collected by the grading plugin)."""
        return {f"test_{q.qid}": self._test(q.qid) for q in self.questions}

    def _test(self, qid: str) -> Callable[..., None]:
        def test(
            student: Any,
            student_id: str,
            secret_seed: str,
            record_property: Callable[[str, object], None],
        ) -> None:
            variant = self.variant(qid, student_id, secret_seed)
            assert variant.question is not None
            answer = _answer_of(student, qid)
            result = grade(variant.question, answer)
            record_property("answer", list(_canonical_labels(variant, result.labels)))
            record_property("response", response(variant, answer))
            settle(result)

        return task_test(test, qid)


def _canonical_labels(variant: Variant, labels: tuple[str, ...]) -> tuple[str, ...]:
    """Chosen letters as canonical option ids (letters differ per student; ids do not)."""
    return tuple(variant.letters.get(x, x) for x in labels)


def response(variant: Variant, answer: Any) -> str:
    """An answer in a form comparable across students: a number to 6 significant digits, or
    the canonical ids of the chosen options; "" when unusable."""
    question = variant.question
    try:
        if isinstance(question, Numeric):
            return f"{number(answer):.6g}"
        if isinstance(question, SingleChoice | MultiSelect):
            return ",".join(variant.canonical(chosen_letters(question, answer)))
    except BadAnswer:
        return ""
    return ""


def _key_letters(question: Question | None) -> frozenset[str]:
    if isinstance(question, SingleChoice):
        return frozenset({question.key})
    return question.key if isinstance(question, MultiSelect) else frozenset()


def key_response(variant: Variant) -> str:
    """The variant's key in the form of ``response``."""
    if isinstance(variant.question, Numeric):
        return f"{variant.question.value:.6g}"
    return ",".join(variant.canonical(_key_letters(variant.question)))


def key_text(variant: Variant) -> str:
    """The key as a student reads it on the Einsicht page ("0.2689", "{a, c}")."""
    if isinstance(variant.question, Numeric):
        return f"{variant.question.value:.6g}"
    letters = _key_letters(variant.question)
    return "{" + ", ".join(sorted(letters)) + "}" if letters else ""


# ---------------------------------------------------------------- building variants


def numeric(
    qid: str,
    text: str,
    value: float,
    label: str,
    wrong: Sequence[tuple[str, float, Text]] = (),
    rel_tol: float = 1e-3,
    abs_tol: float = 1e-6,
) -> Variant:
    """A numeric variant; a misconception whose value coincides with the key (or with an
    earlier misconception) for these numbers is left out, so it can never cost points."""
    kept: list[WrongValue] = []
    probe = Numeric(qid, value, abs_tol, rel_tol)
    for key, wrong_value, reason in wrong:
        clashes = [value, *(w.value for w in kept)]
        if math.isfinite(wrong_value) and not any(probe.close(wrong_value, c) for c in clashes):
            kept.append(WrongValue(key, wrong_value, reason))
    return Variant(text, Numeric(qid, value, abs_tol, rel_tol, tuple(kept)), label)


@dataclass(frozen=True)
class Choice:
    """An option of a choice template: canonical id, text, and (if wrong) the misconception."""

    cid: str
    text: str
    misconception: Text | None = None


def shuffled(
    qid: str,
    rng: np.random.Generator,
    stem: str,
    choices: Sequence[Choice],
    key: frozenset[str],
    label: str,
    scoring: str = "all_or_nothing",
) -> Variant:
    """A choice variant with the options in the student's own order (letters a, b, …).

    ``scoring``: ``"single"`` (exactly one option; ``key`` has one id), or a multiple-select
    rule, ``"all_or_nothing"`` or ``"per_option"`` (see ``MultiSelect``)."""
    if scoring not in ("single", *SCORINGS) or (scoring == "single" and len(key) != 1):
        raise ValueError(f"{qid}: scoring {scoring!r} with a key of {len(key)} option(s)")
    order = [choices[i] for i in rng.permutation(len(choices))]
    letters = {LETTERS[i]: c.cid for i, c in enumerate(order)}
    options = tuple(Option(LETTERS[i], c.text, c.misconception) for i, c in enumerate(order))
    shown_key = frozenset(x for x, cid in letters.items() if cid in key)
    lines = [stem, ""] + [f"- **{LETTERS[i]})** {c.text}" for i, c in enumerate(order)]
    question: Question
    if scoring == "single":
        question = SingleChoice(qid, next(iter(shown_key)), options)
    else:
        question = MultiSelect(qid, shown_key, options, scoring)
    return Variant("\n".join(lines), question, label, letters)


def key_source(qid: str, variant: Variant) -> str:
    """The solution cell that answers the variant correctly (simulated cohorts, tests)."""
    question = variant.question
    if isinstance(question, Numeric):
        return f"{qid} = {question.value!r}\n"
    if isinstance(question, SingleChoice):
        return f'{qid} = {{"{question.key}"}}\n'
    if isinstance(question, MultiSelect):
        return f"{qid} = {{{', '.join(repr(x) for x in sorted(question.key))}}}\n"
    raise ValueError(f"{qid}: a code task has no key to write")
