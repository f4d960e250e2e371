"""The table `autograder grade` prints is for instructors: one language, like its columns."""

from rich.console import Console

from autograder.reports.summary import print_summary
from autograder.results.model import BatchResult, SubmissionResult, TaskResult


def printed(result: SubmissionResult) -> str:
    console = Console(record=True, width=120)
    print_summary(BatchResult("a01_perceptron_xor", "de", "now", "fp", [result]), console)
    return console.export_text()


def test_the_grade_table_has_no_german_heading_over_english_columns():
    task = TaskResult("neuron", "auto", 2.0, 2.0, "passed", "Alle Prüfungen bestanden.")
    shown = printed(SubmissionResult("alice", "alice.ipynb", "graded", 2.0, 2.0, [task]))
    assert "a01_perceptron_xor: 1 submission(s)" in shown and "student" in shown
    assert "Abgabe" not in shown


def test_a_student_id_that_looks_like_markup_is_printed_as_it_is():
    task = TaskResult("neuron", "auto", 1.0, 2.0, "partial", "Eine Prüfung fehlgeschlagen.")
    shown = printed(SubmissionResult("[bold]eve[/]", "eve.ipynb", "graded", 1.0, 2.0, [task]))
    assert "[bold]eve[/]" in shown and "1/2" in shown
