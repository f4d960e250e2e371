"""Gradescope's results.json: its spec's fields and values, configured per assignment and task."""

import json

import pytest

from autograder import cli
from autograder.course import find_course
from autograder.engine.settings import SettingsError, load_settings
from autograder.reports.files import write_all
from autograder.reports.gradescope import (
    OUTPUT_FORMATS,
    VISIBILITIES,
    GradescopeSettings,
    TestDisplay,
    gradescope_result,
    load_gradescope_settings,
)
from autograder.results.model import (
    BatchResult,
    Diagnosis,
    SubmissionResult,
    TaskResult,
)
from tests.conftest import A01, REPO

TASKS = ("neuron", "bce_sgd_step")
FEEDBACK = "Ihr Ergebnis entspricht dem typischen Fehler „log₁₀“.\n\n`loss`: 1 von 1 Werten <b>weicht ab</b>."


def submission() -> SubmissionResult:
    tasks = [
        TaskResult("neuron", "auto", 2.0, 2.0, "passed", "Alle Prüfungen bestanden."),
        TaskResult("frei", "manual", 0.0, 2.0, "manual", ""),
        TaskResult(
            "bce_sgd_step",
            "auto",
            1.5,
            2.0,
            "partial",
            FEEDBACK,
            diagnosis=Diagnosis("log10", "log₁₀ statt ln"),
        ),
    ]
    return SubmissionResult("alice", "alice.ipynb", "graded", 3.5, 4.0, tasks, notes=["Zelle 3"])


def write_toml(folder, text):
    (folder / "assignment.toml").write_text(text)
    return folder


def test_default_output_keeps_gradescopes_defaults_and_fills_every_spec_field():
    data = gradescope_result(submission())
    assert data["score"] == 3.5 and data["visibility"] == "visible"
    assert data["stdout_visibility"] == "hidden" and data["output_format"] == "text"
    assert data["output"] == "Zelle 3"  # cell-level notes reach the student
    assert data["extra_data"] == {
        "student_id": "alice",
        "status": "graded",
        "sandbox": "bubblewrap",
    }
    neuron, bce = data["tests"]  # the manual task is not a Gradescope test
    assert (neuron["name"], neuron["number"], neuron["status"]) == ("neuron", "1", "passed")
    assert (bce["name"], bce["number"], bce["status"]) == ("bce_sgd_step", "3", "failed")
    assert bce["score"] == 1.5 and bce["max_score"] == 2.0 and bce["output"] == FEEDBACK
    assert bce["extra_data"] == {"status": "partial", "diagnosis": "log10", "needs_review": False}
    for test in data["tests"]:
        assert test["visibility"] in VISIBILITIES and test["output_format"] in OUTPUT_FORMATS


def test_assignment_toml_sets_defaults_and_per_task_overrides(tmp_path):
    folder = write_toml(
        tmp_path,
        '[gradescope]\nvisibility = "after_published"\noutput_format = "md"\n'
        'stdout_visibility = "after_due_date"\n\n'
        '[gradescope.tasks.neuron]\nvisibility = "visible"\noutput_format = "html"\n',
    )
    settings = load_gradescope_settings(folder, TASKS)
    assert settings.display("neuron") == TestDisplay("visible", "html")
    assert settings.display("bce_sgd_step") == TestDisplay("after_published", "md")
    data = gradescope_result(submission(), settings)
    assert data["visibility"] == "after_published" and data["stdout_visibility"] == "after_due_date"
    neuron, bce = data["tests"]
    assert (neuron["visibility"], neuron["output_format"]) == ("visible", "html")
    assert (bce["visibility"], bce["output_format"]) == ("after_published", "md")
    assert bce["output"] == FEEDBACK  # Markdown as written: the code span renders on Gradescope
    load_settings(folder, TASKS)  # the sandbox settings accept the section


def test_html_output_escapes_student_text_and_renders_code_spans():
    settings = GradescopeSettings(output_format="html")
    [_, bce] = gradescope_result(submission(), settings)["tests"]
    assert bce["output"] == (
        "<p>Ihr Ergebnis entspricht dem typischen Fehler „log₁₀“.</p>"
        "<p><code>loss</code>: 1 von 1 Werten &lt;b&gt;weicht ab&lt;/b&gt;.</p>"
    )


@pytest.mark.parametrize(
    "text, phrase",
    [
        ('[gradescope]\nvisibility = "after_publish"\n', "visibility = 'after_publish' is not"),
        ('[gradescope]\noutput_format = "markdown"\n', "output_format = 'markdown' is not"),
        ("[gradescope]\nhidden = true\n", "unknown key 'hidden'"),
        ('[gradescope.tasks.nope]\nvisibility = "hidden"\n', "not an auto-graded task"),
        ('[gradescope.tasks.neuron]\nstdout_visibility = "hidden"\n', "unknown key"),
        ("[gradescope]\ntasks = 3\n", "must be a table"),
    ],
)
def test_invalid_gradescope_settings_are_refused_with_the_reason(tmp_path, text, phrase):
    with pytest.raises(SettingsError, match=phrase):
        load_gradescope_settings(write_toml(tmp_path, text), TASKS)


def test_write_all_writes_the_configured_gradescope_files(tmp_path):
    batch = BatchResult(A01, "de", "2026-01-01T00:00:00Z", "fp", [submission()])
    write_all(batch, tmp_path, GradescopeSettings(visibility="after_due_date"))
    data = json.loads((tmp_path / "gradescope" / "alice.json").read_text())
    assert {t["visibility"] for t in data["tests"]} == {"after_due_date"}


def test_the_course_assignments_have_valid_gradescope_settings():
    course = find_course(REPO)
    for aid in course.assignment_ids():
        assignment = course.assignment(aid)
        load_gradescope_settings(assignment.graders_dir, assignment.spec().task_ids)


def test_grade_refuses_an_invalid_gradescope_section_before_grading(tmp_path, monkeypatch, capsys):
    graders = tmp_path / "graders"
    (graders / A01).mkdir(parents=True)
    write_toml(graders / A01, "[gradescope]\nvisibility = 1\n")
    monkeypatch.setattr("autograder.course.GRADERS_DIR", graders)
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", "x")
    code = cli.main(["grade", A01, "x.ipynb", "--out", str(tmp_path / "o"), "--course", str(REPO)])
    assert code == cli.USAGE_ERROR
    message = " ".join(capsys.readouterr().err.split())  # the console wraps long lines
    assert "[gradescope]: visibility = 1 is not one of Gradescope's values" in message


def test_the_documented_example_is_valid(tmp_path):
    doc = (REPO / "docs" / "results-schema.md").read_text()
    example = doc.split("```toml\n", 1)[1].split("```", 1)[0]
    settings = load_gradescope_settings(write_toml(tmp_path, example), TASKS)
    assert settings.display("neuron") == TestDisplay("visible", "html")
    assert settings.display("bce_sgd_step") == TestDisplay("after_published", "md")
