"""Grading one stored upload: claim it, grade it in the sandbox with a practice seed, record once.

Used by the embedded worker process (``worker_loop``) and by the Celery task alike.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import multiprocessing.synchronize
import os
import tempfile
import time
from collections.abc import Iterator
from multiprocessing.queues import SimpleQueue
from pathlib import Path

from autograder.config import load_config
from autograder.course import find_course
from autograder.engine.batch import grade_one
from autograder.engine.lifetime import end_with_parent
from autograder.engine.prepare import Stop, model_submission, prepare_seed
from autograder.engine.runner import AssignmentGrader, GradeOptions, sandbox_specs
from autograder.notebook.discover import Found
from autograder.notebook.submission import Submission
from autograder.sandbox import zygote
from autograder.sandbox.launcher import SandboxMode
from autograder.serve.practice import PreparedSeeds
from autograder.serve.store import Claim, Store

log = logging.getLogger(__name__)


class Graders:
    """One loaded ``AssignmentGrader`` per assignment, kept for the life of the worker."""

    def __init__(self, course_root: Path, mode: SandboxMode, lang: str = "de") -> None:
        self.course = find_course(course_root)
        self.options = GradeOptions(load_config(self.course.root), lang, mode)
        self._graders: dict[str, AssignmentGrader] = {}
        self._models: dict[str, Submission | None] = {}  # None: no model to prepare with
        self.seeds = PreparedSeeds(self.options.config.secret_seed, self._prepare)

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

    def _prepare(self, aid: str, seed: str, stop: Stop) -> bool:
        """The seed's reference results, computed ahead (``autograder.engine.prepare``)."""
        try:
            grader = self.get(aid)
            if aid not in self._models:
                self._models[aid] = model_submission(grader)
            model = self._models[aid]
            return model is None or prepare_seed(grader, model, seed, stop)
        except Exception:  # no usable model solution: its attempts compute their own results
            log.exception("practice seeds of %s cannot be prepared", aid)
            self._models[aid] = None
            return True


def grade_claimed(store: Store, graders: Graders, claim: Claim) -> bool:
    """Grade the claimed upload; True when this result is the one recorded."""
    upload = store.by_id(claim.upload_id)
    grader = graders.get(upload.aid)
    nonce = graders.seeds.take(upload.aid)  # prepared while idle, or drawn now
    seed = graders.seeds.seed(upload.aid, nonce)
    with tempfile.TemporaryDirectory(prefix="ag-serve-") as tmp:
        path = Path(tmp) / f"{upload.aid}.ipynb"
        path.write_bytes(store.content(upload.id))
        result = grade_one(grader, Found(upload.student_id, path), seed)
    result = dataclasses.replace(result, file=upload.filename)
    return store.finish(claim, json.dumps(dataclasses.asdict(result)), nonce)


def grade_upload(store: Store, graders: Graders, upload_id: int) -> bool:
    claim = store.claim(upload_id)
    return claim is not None and grade_claimed(store, graders, claim)


def worker_loop(
    database_url: str,
    course_root: Path,
    mode: SandboxMode,
    wake: multiprocessing.synchronize.Event,
    aids: list[str],
    reports: SimpleQueue[int] | None = None,
    preparing: multiprocessing.synchronize.Lock | None = None,
) -> None:
    """The embedded worker: grade queued uploads in order; while the service has nothing to
    do, prepare the next attempts' seeds (``preparing``: held by the one process doing so, None:
    never; it stops as soon as a job arrives or another process grades one: the preparation
    never takes CPU from a grading), then sleep until a job comes."""
    end_with_parent()  # even when the service is killed by kill -9
    store = Store(database_url)
    graders = Graders(course_root, mode)
    graders.warm(aids)
    while True:
        claim = store.next_claim()
        if claim is None:
            if preparing is not None and preparing.acquire(block=False):
                try:  # one process at a time: another one is always free to take a job at once
                    with lowest_priority():  # the idle CPU only: never slower pages or gradings
                        graders.seeds.prepare_idle(aids, stop=Busy(store, wake))
                finally:
                    preparing.release()
            wake.wait(timeout=1.0)
            wake.clear()  # (with several workers, one may sleep through a wake: at most 1 s)
            continue
        try:
            if grade_claimed(store, graders, claim) and reports is not None:
                reports.put(claim.upload_id)  # a page waiting for it hears at once (notify.py)
        except Exception:  # a broken grader must not stop the service; the job stays claimed
            log.exception("grading upload %s failed", claim.upload_id)


class Busy:
    """``stop`` for the preparation: the service has a job, queued (a new one wakes us) or
    being graded by another process (the store says so; asked every ``every_s`` at most)."""

    def __init__(
        self, store: Store, wake: multiprocessing.synchronize.Event, every_s: float = 0.02
    ) -> None:
        self._store, self._wake, self._every_s = store, wake, every_s
        self._asked = -1.0

    def __call__(self) -> bool:
        if self._wake.is_set():
            return True
        if time.monotonic() - self._asked < self._every_s:
            return False
        self._asked = time.monotonic()
        return self._store.has_work()


@contextlib.contextmanager
def lowest_priority() -> Iterator[None]:
    """Every thread of this process at nice 19 meanwhile (Linux: the nice value is per thread;
    the graders' pytest session has a thread of its own). Only where it can be undone (root,
    as the sandbox needs), else nothing changes."""
    if os.geteuid() != 0 or not Path("/proc/self/task").is_dir():
        yield
        return
    before = os.getpriority(os.PRIO_PROCESS, 0)  # this thread's: the service was started so
    _set_nice(19)
    try:
        yield
    finally:
        _set_nice(before)


def _set_nice(value: int) -> None:
    for thread in os.listdir("/proc/self/task"):
        with contextlib.suppress(ProcessLookupError):  # a thread that has just ended
            os.setpriority(os.PRIO_PROCESS, int(thread), value)
