"""`autograder course init` makes a folder that nbgrader recognises, and never overwrites one."""

import subprocess
import sys

from autograder.nbgrader.run import nbgrader_env
from tests.conftest import A01, REPO


def test_course_init_creates_an_nbgrader_course(tmp_path):
    folder = tmp_path / "course"
    run = subprocess.run(
        [sys.executable, "-m", "autograder", "course", "init", str(folder), "--term", "WS26"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert (folder / "assignments" / A01 / f"{A01}.ipynb").exists()
    assert 'term = "WS26"' in (folder / "grading.toml").read_text()
    listed = subprocess.run(
        [sys.executable, "-m", "nbgrader", "db", "assignment", "list"],
        cwd=folder,
        capture_output=True,
        text=True,
        env=nbgrader_env(),
        timeout=300,
    )
    assert A01 in listed.stdout + listed.stderr
    again = subprocess.run(
        [sys.executable, "-m", "autograder", "course", "init", str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=300,
    )
    assert again.returncode == 2 and "not empty" in again.stderr
