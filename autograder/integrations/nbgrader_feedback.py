"""Kept for existing courses' ``nbgrader_config.py``: the exporter lives in ``autograder.nbgrader.feedback``."""

from autograder.nbgrader.feedback import RefuseGenerateFeedback

__all__ = ["RefuseGenerateFeedback"]
