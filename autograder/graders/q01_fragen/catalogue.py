"""Mistakes (each distractor with its misconception) and equivalent correct notations."""

from autograder.graders.q01_fragen.questions import QUESTIONS
from autograder.grading.catalogue import Catalogue
from autograder.grading.quiz import register_questions

catalogue = Catalogue()
register_questions(catalogue, QUESTIONS)
