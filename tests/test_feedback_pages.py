"""Feedback pages: what a student gets to read, and nothing they must not."""

import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from autograder.reports.feedback import feedback_name, render_feedback
from autograder.results.model import Diagnosis, SubmissionResult, TaskResult, TestOutcome

TITLE = "Übung 1: Das Perzeptron und das XOR-Problem"
NAMED = "Ihr Ergebnis entspricht dem typischen Fehler „Stufenfunktion mit z > 0 statt z ≥ 0“."


def _result(feedback: str, status: str = "graded") -> SubmissionResult:
    task = TaskResult(
        "neuron",
        "auto",
        1.3333,
        2.0,
        "partial",
        feedback,
        Diagnosis("step_strict", "Stufenfunktion mit z > 0 statt z ≥ 0"),
        [TestOutcome("test_neuron.py::test_step_with_exact_zeros", 2.0, False, "hidden detail")],
        label="Aufgabe 1 – `neuron`",
    )
    manual = TaskResult(
        "vorabfrage_xor", "manual", 0.0, 2.0, "manual", "Wird manuell bewertet.", label="Aufgabe 8"
    )
    return SubmissionResult("alice", "alice.ipynb", status, 1.3333, 18.0, [task, manual])


def _quiz(feedback: str) -> SubmissionResult:
    question = TaskResult("antwort_1", "auto", 1.0, 1.0, "passed", feedback, question=True)
    question.label = "Frage 1"
    return SubmissionResult("bob", "bob.ipynb", "graded", 1.0, 1.0, [question])


class _Text(HTMLParser):
    """What a browser shows: the text of the body, and the text of every element by tag."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.parts: list[str] = []
        self.by_tag: dict[str, list[str]] = {}

    def handle_starttag(self, tag, attrs):
        self.stack.append(tag)
        self.by_tag.setdefault(tag, []).append("")

    def handle_endtag(self, tag):
        if self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_data(self, data):
        if "style" in self.stack or "title" in self.stack or "svg" in self.stack:
            return
        self.parts.append(data)
        for tag in set(self.stack):
            self.by_tag[tag][-1] += data

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.parts))


def _visible(html: str) -> _Text:
    parser = _Text()
    parser.feed(html)
    return parser


def test_page_shows_points_message_and_named_mistake_in_german():
    html = render_feedback(
        _result(NAMED + " ŷ (Stufe): 5 von 40 Werten weichen ab."), "a01_perceptron_xor", "de"
    )
    text = _visible(html).text
    assert "Rückmeldung" in text and "1.33 / 2" in text and "5 von 40 Werten" in text
    assert (
        'class="mistake">Ihr Ergebnis entspricht dem typischen Fehler „Stufenfunktion mit z &gt; 0'
        in html
    )
    assert text.count("Stufenfunktion mit z > 0") == 1  # named once, not in a banner and again
    assert "test_step_with_exact_zeros" not in html and "hidden detail" not in html


def test_a_diagnosis_the_message_does_not_name_still_shows_once():
    text = _visible(render_feedback(_result("ŷ (Stufe): 5 von 40."), "a01", "de")).text
    assert text.count(NAMED) == 1


def test_title_and_rows_come_from_the_notebook_and_code_is_rendered():
    html = render_feedback(
        _result(NAMED + " `neuron(np.array([1.0]))` löste ValueError aus."),
        "a01_perceptron_xor",
        "de",
        title=TITLE,
    )
    page = _visible(html)
    assert page.by_tag["h1"] == [f"Rückmeldung zu {TITLE}"]
    assert "a01_perceptron_xor" not in page.text
    rows = [cell.strip() for cell in page.by_tag["td"][::3]]
    assert rows == ["Aufgabe 1 – neuron", "Aufgabe 8"]
    assert "`" not in page.text  # markdown code spans are code, not backticks
    assert "neuron(np.array([1.0]))" in page.by_tag["code"]


def test_student_controlled_text_is_escaped_also_inside_code():
    html = render_feedback(
        _result("`neuron` löste ValueError aus: <script>alert(1)</script> `<b>x</b>`"), "a01", "en"
    )
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<code>&lt;b&gt;x&lt;/b&gt;</code>" in html and "<b>" not in html
    assert "Feedback" in html


def test_an_unusable_notebook_says_so_once_and_nothing_is_graded_manually():
    result = _result("Nicht bewertet: Ihre Abgabe konnte nicht verwendet werden.", "error")
    result.error = "Die Datei ist kein gültiges Notebook (JSON-Fehler in Zeile 3)."
    text = _visible(render_feedback(result, "a01", "de")).text
    assert text.count("kein gültiges Notebook") == 1
    assert "manuell bewertet" not in text and "Ihre Abgabe wurde nicht bewertet" in text
    assert "Nicht bewertet: Ihre Abgabe" not in text  # the reason stands above, once


def test_the_footer_speaks_of_hidden_tests_only_where_there_are_any():
    code = _visible(render_feedback(_result("x"), "a01", "de")).text
    quiz = _visible(render_feedback(_quiz("Richtig."), "q01_fragen", "de")).text
    assert "verdeckten Tests auf zufälligen Eingaben" in code and "Lösungsschlüssel" not in code
    assert "Lösungsschlüssel" in quiz and "verdeckt" not in quiz and "zufällig" not in quiz
    english = _visible(render_feedback(_quiz("Correct."), "q01_fragen", "en")).text
    assert "answer key" in english and "random" not in english


def test_file_names_are_safe():
    assert "/" not in feedback_name("../../etc/passwd") and feedback_name("a").endswith(".html")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="needs chromium")
def test_the_browser_shows_title_labels_and_code_without_backticks(tmp_path):
    """What a student sees in a real browser: the notebook's title, labelled rows, code spans
    rendered as code, each message once and no sentence ending in a dangling colon."""
    page = tmp_path / "page.html"
    page.write_text(
        render_feedback(
            _result(NAMED + " Zum Nachvollziehen in Ihrem Notebook: `neuron(np.array([0.0]))`."),
            "a01_perceptron_xor",
            "de",
            title=TITLE,
        )
    )
    dom = subprocess.run(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    ).stdout
    shown = _visible(dom)
    assert shown.by_tag["h1"] == [f"Rückmeldung zu {TITLE}"]
    assert "Aufgabe 1 – neuron" in shown.text and "`" not in shown.text
    assert "neuron(np.array([0.0]))" in shown.by_tag["code"]
    assert shown.text.count("Stufenfunktion mit z > 0") == 1
    assert not re.search(r"::|: :|auf:\s*$", shown.text)
