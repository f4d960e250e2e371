"""Prepared practice seeds: each attempt its own seed, prepared ahead while the grader is idle,
never used twice, and grading with it gives exactly what grading with that seed unprepared does."""

from __future__ import annotations

import json
import multiprocessing
import os
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest

from autograder.engine.prepare import model_submission, prepare_seed
from autograder.engine.runner import AssignmentGrader
from autograder.results.model import SubmissionResult, submission_from_dict
from autograder.sandbox.launcher import SandboxMode
from autograder.serve.config import Window, load_serve_config, write_serve_config
from autograder.serve.grading import Busy, Graders, grade_upload, lowest_priority
from autograder.serve.practice import PreparedSeeds, practice_seed
from autograder.serve.store import QUEUED, Store, now_utc
from tests.conftest import A01, REPO
from tests.serve.conftest import EXAMPLES

SECRET = "practice-test-secret"


class Recorder:
    """A ``prepare`` that notes what it was asked and stops after ``steps`` of each call."""

    def __init__(self, steps: int | None = None) -> None:
        self.seeds: list[str] = []
        self.steps = steps

    def __call__(self, aid: str, seed: str, stop) -> bool:  # type: ignore[no-untyped-def]
        self.seeds.append(seed)
        return self.steps is None


class StopAfter:
    """``stop`` that says so from its ``n``-th question on (a job arrived mid-preparation)."""

    def __init__(self, n: int) -> None:
        self.asked, self.n = 0, n

    def __call__(self) -> bool:
        self.asked += 1
        return self.asked > self.n


def test_a_prepared_nonce_is_taken_once_and_the_next_one_is_new() -> None:
    recorder = Recorder()
    seeds = PreparedSeeds(SECRET, recorder)
    seeds.prepare_idle([A01, "a02"], stop=lambda: False)
    assert seeds.is_prepared(A01) and seeds.is_prepared("a02") and len(recorder.seeds) == 2
    seeds.prepare_idle([A01, "a02"], stop=lambda: False)
    assert len(recorder.seeds) == 2  # prepared ones are not prepared again
    first = seeds.take(A01)
    assert seeds.seed(A01, first) == recorder.seeds[0]  # the attempt grades with the prepared seed
    assert not seeds.is_prepared(A01) and seeds.is_prepared("a02")
    seeds.prepare_idle([A01, "a02"], stop=lambda: False)
    second = seeds.take(A01)
    assert second != first and seeds.seed(A01, second) == recorder.seeds[2]
    unprepared = {seeds.take(A01) for _ in range(100)}  # nothing prepared: drawn at once
    assert len(unprepared) == 100 and not unprepared & {first, second}
    assert SECRET not in {seeds.seed(A01, n) for n in unprepared}  # never the final seed


def test_an_interrupted_preparation_keeps_its_nonce_for_the_next_attempt() -> None:
    recorder = Recorder(steps=0)  # its preparation is stopped every time
    seeds = PreparedSeeds(SECRET, recorder)
    seeds.prepare_idle([A01, "a02"], stop=lambda: True)
    assert recorder.seeds == []  # the service is busy: nothing is even started
    seeds.prepare_idle([A01, "a02"], StopAfter(1))
    assert len(recorder.seeds) == 1  # stopped in a01: a02 waits for the next idle time
    assert not seeds.is_prepared(A01)
    seeds.prepare_idle([A01], StopAfter(1))
    assert recorder.seeds[1] == recorder.seeds[0]  # the same nonce, resumed
    assert seeds.seed(A01, seeds.take(A01)) == recorder.seeds[0]


def test_the_preparation_stops_for_a_new_job_and_for_another_process_grading(
    tmp_path: Path,
) -> None:
    store = Store(f"sqlite:///{tmp_path / 'serve.sqlite'}")
    wake = multiprocessing.get_context("spawn").Event()
    assert not Busy(store, wake)()
    wake.set()
    assert Busy(store, wake)()  # an upload has just been queued
    wake.clear()
    job = store.add_upload("anna", A01, "a.ipynb", b"{}", QUEUED)
    assert Busy(store, wake)()  # queued, though another process took the wake-up
    assert store.claim(job.id) is not None
    assert Busy(store, wake)()  # being graded elsewhere: its CPU is not ours to take


def _tasks(result: SubmissionResult) -> list[tuple[str, float, str, str | None]]:
    return [
        (t.task_id, t.score, t.feedback, t.diagnosis.key if t.diagnosis else None)
        for t in result.tasks
    ]


def _computed(grader: AssignmentGrader) -> tuple[int, int]:
    """How many reference results and mistake replays the grader holds."""
    return len(grader.reference._results), len(grader.replays._results)


@pytest.mark.slow
def test_grading_with_a_prepared_seed_computes_nothing_new_and_agrees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, grader: AssignmentGrader
) -> None:
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", SECRET)
    graders = Graders(REPO, SandboxMode.ZYGOTE)
    graders.seeds.prepare_idle([A01], stop=lambda: False)
    assert graders.seeds.is_prepared(A01)
    prepared = graders.get(A01)
    store = Store(f"sqlite:///{tmp_path / 'serve.sqlite'}")
    content = (EXAMPLES / "partly_wrong.ipynb").read_bytes()
    job = store.add_upload("anna", A01, "partly_wrong.ipynb", content, QUEUED).id
    before = _computed(prepared)
    assert grade_upload(store, graders, job)
    assert _computed(prepared) == before  # every reference result and replay was ready
    assert not graders.seeds.is_prepared(A01)  # taken: the next attempt gets another

    row = store.by_id(job)
    assert row.practice_nonce is not None and row.result is not None
    got = submission_from_dict(json.loads(row.result))
    assert sum(t.diagnosis is not None for t in got.tasks) == 3  # the three named mistakes
    # the session's grader never saw this seed: it computes everything itself
    seed = practice_seed(SECRET, A01, row.practice_nonce)
    expected = grader.grade_file(EXAMPLES / "partly_wrong.ipynb", "anna", seed=seed)
    assert _tasks(got) == _tasks(expected)


def test_prepare_seed_stops_when_asked(grader: AssignmentGrader) -> None:
    stop = StopAfter(0)
    assert prepare_seed(grader, model_submission(grader), "never-prepared", stop) is False
    assert stop.asked == 1


@pytest.mark.skipif(os.geteuid() != 0, reason="raising a thread's priority again needs root")
def test_the_preparation_runs_at_the_lowest_priority_and_then_as_before() -> None:
    def nice_values() -> set[int]:
        return {os.getpriority(os.PRIO_PROCESS, int(t)) for t in os.listdir("/proc/self/task")}

    helper = threading.Thread(target=time.sleep, args=(1,), daemon=True)  # another thread
    helper.start()
    before = nice_values()
    with lowest_priority():
        assert nice_values() == {19}
    assert nice_values() == before


def test_preparing_seeds_can_be_switched_off_in_serve_toml(tmp_path: Path) -> None:
    windows = {A01: Window(now_utc() + timedelta(days=1))}
    write_serve_config(tmp_path, windows)
    assert load_serve_config(tmp_path).prepare_seeds  # on unless the course says otherwise
    write_serve_config(tmp_path, windows, prepare_seeds=False)
    assert not load_serve_config(tmp_path).prepare_seeds
