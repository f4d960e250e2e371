"""Batches: parallel grading gives the same results; a killed batch resumes without loss."""

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import pytest

from autograder.engine import batch
from autograder.engine.batch import grade_batch
from autograder.notebook.discover import discover
from autograder.results.journal import Journal, grading_context
from autograder.sandbox import session
from tests.conftest import A01, REPO

EXAMPLES = REPO / "examples" / A01


@pytest.fixture
def submissions(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("perfect", "partly_wrong", "stub", "malformed"):
        shutil.copy(EXAMPLES / f"{name}.ipynb", folder / f"{name}.ipynb")
    return folder


def _summary(batch):
    return [
        (s.student_id, s.status, [(t.task_id, t.score, t.feedback) for t in s.tasks])
        for s in batch.submissions
    ]


@pytest.mark.slow
def test_parallel_grading_gives_identical_results(a01, grader, submissions):
    found = discover([submissions], A01)
    serial = grade_batch(a01, found, grader.options, jobs=1)
    parallel = grade_batch(a01, found, grader.options, jobs=2)
    assert _summary(serial) == _summary(parallel)


def test_journal_skips_what_was_graded_and_notices_changes(a01, grader, submissions, tmp_path):
    found = discover([submissions], A01)
    context = grading_context(a01, grader.options.config.fingerprint, "de")
    journal = Journal(tmp_path / "journal", context)
    first = grade_batch(a01, found, grader.options, journal=journal)
    seen = []
    again = grade_batch(
        a01,
        found,
        grader.options,
        lambda item, result, cached: seen.append(cached),
        journal=journal,
    )
    assert seen == [True] * len(found)
    assert _summary(first) == _summary(again)
    shutil.copy(EXAMPLES / "perfect.ipynb", submissions / "stub.ipynb")  # the student resubmits
    seen.clear()
    third = grade_batch(
        a01,
        found,
        grader.options,
        lambda item, result, cached: seen.append((item.student_id, cached)),
        journal=journal,
    )
    assert ("stub", False) in seen and sum(not cached for _, cached in seen) == 1
    assert next(s for s in third.submissions if s.student_id == "stub").score == 18
    other = Journal(tmp_path / "journal", grading_context(a01, "another-secret", "de"))
    assert other.lookup(found[0]) is None  # a new secret seed means a new grading


class SandboxFailed(Exception):
    pass


def test_no_submission_reaches_a_grader_process_before_the_sandbox_is_proven(
    a01, grader, submissions, monkeypatch
):
    """The grader processes load and warm up while the check runs; submissions follow it."""
    jobs: list[str] = []

    class Recording(batch.ProcessPoolExecutor):
        def submit(self, fn, /, *args, **kwargs):  # type: ignore[no-untyped-def]
            jobs.append(fn.__name__)
            return super().submit(fn, *args, **kwargs)

    monkeypatch.setattr(batch, "ProcessPoolExecutor", Recording)
    found = discover([submissions], A01)
    result = grade_batch(a01, found, grader.options, jobs=2, prove=lambda: jobs.append("proven"))
    assert jobs == ["_loaded", "_loaded", "proven"] + ["_grade_in_process"] * len(found)
    assert [s.status for s in result.submissions].count("graded") == len(found) - 1  # malformed


def test_in_one_process_the_sandbox_is_proven_before_the_first_worker(
    a01, grader, submissions, monkeypatch
):
    events: list[str] = []
    start = session.start_process

    def recorded(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("worker")
        return start(*args, **kwargs)

    monkeypatch.setattr(session, "start_process", recorded)
    found = discover([submissions], A01)
    grade_batch(a01, found, grader.options, jobs=1, prove=lambda: events.append("proven"))
    assert events[0] == "proven" and "worker" in events


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_failed_sandbox_check_stops_the_batch_before_any_submission(
    a01, grader, submissions, tmp_path, jobs
):
    def fail() -> None:
        raise SandboxFailed

    graded: list[str] = []
    found = discover([submissions], A01)
    journal = Journal(tmp_path / "journal", grading_context(a01, "seed", "de"))
    with pytest.raises(SandboxFailed):
        grade_batch(
            a01,
            found,
            grader.options,
            lambda item, result, cached: graded.append(item.student_id),
            jobs=jobs,
            journal=journal,
            prove=fail,
        )
    assert graded == [] and not (tmp_path / "journal").exists()


@pytest.mark.slow
def test_killed_batch_resumes_without_loss_or_duplicates(submissions, tmp_path):
    for i in range(4):
        shutil.copy(EXAMPLES / "perfect.ipynb", submissions / f"student{i}.ipynb")
    out = tmp_path / "out"
    command = [
        sys.executable,
        "-m",
        "autograder",
        "grade",
        A01,
        str(submissions),
        "--out",
        str(out),
        "--jobs",
        "1",
        "-q",
    ]
    env = {**os.environ, "AUTOGRADER_SECRET_SEED": "resume-test"}
    process = subprocess.Popen(
        command,
        env=env,
        cwd=REPO,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and len(list((out / "journal").glob("*.json"))) < 2:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    graded_before = {p.name: p.stat().st_mtime_ns for p in (out / "journal").glob("*.json")}
    assert 2 <= len(graded_before) < 8 and not (out / "results.json").exists()

    rerun = subprocess.run(command, env=env, cwd=REPO, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert "taken from the journal" in rerun.stdout
    results = json.loads((out / "results.json").read_text())
    students = [s["student_id"] for s in results["submissions"]]
    assert sorted(students) == sorted({*students}) and len(students) == 8
    for name, mtime in graded_before.items():  # nothing graded twice
        assert (out / "journal" / name).stat().st_mtime_ns == mtime


def _in_session(session: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.getsid(int(entry)) == session:
                    found.append(int(entry))
            except OSError:
                continue
    return found


@pytest.mark.slow
def test_a_batch_killed_alone_leaves_no_grader_process_behind(submissions, tmp_path):
    """``kill -9`` of the batch's main process only (the OOM killer's way): its grader
    processes, which wait on queues they hold both ends of, end with it."""
    for i in range(6):
        shutil.copy(EXAMPLES / "perfect.ipynb", submissions / f"student{i}.ipynb")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "autograder", "grade", A01, str(submissions)]
    process = subprocess.Popen(
        [*command, "--out", str(out), "--jobs", "2", "-q"],
        env={**os.environ, "AUTOGRADER_SECRET_SEED": "orphan-test"},
        cwd=REPO,
        start_new_session=True,  # its session: every process it starts, but the zygote's
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list((out / "journal").glob("*.json")):
        time.sleep(0.05)
    assert len(_in_session(process.pid)) >= 3  # the main process and two graders at least
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and _in_session(process.pid):
        time.sleep(0.1)
    assert _in_session(process.pid) == []
