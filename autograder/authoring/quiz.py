"""A quiz declared in one grader file: one table of questions, one hidden test per question.

``autograder/graders/<aid>/test_questions.py`` reads the keys (never in the notebook) from the
data file next to it (``questions.toml``, see ``quiz_data``)::

    from autograder.authoring import Quiz

    quiz = Quiz.from_toml(Path(__file__).with_name("questions.toml"))

or declares them in Python: ``quiz = Quiz([SingleChoice("antwort_1", "c", (Option("a",
misconception=…), Option("b"), Option("c")))])``.

The grading plugin collects the questions' tests (``test_<id>``, marked with the task
``<id>``); the catalogue checks get each misconception as a mistake and each equivalent
notation as a variant, and the item analysis the options of every choice question.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from autograder.authoring.catalogue import Entry
from autograder.authoring.questions import Question, choice_letters, question_entries, question_test
from autograder.authoring.quiz_data import questions_from_toml


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
        """The quiz a ``questions.toml`` declares (``autograder.authoring.quiz_data``)."""
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
