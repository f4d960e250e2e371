# course/ is a test-only course whose graders run inside grading sessions, not in this suite.
collect_ignore = ["course"]
