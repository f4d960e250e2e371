"""Every hostile submission, graded in one batch with honest ones around it.

Verdicts checked for each case: the attacked task scores 0, every other task of the same
notebook keeps full marks, the honest submissions before and after it are unaffected, no
file of the course changes, nothing the sandbox started survives, and the batch finishes.
"""

import hashlib
from pathlib import Path

import pytest

from autograder.config import GradingConfig
from autograder.grading.batch import grade_batch
from autograder.grading.runner import GradeOptions
from autograder.grading.settings import WorkerProfile
from autograder.notebook.compose import fill_solutions, write_notebook
from autograder.notebook.discover import Found
from autograder.sandbox.launcher import Limits
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


def _live_sandbox_processes() -> set[int]:
    pids = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
                if is_sandbox_uid(entry.stat().st_uid) and state != "Z":
                    pids.add(int(entry.name))
            except (OSError, IndexError):
                continue
    return pids


@pytest.mark.slow
def test_hostile_corpus_in_one_batch(a01, release_notebook, model_sources, tmp_path, monkeypatch):
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
    survivors_before = _live_sandbox_processes()

    options = GradeOptions(GradingConfig(TEST_SEED, limits=QUICK))
    from autograder.grading import runner

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
    assert not (_live_sandbox_processes() - survivors_before), "a sandbox process survived grading"
