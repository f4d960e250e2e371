"""The store's promises without a web server: a job is recorded once, however often it is claimed;
practice feedback never uses the final seed."""

from __future__ import annotations

import subprocess

from autograder.engine.runner import AssignmentGrader
from autograder.serve.practice import practice_seed
from autograder.serve.store import GRADED, GRADING, QUEUED, Store, uploads
from tests.conftest import TEST_SEED
from tests.serve.conftest import EXAMPLES


def _store(tmp_path) -> Store:
    return Store(f"sqlite:///{tmp_path / 'serve.sqlite'}")


def test_a_claimed_job_is_recorded_once(tmp_path) -> None:
    store = _store(tmp_path)
    job = store.add_upload("anna", "a01", "x.ipynb", b"{}", QUEUED)
    claim = store.claim(job.id)
    assert claim is not None
    assert store.claim(job.id) is None  # a live process grades it: a duplicate message waits
    assert store.next_claim() is None
    assert store.finish(claim, '{"score": 1}') is True
    assert store.finish(claim, '{"score": 2}') is False
    assert store.claim(job.id) is None  # done
    done = store.by_id(job.id)
    assert (done.status, done.grade_count, done.result) == (GRADED, 1, '{"score": 1}')


def test_a_dead_graders_job_is_taken_over_and_its_late_result_dropped(tmp_path) -> None:
    store = _store(tmp_path)
    job = store.add_upload("anna", "a01", "x.ipynb", b"{}", QUEUED)
    first = store.claim(job.id)
    assert first is not None
    dead = subprocess.Popen(["true"])  # its pid is gone once it has exited
    dead.wait()
    host, _, rest = first.token.split(":")
    dead_token = f"{host}:{dead.pid}:{rest}"
    with store.engine.begin() as db:
        db.execute(uploads.update().where(uploads.c.id == job.id).values(claim=dead_token))
    assert store.requeue_interrupted() == 1
    assert store.by_id(job.id).status == QUEUED
    second = store.claim(job.id)
    assert second is not None and store.by_id(job.id).status == GRADING
    assert store.finish(first, "{}") is False  # the old claim's result is not recorded
    assert store.finish(second, "{}") is True
    assert store.by_id(job.id).grade_count == 1


def test_practice_seeds_are_per_attempt_and_never_the_final_seed() -> None:
    seeds = {practice_seed(TEST_SEED, "a01", attempt) for attempt in ("a", "b", "c")}
    assert len(seeds) == 3 and TEST_SEED not in seeds
    assert practice_seed(TEST_SEED, "a01", "a") == practice_seed(TEST_SEED, "a01", "a")
    assert practice_seed("other-secret", "a01", "a") not in seeds


def test_the_attempts_seed_draws_the_hidden_inputs(grader: AssignmentGrader) -> None:
    path = EXAMPLES / "partly_wrong.ipynb"

    def feedback(seed: str | None) -> list[str]:
        return [t.feedback for t in grader.grade_file(path, "anna", seed=seed).tasks]

    final = feedback(None)
    assert feedback(practice_seed(TEST_SEED, "a01", "a")) != final
    assert feedback(TEST_SEED) == final  # the seed given is the one used
