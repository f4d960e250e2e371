"""``autograder audit``: mutation analysis of the graders (docs/audit.md)."""
