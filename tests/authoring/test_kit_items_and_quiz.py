"""The kit's parts that a01 and q01 needed: a returned tuple graded item by item (one case per
item, so a mistake costs only its item's share), exact vectors, and a quiz declared as one
table that brings its own tests, catalogue entries and choices."""

from __future__ import annotations

import re
import textwrap
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest

from autograder.authoring import (
    CheckFailure,
    Equivalent,
    MultiSelect,
    Numeric,
    Option,
    Quiz,
    SingleChoice,
    Text,
    WrongValue,
    as_exact_vector,
    one_item,
)
from autograder.authoring.catalogue import DeclaresChoices, DeclaresEntries, declared_choices
from autograder.authoring.quiz import questions_from_toml
from autograder.engine.plugin import GeneratesTests


def _message(compare, actual, expected, what="Rückgabe (a, b, c)") -> str:
    with pytest.raises(CheckFailure) as failure:
        compare(actual, expected, what)
    return failure.value.text.de


def test_one_item_judges_only_its_item() -> None:
    expected = (np.ones(3), 0.5, 2.0)
    one_item(1, "b")((np.zeros(3), 0.5, -1.0), expected, "Rückgabe (a, b, c)")  # a, c wrong
    assert _message(one_item(2, "c"), (np.ones(3), 0.5, -1.0), expected).startswith("c")
    assert "Rückgabe (a, b, c)" in _message(one_item(0, "a"), (np.ones(3), 0.5), expected)


def test_as_exact_vector_keeps_fractions_exact() -> None:
    assert as_exact_vector([Fraction(1, 3), 2], "λ", 2) == [Fraction(1, 3), Fraction(2)]
    with pytest.raises(CheckFailure):
        as_exact_vector([1.0, float("nan")], "λ", 2)


SINGLE = SingleChoice(
    "antwort_1",
    "b",
    (Option("a", misconception=Text("A-Irrtum", "a-error")), Option("b")),
    (Equivalent("upper", '{"B"}', Text("Großbuchstabe", "upper case")),),
)
NUMBER = Numeric(
    "antwort_2",
    0.5,
    abs_tol=1e-3,
    wrong=(WrongValue("double", 1.0, Text("doppelt", "twice")),),
)
MULTI = MultiSelect("antwort_3", frozenset({"a"}), (Option("a"), Option("b"), Option("c")))


def test_a_quiz_is_found_by_the_engine_like_a_task() -> None:
    quiz = Quiz([SINGLE, NUMBER, MULTI])
    assert isinstance(quiz, GeneratesTests | DeclaresEntries | DeclaresChoices)
    tests = quiz.generated_tests()
    assert list(tests) == ["test_antwort_1", "test_antwort_2", "test_antwort_3"]
    assert [(t.task_id, t.weight) for t in tests.values()][2] == ("antwort_3", 1.0)
    entries = quiz.catalogue_entries(None, Path("."))
    assert [(e.task_id, e.key, e.kind) for e in entries] == [
        ("antwort_1", "option_a", "mistake"),
        ("antwort_1", "upper", "variant"),
        ("antwort_2", "double", "mistake"),
    ]
    assert entries[1].source == 'antwort_1 = {"B"}\n'
    assert quiz.choices() == {"antwort_1": ("a", "b"), "antwort_3": ("a", "b", "c")}


# the example in questions_from_toml's docstring (the documented format must be true)
EXAMPLE = textwrap.dedent(questions_from_toml.__doc__.split("::\n")[1])
MISCONCEPTION = Text(
    "Die Eingänge selbst statt ihrer gewichteten Summe entscheiden",
    "the inputs themselves decide instead of their weighted sum",
)
LOG10 = Text(
    "log₁₀ statt natürlichem Logarithmus in der Kostenfunktion",
    "log₁₀ instead of the natural log in the loss",
)


def test_a_quiz_reads_its_questions_from_a_data_file(tmp_path: Path) -> None:
    (tmp_path / "questions.toml").write_text(EXAMPLE, encoding="utf-8")
    assert Quiz.from_toml(tmp_path / "questions.toml").questions == [
        SingleChoice(
            "antwort_1",
            "c",
            (Option("a", misconception=MISCONCEPTION), Option("b"), Option("c")),
            (
                Equivalent(
                    "set_call", 'set("c")', Text("Menge mit set(...)", "set built with set(...)")
                ),
                Equivalent("upper", '{"C"}', Text("Großbuchstabe", "upper case")),
            ),
        ),
        MultiSelect(
            "antwort_3", frozenset("ac"), (Option("a"), Option("b"), Option("c")), "per_option"
        ),
        Numeric(
            "antwort_6",
            1.4250805831863982,
            5e-4,
            wrong=(WrongValue("log10", 0.6189046335453208, LOG10),),
        ),
    ]


@pytest.mark.parametrize(
    ("edit", "complaint"),
    [
        (('options = "abc"\n', 'options = "abc"\nabs_tol = 1.0\n'), "unknown field(s) ['abs_tol']"),
        (('single = "c"\n', ""), "exactly one of"),
        (("set_call = [", "list = ["), "no name in [notations]"),
        (("misconception.a.en", "misconception.e.en"), "no option"),
        (('wrong.log10.en = "', 'wrong.log10.english = "'), "an English `en` text"),
    ],
)
def test_a_quiz_data_file_names_what_is_wrong(edit: tuple[str, str], complaint: str) -> None:
    assert edit[0] in EXAMPLE
    with pytest.raises(ValueError, match=re.escape(complaint)):
        questions_from_toml(EXAMPLE.replace(*edit, 1))


def test_declared_choices_are_read_from_the_grader_files(tmp_path: Path) -> None:
    (tmp_path / "test_questions.py").write_text(
        "from autograder.authoring import Option, Quiz, SingleChoice\n"
        'quiz = Quiz([SingleChoice("antwort_9", "a", (Option("a"), Option("b")))])\n'
    )
    (tmp_path / "test_other.py").write_text("from autograder.authoring import Quiz\n")
    assert declared_choices(tmp_path) == {"antwort_9": ("a", "b")}
