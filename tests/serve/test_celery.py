"""Scale-out: a real redis-server, the service and two Celery worker processes. Jobs spread over
both workers, a killed worker's job is delivered again and recorded once, and the results are
those the embedded mode computes for the same attempt."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from autograder.config import load_config
from autograder.engine.runner import AssignmentGrader
from autograder.serve.practice import practice_seed
from autograder.serve.store import GRADED, GRADING, Store
from tests.conftest import A01
from tests.serve.conftest import EXAMPLES, Running, attempt_id, make_course, upload

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server: scripts/setup.sh"),
]
NAMES = ["perfect.ipynb", "partly_wrong.ipynb", "stub.ipynb", "perfect.ipynb"]


def start_worker(course_root, name: str) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "autograder", "serve", "worker", "--course", str(course_root)]
    return subprocess.Popen(
        [*command, "--name", name], stdout=subprocess.DEVNULL, start_new_session=True
    )


def wait_for(store: Store, ids: list[str], status: str, seconds: float = 120) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        rows = {u.public_id: u for u in store.all_uploads()}
        if all(rows[i].status == status for i in ids):
            return rows
        time.sleep(0.1)
    raise TimeoutError(f"{status}: {[(i, rows[i].status) for i in ids]}")


def slow_notebook() -> bytes:
    """partly_wrong.ipynb whose first solution cell sleeps 2 s: a kill lands mid-grading."""
    notebook = json.loads((EXAMPLES / "partly_wrong.ipynb").read_text())
    cell = next(
        c for c in notebook["cells"] if c.get("metadata", {}).get("nbgrader", {}).get("solution")
    )
    source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
    cell["source"] = "import time\ntime.sleep(2)\n" + source
    return json.dumps(notebook).encode()


def claimer_pid(claim: str) -> int:
    return int(claim.split(":")[1])


def test_two_celery_workers_share_the_jobs_and_survive_a_kill(
    tmp_path, redis_url: str, grader: AssignmentGrader
) -> None:
    course = make_course(tmp_path, queue="celery", broker=redis_url, visibility_timeout=20)
    service = Running(course)
    workers = [start_worker(course.root, f"w{n}") for n in (1, 2)]
    try:
        anna = service.client("anna")
        ids = [attempt_id(upload(anna, name)) for name in NAMES]
        rows = wait_for(course.store, ids, GRADED)
        assert len({claimer_pid(rows[i].claim) for i in ids}) == 2  # both workers graded
        assert all(rows[i].grade_count == 1 for i in ids)

        # kill the process that grades a job, mid-grading: the job is delivered again, once
        victim = attempt_id(upload(anna, "slow.ipynb", slow_notebook()))
        claim = wait_for(course.store, [victim], GRADING)[victim].claim
        os.kill(claimer_pid(claim), signal.SIGKILL)
        killed = time.monotonic()
        done = wait_for(course.store, [victim], GRADED)[victim]
        assert done.grade_count == 1 and done.claim != claim
        rows[victim] = done
        print(f"regraded {time.monotonic() - killed:.1f} s after the kill")
    finally:
        for worker in workers:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        service.stop()

    # the same results as the embedded mode's grader computes for each attempt
    secret = load_config(course.root).secret_seed
    (tmp_path / "slow.ipynb").write_bytes(slow_notebook())
    paths = [EXAMPLES / name for name in NAMES[:3]] + [tmp_path / "slow.ipynb"]
    for public_id, path in zip([*ids[:3], victim], paths):  # each example once, and the victim
        got, nonce = rows[public_id].result, rows[public_id].practice_nonce
        assert got is not None and nonce is not None
        expected = grader.grade_file(path, "anna", seed=practice_seed(secret, A01, nonce))
        got_tasks = {t["task_id"]: (t["score"], t["feedback"]) for t in json.loads(got)["tasks"]}
        assert got_tasks == {t.task_id: (t.score, t.feedback) for t in expected.tasks}
