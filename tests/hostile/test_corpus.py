"""Every hostile submission, graded in one batch with honest ones around it.

Verdicts checked for each case: the attacked task scores 0, every other task of the same
notebook keeps full marks, the honest submissions before and after it are unaffected, no
file of the course changes, nothing the sandbox started survives, and the batch finishes.
"""

import fcntl
import hashlib
import os
from pathlib import Path

import pytest

from autograder.config import GradingConfig
from autograder.engine.batch import grade_batch
from autograder.engine.runner import GradeOptions
from autograder.engine.settings import WorkerProfile
from autograder.notebook.compose import fill_solutions, write_notebook
from autograder.notebook.discover import Found
from autograder.sandbox import uids
from autograder.sandbox.launcher import Limits, SandboxMode
from autograder.sandbox.uids import is_sandbox_uid
from tests.conftest import REPO, TEST_SEED
from tests.hostile.corpus import load_corpus

CORPUS = load_corpus()
QUICK = Limits(call_seconds=2, submission_seconds=60, memory_bytes=1 << 30)


def test_corpus_is_large_and_every_case_states_its_verdict():
    assert len(CORPUS) >= 30
    assert all(case.verdict == "zero" and case.attack for case in CORPUS)


def _course_fingerprint() -> dict[str, str]:
    files = {}
    for folder in ("source", "assignments", "solutions", "autograder", "examples", "tests"):
        for path in sorted((REPO / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return files


def _live_sandbox_processes() -> dict[int, int]:
    """pid → uid of every live (not zombie) process running under a sandbox uid."""
    pids = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                uid = entry.stat().st_uid
                if is_sandbox_uid(uid) and state != "Z":
                    pids[int(entry.name)] = uid
            except (OSError, IndexError):
                continue
    return pids


def _leased_now(uid: int) -> bool:
    """Is the uid's pool slot held by a live worker (e.g. another test process's)?"""
    fd = os.open(uids.LOCK_DIR / f"{uid - uids.UID_BASE}.lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)
    return False


def _survivors(ours: set[int]) -> set[int]:
    """Processes under a uid this batch leased whose worker is gone: they escaped the kill.

    Other tests may grade at the same time (pytest-xdist); their live workers hold their uids.
    """
    return {
        pid
        for pid, uid in _live_sandbox_processes().items()
        if uid in ours and not _leased_now(uid)
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("use_zygote", "seed"),
    [
        pytest.param(True, TEST_SEED, id="zygote"),
        pytest.param(False, TEST_SEED, id="bwrap", marks=pytest.mark.slow),
        pytest.param(True, "another-term", id="zygote-other-seed", marks=pytest.mark.slow),
    ],
)
def test_hostile_corpus_in_one_batch(
    a01, release_notebook, model_sources, tmp_path, monkeypatch, use_zygote, seed
):
    honest = write_notebook(
        fill_solutions(release_notebook, model_sources), tmp_path / "in" / "honest_first.ipynb"
    )
    found = [Found("honest_first", honest)]
    for case in CORPUS:
        notebook = fill_solutions(release_notebook, {**model_sources, case.task: case.source})
        found.append(
            Found(case.key, write_notebook(notebook, tmp_path / "in" / f"{case.key}.ipynb"))
        )
    found.append(Found("honest_last", honest))
    before = _course_fingerprint()
    leased: set[int] = set()
    original_lease = uids.lease_uid

    def recording_lease() -> uids.UidLease:
        lease = original_lease()
        leased.add(lease.uid)
        return lease

    monkeypatch.setattr(uids, "lease_uid", recording_lease)

    options = GradeOptions(
        GradingConfig(seed, limits=QUICK),
        mode=SandboxMode.ZYGOTE if use_zygote else SandboxMode.BWRAP,
    )
    from autograder.engine import runner

    original_init = runner.AssignmentGrader.__init__

    def numpy_only_training(self, assignment, opts):  # the corpus' forbid headers, as a01 settings
        original_init(self, assignment, opts)
        for case in CORPUS:
            if case.forbid:
                self.profiles[case.task] = WorkerProfile(
                    self.profiles[case.task].limits, case.forbid
                )

    monkeypatch.setattr(runner.AssignmentGrader, "__init__", numpy_only_training)
    batch = grade_batch(a01, found, options)

    results = {r.student_id: r for r in batch.submissions}
    assert len(results) == len(found)
    for name in ("honest_first", "honest_last"):
        assert results[name].score == results[name].max_score
    failures = []
    for case in CORPUS:
        result = results[case.key]
        for task in result.tasks:
            if task.kind != "auto":
                continue
            expected = 0 if task.task_id == case.task else task.max_score
            if task.score != expected:
                failures.append(
                    f"{case.key}: {task.task_id} scored {task.score} (expected {expected}): {task.feedback}"
                )
    assert not failures, "\n".join(failures)
    assert _course_fingerprint() == before, "a hostile submission changed a file of the course"
    assert leased, "the batch leased no sandbox uid"
    assert not _survivors(leased), "a sandbox process survived grading"
