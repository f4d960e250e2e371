"""nbgrader's generate_feedback and formgrader's "Generate feedback" refuse, with what to run
instead, and leave the pages of `autograder feedback --nbgrader` as they are."""

import shutil
import subprocess
import sys

import pytest

from autograder.demo import build_course
from autograder.nbgrader.feedback import REFUSAL
from autograder.nbgrader.run import nbgrader_env
from tests.conftest import A01, REPO

OURS = "<html>our page: 19.5 / 20</html>"


def course_with_our_page(root):
    course = build_course(root)
    autograded = course / "autograded" / "alice" / A01
    autograded.mkdir(parents=True)
    shutil.copy(REPO / "examples" / A01 / "perfect.ipynb", autograded / f"{A01}.ipynb")
    page = course / "feedback" / "alice" / A01 / f"{A01}.html"
    page.parent.mkdir(parents=True)
    page.write_text(OURS)
    return course, page


@pytest.mark.slow
def test_generate_feedback_refuses_and_keeps_our_pages(tmp_path):
    course, page = course_with_our_page(tmp_path / "course")
    run = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", A01, "--force"],
        cwd=course,
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=300,
    )
    assert run.returncode != 0
    assert "autograder feedback" in run.stdout + run.stderr
    assert page.read_text() == OURS


@pytest.mark.slow
def test_formgraders_generate_feedback_button_refuses_clearly(tmp_path, monkeypatch):
    """What formgrader's button calls, in-process as in the server (always with force)."""
    from nbgrader.apps import NbGraderAPI
    from nbgrader.coursedir import CourseDirectory
    from traitlets.config.loader import PyFileConfigLoader

    course, page = course_with_our_page(tmp_path / "course")
    monkeypatch.chdir(course)
    monkeypatch.setenv("PATH", nbgrader_env()["PATH"])
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course)).load_config()
    api = NbGraderAPI(coursedir=CourseDirectory(config=config, root=str(course)), config=config)
    outcome = api.generate_feedback(A01, "alice")
    assert not outcome["success"]
    assert REFUSAL in outcome["log"]  # formgrader shows the log in its error dialog
    assert page.read_text() == OURS
