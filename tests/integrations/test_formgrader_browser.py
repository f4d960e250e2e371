"""formgrader, in a real headless Chromium, shows the scores `autograder grade --gradebook` wrote.

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

from autograder.config import load_config
from autograder.course import find_course
from autograder.demo import build_course
from autograder.grading.batch import grade_batch
from autograder.grading.runner import GradeOptions
from autograder.notebook.discover import discover
from autograder.release.generate import nbgrader_env
from autograder.reports.gradebook import write_gradebook
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

    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "server",
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
        page = chromium(profile, "--dump-dom", base + PAGE)
        assert "Submission #" in page, page[-2000:]
        for score in scores.values():
            assert f"{score:.2f}".rstrip("0").rstrip(".") + " / 20" in page
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
