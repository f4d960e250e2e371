"""Kept for existing courses' ``nbgrader_config.py``: the template lives in ``autograder.nbgrader.formgrader``."""

from autograder.nbgrader.formgrader import TEMPLATE

__all__ = ["TEMPLATE"]
