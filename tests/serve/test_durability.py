"""Nothing is lost: uploads survive `kill -9` of the service, and queued jobs are graded once
after the restart."""

from __future__ import annotations

import time

import pytest

from autograder.serve.store import GRADED
from tests.serve.conftest import Running, attempt_id, make_course, upload

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
        nonces = {rows[i].practice_nonce for i in ids}  # each attempt its own practice seed
        assert None not in nonces and len(nonces) == len(ids)
        scores = [second.client("anna").get(f"/versuch/{i}").text for i in ids]
        assert "typischen Fehler" in scores[1] and "typischen Fehler" not in scores[0]
    finally:
        second.stop()
