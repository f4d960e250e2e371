"""nbgrader's own `autograde` (formgrader's button) grades through the sandbox: same scores as
`autograder grade`, and the hostile submission gets nothing on either path."""

import json
import os
import shutil
import subprocess
import sys

import nbformat
import pytest
from nbgrader.api import Gradebook

from autograder.config import load_config
from autograder.course import find_course
from autograder.demo import build_course
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.nbgrader.gradebook import nbgrader_settings
from autograder.nbgrader.run import nbgrader_env
from tests.conftest import A01, REPO

EXAMPLES = REPO / "examples" / A01
STUDENTS = ("perfect", "partly_wrong", "hostile", "stub")


def nbgrader(*args, cwd):
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run


@pytest.mark.slow
def test_nbgrader_autograde_uses_the_sandboxed_engine(tmp_path):
    course = build_course(tmp_path / "course")
    nbgrader("generate_assignment", A01, "--force", cwd=course)
    for student in STUDENTS:
        target = course / "submitted" / student / A01
        target.mkdir(parents=True)
        shutil.copy(EXAMPLES / f"{student}.ipynb", target / f"{A01}.ipynb")
    nbgrader("autograde", A01, "--force", cwd=course)

    assignment = find_course(course).assignment(A01)
    ours = AssignmentGrader(assignment, GradeOptions(load_config(course)))
    os.environ["PATH"] = nbgrader_env()["PATH"]
    db_url, course_id = nbgrader_settings(course)
    with Gradebook(db_url, course_id) as gb:
        for student in STUDENTS:
            direct = ours.grade_file(EXAMPLES / f"{student}.ipynb", student)
            for task in direct.tasks:
                if task.kind != "auto":
                    continue
                grade = gb.find_grade(f"test_{task.task_id}", A01, A01, student)
                assert grade.auto_score == pytest.approx(task.score, abs=1e-3), (
                    student,
                    task.task_id,
                )
        assert gb.find_submission(A01, "perfect").score == 18
        # every attack (always-equal object, monkeypatched allclose, fake "passed" + os._exit,
        # importing the graders, memory bomb, network) scores 0 through nbgrader too
        assert gb.find_submission(A01, "hostile").score == 0
        assert gb.find_submission(A01, "partly_wrong").score == pytest.approx(12.8333, abs=1e-3)
    autograded = (course / "autograded" / "partly_wrong" / A01 / f"{A01}.ipynb").read_text()
    assert "log₁₀ statt natürlichem Logarithmus" in autograded  # our feedback in the test cell


WARNS_ON_STDERR = """import sys, warnings
sys.stderr.write("hier schreibe ich etwas auf stderr\\n")
warnings.warn("eine harmlose Warnung")
"""


@pytest.mark.slow
def test_both_paths_agree_on_the_whole_hostile_corpus(tmp_path, release_notebook, model_sources):
    """Formgrader's path and `autograder grade` on every hostile submission of the corpus, plus a
    correct one that writes to stderr (stock nbgrader gives that one zero): identical scores."""
    from autograder.notebook.compose import fill_solutions, write_notebook
    from tests.hostile.corpus import load_corpus

    course = build_course(tmp_path / "course")
    (course / "grading.toml").write_text(  # a fixed term (reproducible), short clocks for hangs
        '[grading]\nsecret_seed = "corpus-parity-term"\n\n'
        "[limits]\ncall_seconds = 2\nsubmission_seconds = 60\n"
    )
    nbgrader("generate_assignment", A01, "--force", cwd=course)
    cases = {case.key: {case.task: case.source} for case in load_corpus()}
    cases["warns_on_stderr"] = {"neuron": WARNS_ON_STDERR + model_sources["neuron"]}
    for student, sources in cases.items():
        notebook = fill_solutions(release_notebook, {**model_sources, **sources})
        write_notebook(notebook, course / "submitted" / student / A01 / f"{A01}.ipynb")
    nbgrader("autograde", A01, "--force", cwd=course)
    run = subprocess.run(
        [
            *(sys.executable, "-m", "autograder", "grade", A01, str(course / "submitted")),
            *("--course", str(course), "--out", str(tmp_path / "out"), "-q"),
        ],
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stderr
    results = {
        s["student_id"]: s
        for s in json.loads((tmp_path / "out" / "results.json").read_text())["submissions"]
    }
    assert set(results) == set(cases)
    os.environ["PATH"] = nbgrader_env()["PATH"]
    db_url, course_id = nbgrader_settings(course)
    differ = []
    with Gradebook(db_url, course_id) as gb:
        for student, result in results.items():
            for task in result["tasks"]:
                if task["kind"] != "auto":
                    continue
                grade = gb.find_grade(f"test_{task['task_id']}", A01, A01, student)
                if grade.auto_score != pytest.approx(task["score"], abs=1e-3):
                    differ.append((student, task["task_id"], grade.auto_score, task["score"]))
        for case in load_corpus():
            if case.forbid:  # its verdict needs a numpy-only task, which a01's settings lack
                continue
            grade = gb.find_grade(f"test_{case.task}", A01, A01, case.key)
            assert grade.auto_score == 0, (case.key, grade.auto_score)
        assert gb.find_submission(A01, "warns_on_stderr").score == 18
    assert not differ, differ


@pytest.mark.slow
def test_formgraders_autograde_button_grades_through_the_sandbox(tmp_path, monkeypatch):
    """What formgrader's button calls, in-process as in the server: NbGraderAPI.autograde."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    course = build_course(tmp_path / "course")
    nbgrader("generate_assignment", A01, "--force", cwd=course)
    for student in ("partly_wrong", "hostile"):
        target = course / "submitted" / student / A01
        target.mkdir(parents=True)
        shutil.copy(EXAMPLES / f"{student}.ipynb", target / f"{A01}.ipynb")
    monkeypatch.chdir(course)  # formgrader's server runs in the course folder
    monkeypatch.setenv("PATH", nbgrader_env()["PATH"])
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    api = NbGraderAPI(coursedir=CourseDirectory(config=config, root=str(course)), config=config)
    for student in ("partly_wrong", "hostile"):
        outcome = api.autograde(A01, student, force=True, create=True)
        assert outcome["success"], outcome.get("log", "")[-3000:]
    db_url, course_id = nbgrader_settings(course)
    with Gradebook(db_url, course_id) as gb:
        # 12.83 is our partial credit (stock nbgrader's all-or-nothing cells give 10)
        assert gb.find_submission(A01, "partly_wrong").score == pytest.approx(12.8333, abs=1e-3)
        assert gb.find_submission(A01, "hostile").score == 0


@pytest.mark.slow
def test_repaired_notebooks_score_the_same_through_nbgrader(
    tmp_path, release_notebook, model_sources
):
    """Issue 22 on formgrader's path: nbgrader keeps the last of several copies (its
    DeduplicateIds), and a notebook without nbgrader metadata gets its grade cells back from our
    result, so both paths record the same scores."""
    from autograder.notebook.compose import fill_solutions, write_notebook

    course = build_course(tmp_path / "course")
    nbgrader("generate_assignment", A01, "--force", cwd=course)
    solved = fill_solutions(release_notebook, model_sources)
    stripped = fill_solutions(release_notebook, model_sources)
    for cell in stripped.cells:
        cell.metadata = {}
    copied = fill_solutions(release_notebook, model_sources)
    [neuron] = [
        c for c in copied.cells if c.metadata.get("nbgrader", {}).get("grade_id") == "neuron"
    ]
    wrong = nbformat.from_dict(json.loads(json.dumps(neuron)))
    wrong.source = "def neuron(w, X, activation='step'):\n    return 0 * X[:, 0]\n"
    wrong.id = "wrong-copy"
    copied.cells.insert(copied.cells.index(neuron), wrong)  # wrong first: the last one counts
    students = {"solved": solved, "stripped": stripped, "copied": copied}
    for student, notebook in students.items():
        write_notebook(notebook, course / "submitted" / student / A01 / f"{A01}.ipynb")
    nbgrader("autograde", A01, "--force", cwd=course)

    ours = AssignmentGrader(find_course(course).assignment(A01), GradeOptions(load_config(course)))
    os.environ["PATH"] = nbgrader_env()["PATH"]
    db_url, course_id = nbgrader_settings(course)
    with Gradebook(db_url, course_id) as gb:
        for student in students:
            direct = ours.grade_file(course / "submitted" / student / A01 / f"{A01}.ipynb", student)
            assert direct.score == 18, student
            assert gb.find_submission(A01, student).score == 18, student
        manual = gb.find_grade("vorabfrage_xor", A01, A01, "stripped")
        assert manual.needs_manual_grade
