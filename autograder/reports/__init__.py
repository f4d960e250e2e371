"""Step 5 of the data path: results → files (JSON, Gradescope JSON, CSV) and the console table."""
