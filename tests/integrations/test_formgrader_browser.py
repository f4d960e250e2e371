"""formgrader, in a real headless Chromium, opened as docs/instructor.md says (`jupyter lab` in the
course folder, then /formgrader): it shows the scores `autograder grade --gradebook` wrote, the
students by name or id (never "None, None"), and formulas typeset by MathJax from the course
server itself (this machine has no internet: a CDN's MathJax would leave raw TeX).

Set FORMGRADER_SCREENSHOT=path to also save the picture (docs/img/formgrader.png comes from it).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from nbgrader.api import Gradebook

from autograder.config import load_config
from autograder.course import find_course
from autograder.demo import build_course
from autograder.engine.batch import grade_batch
from autograder.engine.runner import GradeOptions
from autograder.nbgrader.gradebook import nbgrader_settings, write_gradebook
from autograder.nbgrader.run import nbgrader_env
from autograder.notebook.discover import discover
from tests.conftest import A01, REPO

TOKEN = "browser-test"
PAGE = f"/formgrader/gradebook/{A01}/{A01}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def chromium(profile, *args) -> str:
    run = subprocess.run(
        [
            "chromium",
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            f"--user-data-dir={profile}",
            "--virtual-time-budget=15000",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    return run.stdout


@pytest.mark.slow
def test_formgrader_shows_our_scores(tmp_path):
    course = build_course(tmp_path / "course")
    assignment = find_course(course).assignment(A01)
    for student in ("perfect", "partly_wrong"):
        target = course / "submitted" / student / A01
        target.mkdir(parents=True)
        shutil.copy(REPO / "examples" / A01 / f"{student}.ipynb", target / f"{A01}.ipynb")
    found = discover([course / "submitted"], A01)
    batch = grade_batch(assignment, found, GradeOptions(load_config(course)), lambda *_: None)
    write_gradebook(batch, assignment)
    scores = {r.student_id: r.score for r in batch.submissions}
    with Gradebook(*nbgrader_settings(course)) as gb:
        submission_id = gb.find_submission_notebook(A01, A01, "perfect").id

    port = free_port()
    server = subprocess.Popen(
        [  # the documented `jupyter lab`, without a browser, on a free port, as root
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            "--ServerApp.open_browser=False",
            "--ServerApp.allow_root=True",
            f"--ServerApp.root_dir={course}",
        ],
        cwd=course,
        env=nbgrader_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_for(f"{base}/api/status?token={TOKEN}")
        profile = tmp_path / "browser"
        chromium(profile, "--dump-dom", f"{base}/tree?token={TOKEN}")  # log in: the cookie stays
        home = chromium(profile, "--dump-dom", f"{base}/formgrader")  # the documented URL
        assert "Manage Assignments" in home and A01 in home, home[-2000:]
        page = chromium(profile, "--dump-dom", base + PAGE)
        assert "Submission #" in page, page[-2000:]
        for score in scores.values():
            assert f"{score:.2f}".rstrip("0").rstrip(".") + " / 20" in page
        students = chromium(profile, "--dump-dom", f"{base}/formgrader/manage_students")
        assert "perfect, " in students and "None, None" not in students, students[-2000:]
        graded = chromium(profile, "--dump-dom", f"{base}/formgrader/submissions/{submission_id}")
        assert "static/jupyter_server_mathjax/MathJax.js" in graded
        assert "cdnjs" not in graded
        assert 'id="MathJax-Element-1-Frame"' in graded, graded[-3000:]  # typeset, not raw TeX
        if os.environ.get("FORMGRADER_SCREENSHOT"):
            chromium(
                profile,
                "--window-size=1300,420",
                f"--screenshot={os.environ['FORMGRADER_SCREENSHOT']}",
                base + PAGE,
            )
    finally:
        server.terminate()
        server.wait(timeout=30)
