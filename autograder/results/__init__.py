"""Step 4 of the data path: scores, feedback and diagnoses as plain dataclasses."""
