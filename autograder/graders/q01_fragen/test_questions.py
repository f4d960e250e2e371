"""q01_fragen's hidden tests: one per question of ``questions.toml`` (keys, scoring rules and
misconceptions, never in the notebook)."""

from pathlib import Path

from autograder.authoring import Quiz

quiz = Quiz.from_toml(Path(__file__).with_name("questions.toml"))
QUESTIONS = list(quiz.questions)
