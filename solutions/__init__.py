"""Reference implementations of the assignments (trusted grader process only)."""
