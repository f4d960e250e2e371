"""Sandboxed, mutation-checked autograder for a deep-learning course built on nbgrader."""

__version__ = "0.1.0"
