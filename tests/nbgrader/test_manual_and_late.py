"""Free text, manual scores and late penalties in the gradebook, as nbgrader and formgrader do it:

* an unchanged free-text cell scores 0 and needs no manual grade; an answered one waits
  (nbgrader's own autograde decides the same);
* `autograder manual-score` closes the cell the way formgrader's grade field does;
* the late penalty applies to the final total, whichever came first: grading or manual scores.
"""

import json
import subprocess
import sys
import warnings
from datetime import datetime

import pytest
from nbgrader.api import Gradebook
from sqlalchemy.exc import SAWarning

from autograder.config import load_config
from autograder.course import find_course
from autograder.demo import build_course
from autograder.engine.batch import grade_batch
from autograder.engine.runner import GradeOptions
from autograder.nbgrader.export import final_rows
from autograder.nbgrader.gradebook import nbgrader_settings, register_assignment, write_gradebook
from autograder.nbgrader.run import nbgrader_env
from autograder.notebook.discover import discover
from autograder.reports.feedback import render_feedback
from tests.conftest import A01, REPO

PERFECT = REPO / "examples" / A01 / "perfect.ipynb"
FREE_TEXT = "vorabfrage_xor"
ANSWER = "XOR ist nicht linear trennbar: ein Neuron zieht nur eine Gerade."
DUE = datetime(2026, 1, 1, 12, 0)
LATE = "2026-01-02 09:00:00.000000 UTC"
# student → (answers the free text, submitted late)
STUDENTS = {
    "ontime": (True, False),
    "untouched": (False, False),
    "late_cli": (True, True),  # graded, then a manual score with `autograder manual-score`
    "late_ui": (True, True),  # graded, then a manual score written as formgrader's old snippet did
    "late_first": (True, True),  # a manual score first, then (re)graded
}


def notebook_text(answered: bool) -> str:
    notebook = json.loads(PERFECT.read_text())
    for cell in notebook["cells"]:
        if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == FREE_TEXT:
            cell["source"] = ANSWER if answered else cell["source"]
    return json.dumps(notebook)


def submit(course, student: str, answered: bool, late: bool) -> None:
    folder = course / "submitted" / student / A01
    folder.mkdir(parents=True)
    (folder / f"{A01}.ipynb").write_text(notebook_text(answered))
    if late:
        (folder / "timestamp.txt").write_text(LATE)


def gradebook(course) -> Gradebook:
    return Gradebook(*nbgrader_settings(course))


def grade_into_gradebook(course, students):
    assignment = find_course(course).assignment(A01)
    found = [f for f in discover([course / "submitted"], A01) if f.student_id in students]
    batch = grade_batch(assignment, found, GradeOptions(load_config(course)), lambda *_: None)
    write_gradebook(batch, assignment)
    return {r.student_id: r for r in batch.submissions}


@pytest.fixture(scope="module")
def course(tmp_path_factory, monkeypatch_module):
    course = build_course(tmp_path_factory.mktemp("late") / "course")
    with (course / "nbgrader_config.py").open("a") as config:
        config.write('\nc.LateSubmissionPlugin.penalty_method = "zero"\n')
    monkeypatch_module.setenv("PATH", nbgrader_env()["PATH"])
    register_assignment(find_course(course).assignment(A01))
    with gradebook(course) as gb:
        gb.update_or_create_assignment(A01, duedate=DUE)
        gb.update_or_create_student("late_first")
        with warnings.catch_warnings():  # nbgrader's add_submission trips SQLAlchemy's autoflush
            warnings.simplefilter("ignore", SAWarning)
            gb.add_submission(A01, "late_first")
        gb.find_grade(FREE_TEXT, A01, A01, "late_first").manual_score = 1.5  # before grading
        gb.db.commit()
    for student, (answered, late) in STUDENTS.items():
        submit(course, student, answered, late)
    course_results = grade_into_gradebook(course, set(STUDENTS))
    return course, course_results


@pytest.fixture(scope="module")
def monkeypatch_module():
    with pytest.MonkeyPatch.context() as patch:
        yield patch


def manual_score(course, *args):
    return subprocess.run(
        [sys.executable, "-m", "autograder", "manual-score", A01, *args, "--course", str(course)],
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=300,
    )


@pytest.mark.slow
def test_free_text_follows_nbgraders_rule_on_both_paths(course):
    course, results = course
    for student in ("nb_answered", "nb_untouched"):  # the same notebooks through nbgrader
        submit(course, student, student == "nb_answered", late=False)
    autograde = subprocess.run(  # skips the students `grade --gradebook` already did
        [sys.executable, "-m", "nbgrader", "autograde", A01],
        cwd=course,
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=600,
    )
    assert autograde.returncode == 0, autograde.stderr[-3000:]
    assert "Skipping existing assignment" in autograde.stdout + autograde.stderr
    with gradebook(course) as gb:

        def state(student):
            grade = gb.find_grade(FREE_TEXT, A01, A01, student)
            return grade.auto_score, grade.needs_manual_grade

        assert state("untouched") == state("nb_untouched") == (0.0, False)
        assert state("ontime") == state("nb_answered") == (None, True)
    rows = {row.student_id: row for row in final_rows(find_course(course).assignment(A01))}
    untouched = render_feedback(results["untouched"], A01, "de", rows["untouched"])
    assert "0 / 2" in untouched and "unverändert" in untouched
    assert "Manuell bewertet" not in untouched and "noch manuell" not in untouched
    assert rows["untouched"].total == 18.0 and rows["untouched"].cells[FREE_TEXT] == 0.0
    ontime = render_feedback(results["ontime"], A01, "de", rows["ontime"])
    assert "– / 2" in ontime and "noch manuell bewertet" in ontime


@pytest.mark.slow
def test_manual_score_closes_the_cell_and_the_penalty_takes_the_final_total(course):
    course, _ = course
    done = manual_score(course, "late_cli", FREE_TEXT, "1.5", "--comment", "Gut begründet.")
    assert done.returncode == 0, done.stderr
    assert "late_cli · vorabfrage_xor: 1.5 points" in done.stdout
    with gradebook(course) as gb:  # grading kept the earlier manual score, marked for a look
        first = gb.find_grade(FREE_TEXT, A01, A01, "late_first")
        assert (first.manual_score, first.needs_manual_grade) == (1.5, True)
    with gradebook(course) as gb:  # formgrader lists the submission as graded
        assert not gb.find_grade(FREE_TEXT, A01, A01, "late_cli").needs_manual_grade
        assert not gb.find_submission_notebook(A01, A01, "late_cli").needs_manual_grade
        assert gb.find_comment(FREE_TEXT, A01, A01, "late_cli").manual_comment == "Gut begründet."
        gb.find_grade(FREE_TEXT, A01, A01, "late_ui").manual_score = 1.5  # no penalty update
        gb.find_grade(FREE_TEXT, A01, A01, "ontime").manual_score = 1.5
        gb.db.commit()
    rows = {row.student_id: row for row in final_rows(find_course(course).assignment(A01))}
    for student in ("late_cli", "late_ui", "late_first"):  # 18 auto + 1.5 manual, all of it lost
        row = rows[student]
        assert (row.late_penalty, row.total) == (19.5, 0.0), (student, row)
    assert (rows["ontime"].late_penalty, rows["ontime"].total) == (0.0, 19.5)
    with gradebook(course) as gb:  # what nbgrader's own export reads agrees
        for student in ("late_cli", "late_ui", "late_first"):
            submission = gb.find_submission(A01, student)
            assert submission.score - submission.late_submission_penalty == 0.0


def test_manual_score_refuses_unknown_cells_and_out_of_range_points(tmp_path):
    course = build_course(tmp_path / "course")
    unknown = manual_score(course, "alice", "no_such_cell", "1")
    assert unknown.returncode == 2 and "has no task 'no_such_cell'" in unknown.stderr
    too_many = manual_score(course, "alice", FREE_TEXT, "3")
    assert too_many.returncode == 2 and "outside 0 … 2" in too_many.stderr
