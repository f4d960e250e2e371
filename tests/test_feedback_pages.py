"""Feedback pages: what a student gets to read, and nothing they must not."""

from autograder.reports.feedback import feedback_name, render_feedback
from autograder.results.model import Diagnosis, SubmissionResult, TaskResult, TestOutcome


def _result(feedback: str) -> SubmissionResult:
    task = TaskResult(
        "neuron",
        "auto",
        1.3333,
        2.0,
        "partial",
        feedback,
        Diagnosis("step_strict", "Stufenfunktion mit z > 0 statt z ≥ 0"),
        [TestOutcome("test_neuron.py::test_step_with_exact_zeros", 2.0, False, "hidden detail")],
    )
    manual = TaskResult("vorabfrage_xor", "manual", 0.0, 2.0, "manual", "Wird manuell bewertet.")
    return SubmissionResult("alice", "alice.ipynb", "graded", 1.3333, 18.0, [task, manual])


def test_page_shows_points_message_and_named_mistake_in_german():
    html = render_feedback(
        _result("ŷ (Stufe): 5 von 40 Werten weichen ab."), "a01_perceptron_xor", "de"
    )
    assert (
        "Rückmeldung" in html
        and "Typischer Fehler: Stufenfunktion mit z &gt; 0 statt z ≥ 0" in html
    )
    assert "1.33 / 2" in html and "5 von 40 Werten" in html and "manuell" in html
    assert "test_step_with_exact_zeros" not in html and "hidden detail" not in html


def test_student_controlled_text_is_escaped():
    html = render_feedback(
        _result("`neuron` löste ValueError aus: <script>alert(1)</script>"), "a01", "en"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "Feedback" in html


def test_file_names_are_safe():
    assert "/" not in feedback_name("../../etc/passwd") and feedback_name("a").endswith(".html")
