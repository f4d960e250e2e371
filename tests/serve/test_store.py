"""The store's promises without a web server: a job is recorded once, however often it is claimed;
practice feedback never uses the final seed."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from autograder.engine.runner import AssignmentGrader
from autograder.serve.practice import practice_seed
from autograder.serve.store import GRADED, GRADING, QUEUED, Store, uploads
from tests.conftest import TEST_SEED
from tests.serve.conftest import EXAMPLES, free_port

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def _as_postgres(*command: str) -> None:
    """Run a PostgreSQL tool as its own user (the server it starts keeps no pipe of ours)."""
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *command],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.fixture(scope="module")
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL cluster (Debian's postgresql-15) on a Unix socket."""
    if not (PG_BIN / "initdb").exists() or not shutil.which("runuser"):
        pytest.skip("PostgreSQL 15 from Debian's packages is not installed")
    pytest.importorskip("psycopg")
    root = Path(tempfile.mkdtemp(prefix="ag-serve-pg-"))  # pytest's tmp is closed to others
    shutil.chown(root, "postgres", "postgres")
    data, port = root / "data", str(free_port())
    _as_postgres(str(PG_BIN / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres")
    options = f"-k {root} -p {port} -c listen_addresses='' -c fsync=off"
    log = str(root / "server.log")
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-l", log, "-o", options, "-w", "start")
    yield f"postgresql+psycopg://postgres@/postgres?host={root}&port={port}"
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop")
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        return Store(f"sqlite:///{tmp_path / 'serve.sqlite'}")
    store = Store(request.getfixturevalue("postgres"))
    with store.engine.begin() as db:
        db.execute(uploads.delete())
    return store


def test_a_claimed_job_is_recorded_once(store: Store) -> None:
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


def test_a_dead_graders_job_is_taken_over_and_its_late_result_dropped(store: Store) -> None:
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

    assert feedback(practice_seed(TEST_SEED, "a01", "a")) != feedback(None)


def test_a_database_from_before_the_practice_nonce_gets_the_column(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    store = Store(url)
    old = store.add_upload("anna", "a01", "a.ipynb", b"{}", QUEUED)
    with store.engine.begin() as db:  # as the service's first version created the table
        db.execute(sa.text("ALTER TABLE uploads DROP COLUMN practice_nonce"))
    again = Store(url)
    assert again.by_id(old.id).practice_nonce is None
    claim = again.claim(old.id)
    assert claim is not None and again.finish(claim, "{}", "n1")
    assert again.by_id(old.id).practice_nonce == "n1"
