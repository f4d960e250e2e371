"""Nothing is lost: uploads survive `kill -9` of the service, queued jobs are graded once after
the restart, and `autograder collect --service` takes each student's last upload before the
deadline into nbgrader's `submitted/` layout."""

from __future__ import annotations

import time
from datetime import datetime

import pytest

from autograder.course import find_course
from autograder.serve.store import GRADED
from autograder.serve.submitted import collect_from_service
from tests.conftest import A01
from tests.serve.conftest import EXAMPLES, Running, attempt_id, make_course, upload

pytestmark = pytest.mark.slow
NAMES = ["perfect.ipynb", "partly_wrong.ipynb", "stub.ipynb", "partly_wrong.ipynb"]


def test_kill_9_loses_nothing_and_grades_every_job_once(tmp_path) -> None:
    course = make_course(tmp_path)
    first = Running(course)
    anna = first.client("anna")
    ids = [attempt_id(upload(anna, name)) for name in NAMES]  # acknowledged: stored
    first.kill()  # the worker is still loading the assignment: nothing graded yet
    rows = {u.public_id: u for u in course.store.history("anna")}
    assert set(rows) == set(ids)
    assert any(rows[i].status != GRADED for i in ids)

    second = Running(course)
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            rows = {u.public_id: u for u in course.store.history("anna")}
            if all(rows[i].status == GRADED for i in ids):
                break
            time.sleep(0.2)
        assert all(rows[i].status == GRADED and rows[i].grade_count == 1 for i in ids)
        scores = [second.client("anna").get(f"/versuch/{i}").text for i in ids]
        assert "typischen Fehler" in scores[1] and "typischen Fehler" not in scores[0]
    finally:
        second.stop()

    # the deadline's final grading: the last upload before the deadline, in submitted/
    assignment = find_course(course.root).assignment(A01)
    last = rows[ids[-1]]
    report = collect_from_service(assignment, deadline=datetime.fromisoformat(last.received_at))
    taken = course.root / "submitted" / "anna" / A01 / f"{A01}.ipynb"
    assert [v.student_id for v in report.accepted] == ["anna"]
    assert taken.read_bytes() == (EXAMPLES / NAMES[2]).read_bytes()  # the 4th came too late
    assert (taken.parent / "timestamp.txt").exists()
    collect_from_service(assignment)  # serve.toml's deadline, a week ahead: the 4th upload
    assert taken.read_bytes() == (EXAMPLES / NAMES[3]).read_bytes()
