"""Discovery in nbgrader's ``submitted/<student>/<aid>/`` layout: only the graded assignment."""

import json
import os
import subprocess
import sys
from pathlib import Path

from autograder.notebook.discover import discover, discover_submissions
from tests.conftest import A01, REPO

A02 = "a02_mlp_backprop"
COURSE_IDS = (A01, A02, "a03_optimizers", "q01_fragen")


def submitted(root: Path, layout: dict[str, list[str]]) -> Path:
    """``root/<student>/<aid>/<aid>.ipynb`` for each student's assignments."""
    for student, aids in layout.items():
        for aid in aids:
            (root / student / aid).mkdir(parents=True)
            (root / student / aid / f"{aid}.ipynb").write_text("{}")
    return root


def test_other_assignments_in_nbgrader_layout_are_skipped_not_students(tmp_path):
    root = submitted(tmp_path, {"alice": [A01, A02], "bob": [A01], "carol": [A02]})
    discovery = discover_submissions([root], A02, COURSE_IDS)
    assert sorted(f.student_id for f in discovery.found) == ["alice", "carol"]
    assert sorted(p.parent.parent.name for p in discovery.other_assignments) == ["alice", "bob"]


def test_layout_is_recognised_without_knowing_the_course(tmp_path):
    """An old assignment's folder (not in the course any more) is skipped in the layout too."""
    root = submitted(tmp_path, {"alice": [A02, "a00_old"]})
    discovery = discover_submissions([root], A02)
    assert [f.student_id for f in discovery.found] == ["alice"]
    assert [p.parent.name for p in discovery.other_assignments] == ["a00_old"]


def test_a_students_folder_skips_their_other_assignments(tmp_path):
    root = submitted(tmp_path, {"alice": [A01, A02]})
    discovery = discover_submissions([root / "alice"], A02, COURSE_IDS)
    assert [f.student_id for f in discovery.found] == ["alice"]
    assert len(discovery.other_assignments) == 1


def test_plain_folders_keep_every_notebook(tmp_path):
    """Outside the layout (LMS downloads, <student>.ipynb, sub-folders) nothing is skipped."""
    (tmp_path / "group1").mkdir()
    (tmp_path / "group1" / "alice.ipynb").write_text("{}")
    (tmp_path / "bob.ipynb").write_text("{}")
    assert sorted(f.student_id for f in discover([tmp_path], A02)) == ["alice", "bob"]


def grade(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "autograder", "grade", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "AUTOGRADER_SECRET_SEED": "x"},
        timeout=600,
    )


def test_grade_reports_other_assignments_in_one_line_not_as_students(tmp_path):
    root = submitted(tmp_path / "submitted", {"alice": [A01, A02], "bob": [A01]})
    stub = (REPO / "examples" / A02 / "stub.ipynb").read_text()
    (root / "alice" / A02 / f"{A02}.ipynb").write_text(stub)
    run = grade(A02, str(root), "--out", str(tmp_path / "o"), "-q", "--jobs", "1")
    assert run.returncode == 0, run.stdout + run.stderr
    results = json.loads((tmp_path / "o" / "results.json").read_text())
    assert [s["student_id"] for s in results["submissions"]] == ["alice"]
    assert "skipped 2 notebook(s) of other assignments (a01_perceptron_xor)" in run.stdout
    assert "error" not in run.stdout


def test_only_other_assignments_is_a_usage_error_that_says_so(tmp_path):
    root = submitted(tmp_path / "submitted", {"alice": [A01]})
    run = grade(A02, str(root), "--out", str(tmp_path / "o"))
    assert run.returncode == 2, run.stdout + run.stderr
    assert "no notebooks found" in run.stderr and "skipped 1 notebook(s)" in run.stderr
