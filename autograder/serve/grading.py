"""Grading one stored upload: claim it, grade it in the sandbox with a practice seed, record once.

Used by the embedded worker process (``worker_loop``) and by the Celery task alike.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import multiprocessing.synchronize
import tempfile
from pathlib import Path

from autograder.config import load_config
from autograder.course import find_course
from autograder.engine.batch import grade_one
from autograder.engine.runner import AssignmentGrader, GradeOptions, sandbox_specs
from autograder.notebook.discover import Found
from autograder.sandbox import zygote
from autograder.sandbox.launcher import SandboxMode
from autograder.serve.practice import practice_seed
from autograder.serve.store import Claim, Store

log = logging.getLogger(__name__)


class Graders:
    """One loaded ``AssignmentGrader`` per assignment, kept for the life of the worker."""

    def __init__(self, course_root: Path, mode: SandboxMode, lang: str = "de") -> None:
        self.course = find_course(course_root)
        self.options = GradeOptions(load_config(self.course.root), lang, mode)
        self._graders: dict[str, AssignmentGrader] = {}

    def warm(self, aids: list[str]) -> None:
        """Load the open assignments and start their zygotes before the first upload arrives."""
        for aid in aids:
            zygote.prestart(sandbox_specs(self.course.assignment(aid), self.options))
        for aid in aids:
            self.get(aid)

    def get(self, aid: str) -> AssignmentGrader:
        if aid not in self._graders:
            self._graders[aid] = AssignmentGrader(self.course.assignment(aid), self.options)
        return self._graders[aid]


def grade_claimed(store: Store, graders: Graders, claim: Claim) -> bool:
    """Grade the claimed upload; True when this result is the one recorded."""
    upload = store.by_id(claim.upload_id)
    grader = graders.get(upload.aid)
    seed = practice_seed(graders.options.config.secret_seed, upload.aid, upload.public_id)
    with tempfile.TemporaryDirectory(prefix="ag-serve-") as tmp:
        path = Path(tmp) / f"{upload.aid}.ipynb"
        path.write_bytes(store.content(upload.id))
        result = grade_one(grader, Found(upload.student_id, path), seed)
    result = dataclasses.replace(result, file=upload.filename)
    return store.finish(claim, json.dumps(dataclasses.asdict(result)))


def grade_upload(store: Store, graders: Graders, upload_id: int) -> bool:
    claim = store.claim(upload_id)
    return claim is not None and grade_claimed(store, graders, claim)


def worker_loop(
    database_url: str,
    course_root: Path,
    mode: SandboxMode,
    wake: multiprocessing.synchronize.Event,
    aids: list[str],
) -> None:
    """The embedded worker: grade queued uploads in order, sleep until the next arrives."""
    _die_with_parent()
    store = Store(database_url)
    graders = Graders(course_root, mode)
    graders.warm(aids)
    while True:
        claim = store.next_claim()
        if claim is None:
            wake.wait(timeout=1.0)
            wake.clear()  # (with several workers, one may sleep through a wake: at most 1 s)
            continue
        try:
            grade_claimed(store, graders, claim)
        except Exception:  # a broken grader must not stop the service; the job stays claimed
            log.exception("grading upload %s failed", claim.upload_id)


def _die_with_parent() -> None:
    """The worker ends when the service does, even by ``kill -9`` (Linux: PR_SET_PDEATHSIG)."""
    import ctypes
    import signal

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
