"""Scores land in the real nbgrader gradebook: formgrader shows them, overrides win, export works."""

import csv
import json
import os
import subprocess
import sys

import pytest
from nbgrader.api import Gradebook

from autograder.demo import build_course
from autograder.nbgrader.gradebook import nbgrader_settings
from autograder.nbgrader.run import nbgrader_env
from tests.conftest import A01, REPO

EXAMPLES = REPO / "examples" / A01


@pytest.mark.slow
def test_grades_go_into_the_gradebook_and_nbgrader_exports_them(tmp_path):
    course = build_course(tmp_path / "course")
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade",
            A01,
            str(EXAMPLES / "perfect.ipynb"),
            str(EXAMPLES / "partly_wrong.ipynb"),
            str(EXAMPLES / "malformed.ipynb"),
            "--out",
            str(tmp_path / "out"),
            "--course",
            str(course),
            "--gradebook",
            "-q",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=600,
    )
    assert run.returncode == 0, run.stderr
    assert "2 submission(s) written to the nbgrader gradebook" in run.stdout

    os.environ["PATH"] = nbgrader_env()["PATH"]
    db_url, course_id = nbgrader_settings(course)
    with Gradebook(db_url, course_id) as gb:
        perfect = gb.find_submission(A01, "perfect")
        # the examples leave the free text as released: 0 points, nothing to grade (nbgrader's rule)
        assert perfect.score == 18 and perfect.max_score == 20
        grade = gb.find_grade("test_neuron", A01, A01, "partly_wrong")
        assert grade.auto_score == pytest.approx(1.3333) and grade.score == pytest.approx(1.3333)
        assert not grade.needs_manual_grade  # formgrader does not list auto-graded cells as open
        grade.manual_score = 2.0  # the instructor overrides in formgrader
        free_text = gb.find_grade("vorabfrage_xor", A01, A01, "partly_wrong")
        assert free_text.auto_score == 0 and not free_text.needs_manual_grade
        free_text.manual_score = 1.5  # the instructor may still give points
        gb.db.commit()
        assert gb.find_submission(A01, "partly_wrong").score == pytest.approx(
            12.8333 - 1.3333 + 2 + 1.5
        )
    assert (course / "autograded" / "perfect" / A01 / f"{A01}.ipynb").exists()
    autograded = json.loads(
        (course / "autograded" / "partly_wrong" / A01 / f"{A01}.ipynb").read_text()
    )
    [test_cell] = [
        c
        for c in autograded["cells"]
        if c.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "test_neuron"
    ]
    shown = "".join("".join(o.get("text", "")) for o in test_cell["outputs"])
    assert "1.3333/2 Punkte" in shown  # formgrader shows our result in the test cell

    export = subprocess.run(
        [sys.executable, "-m", "nbgrader", "export", "--to", str(tmp_path / "grades.csv")],
        cwd=course,
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=300,
    )
    assert export.returncode == 0, export.stderr
    rows = {r["student_id"]: r for r in csv.DictReader((tmp_path / "grades.csv").open())}
    assert float(rows["perfect"]["score"]) == 18
    assert float(rows["partly_wrong"]["score"]) == pytest.approx(
        15.0
    )  # 11.5 auto + 2 override + 1.5 free text
