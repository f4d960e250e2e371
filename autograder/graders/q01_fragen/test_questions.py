"""Hidden graders of q01_fragen: one test per question, built from ``questions.py``."""

from autograder.graders.q01_fragen.questions import QUESTIONS
from autograder.grading.quiz import question_tests

globals().update(question_tests(QUESTIONS))
