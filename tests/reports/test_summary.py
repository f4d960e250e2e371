"""The table `autograder grade` prints is for instructors: one language, like its columns."""

from rich.console import Console

from autograder.reports.summary import print_summary
from autograder.results.model import BatchResult, SubmissionResult, TaskResult


def test_the_grade_table_has_no_german_heading_over_english_columns():
    task = TaskResult("neuron", "auto", 2.0, 2.0, "passed", "Alle Prüfungen bestanden.")
    result = SubmissionResult("alice", "alice.ipynb", "graded", 2.0, 2.0, [task])
    console = Console(record=True, width=120)
    print_summary(BatchResult("a01_perceptron_xor", "de", "now", "fp", [result]), console)
    shown = console.export_text()
    assert "a01_perceptron_xor: 1 submission(s)" in shown and "student" in shown
    assert "Abgabe" not in shown
