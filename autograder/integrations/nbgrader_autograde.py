"""Kept for existing courses' ``nbgrader_config.py``: the preprocessors live in ``autograder.nbgrader.autograde``."""

from autograder.nbgrader.autograde import DeduplicateIdsCleanly, SandboxedAutograde

__all__ = ["DeduplicateIdsCleanly", "SandboxedAutograde"]
