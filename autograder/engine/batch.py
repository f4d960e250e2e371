"""Grade many submissions of one assignment; one bad submission never stops the batch.

With ``jobs > 1`` submissions are graded in parallel, each grader process holding its own
loaded assignment; all of them fork their workers from this process's zygotes and share its
reference results. Every finished submission is journaled at once (see
``autograder/results/journal.py``), so a killed batch resumes where it stopped.
"""

from __future__ import annotations

import datetime as dt
import logging
import multiprocessing
import multiprocessing.util
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path

from autograder.course import Assignment
from autograder.engine.lifetime import end_with_parent
from autograder.engine.reference import SharedResults
from autograder.engine.runner import AssignmentGrader, GradeOptions, GraderBroken, sandbox_specs
from autograder.i18n import Text
from autograder.notebook.discover import Found
from autograder.results.journal import Journal
from autograder.results.model import BatchResult, SubmissionResult
from autograder.sandbox import session, zygote

log = logging.getLogger(__name__)

Progress = Callable[[Found, SubmissionResult, bool], None]  # bool: taken from the journal


def grade_batch(
    assignment: Assignment,
    found: list[Found],
    options: GradeOptions,
    progress: Progress | None = None,
    jobs: int = 1,
    journal: Journal | None = None,
    prove: Callable[[], None] | None = None,
) -> BatchResult:
    """Grade ``found`` (those the journal has not already). ``prove``: the sandbox's check, run
    once the graders are loading and before any submission is graded, so that they load and
    warm up meanwhile; it raises to stop the batch (no worker has started then)."""
    batch = BatchResult(
        assignment=assignment.aid,
        lang=options.lang,
        generated_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        secret_fingerprint=options.config.fingerprint,
        title=assignment.spec().title,
    )
    results: dict[int, SubmissionResult] = {}
    todo = []
    for index, item in enumerate(found):
        cached = journal.lookup(item) if journal else None
        if cached is not None:
            results[index] = cached
            if progress:
                progress(item, cached, True)
        else:
            todo.append(index)
    graded = _grade_all(assignment, options, [found[i] for i in todo], todo, jobs, prove)
    for index, result in graded:
        if journal:
            journal.record(found[index], result)
        results[index] = result
        if progress:
            progress(found[index], result, False)
    batch.submissions = [results[i] for i in range(len(found))]
    return batch


def _grade_all(
    assignment: Assignment,
    options: GradeOptions,
    items: list[Found],
    indices: list[int],
    jobs: int,
    prove: Callable[[], None] | None,
) -> Iterator[tuple[int, SubmissionResult]]:
    if not items:
        return
    specs = sandbox_specs(assignment, options)
    if jobs <= 1 or len(items) == 1:
        zygote.prestart(specs)  # numpy and torch load there while we load the references
        grader = AssignmentGrader(assignment, options)
        grader.warm_up(tasks_asked(items))
        if prove is not None:
            prove()
        try:
            for position, (index, item) in enumerate(zip(indices, items, strict=True)):
                yield index, _grade_next(grader, item, position < len(items) - 1)
        finally:
            session.ahead.drain()
        return
    shared = zygote.shared_addresses(specs)  # one set of zygotes for the whole batch
    context = _grader_processes()
    with tempfile.TemporaryDirectory(prefix="agrefs-") as references:
        pool = ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=context,
            initializer=_init_process,
            initargs=(assignment, options, shared, Path(references), tasks_asked(items)),
        )
        try:
            if prove is not None:
                _load_graders(pool, min(jobs, len(items)))
                prove()
            # a process's last submission starts no worker ahead: the last ``jobs`` ones are
            # (nearly always) the last of each process
            pending: dict[Future[SubmissionResult], int] = {
                pool.submit(_grade_in_process, item, position < len(items) - jobs): index
                for position, (index, item) in enumerate(zip(indices, items, strict=True))
            }
            while pending:
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for future in done:
                    yield pending.pop(future), future.result()
        finally:
            # not waited for: the grader processes' exit (≈ 0.3 s) overlaps the reports;
            # Python's exit handler joins them
            pool.shutdown(wait=False, cancel_futures=True)


def _load_graders(pool: ProcessPoolExecutor, count: int) -> None:
    """Start ``count`` grader processes now (each loads and warms up the graders), without a
    submission: the pool starts a process for each job it is given while none is idle."""
    for _ in range(count):
        pool.submit(_loaded)


def _loaded() -> None:
    """A job that only makes the pool start a grader process (see ``_load_graders``)."""


def _grader_processes() -> multiprocessing.context.BaseContext:
    """Grader processes forked from one fresh server process that has imported the engine once
    (``forkserver``): fresh interpreters as with ``spawn`` — none of our threads, open files or
    zygote connections —, but not one import of the engine each (≈ 0.5 s of CPU per process).
    numpy's BLAS threads in the server are fork-safe (OpenBLAS restarts them in the child)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


_process_grader: AssignmentGrader | None = None


def tasks_asked(items: list[Found]) -> frozenset[str] | None:
    """The tasks some submission of the batch is graded on (None: every task)."""
    if any(item.only is None for item in items):
        return None
    return frozenset().union(*(item.only or () for item in items))


def _init_process(
    assignment: Assignment,
    options: GradeOptions,
    shared: dict[zygote.Key, str],
    references: Path,
    tasks: frozenset[str] | None,
) -> None:
    global _process_grader
    end_with_parent()  # a killed batch leaves no grader process behind
    zygote.share(shared)
    _process_grader = AssignmentGrader(assignment, options, SharedResults(references))
    _process_grader.warm_up(tasks)
    # a pool's process ends through multiprocessing's exit, which runs no atexit handlers
    multiprocessing.util.Finalize(None, session.ahead.drain, exitpriority=10)


def _grade_in_process(item: Found, more: bool) -> SubmissionResult:
    assert _process_grader is not None
    return _grade_next(_process_grader, item, more)


def _grade_next(grader: AssignmentGrader, item: Found, more: bool) -> SubmissionResult:
    """``grade_one``; while ``more`` submissions follow, each worker it starts is replaced by
    one started ahead for the next (``sandbox/standby.py``)."""
    session.ahead.refilling = more
    return grade_one(grader, item)


def grade_one(grader: AssignmentGrader, item: Found, seed: str | None = None) -> SubmissionResult:
    try:
        return grader.grade_file(item.path, item.student_id, item.only, seed=seed)
    except GraderBroken:
        raise
    except Exception:  # an engine bug must cost this submission only, and be visible
        log.exception("internal error while grading %s", item.path)
        text = Text(
            "Interner Fehler beim Bewerten; die Lehrenden wurden informiert.",
            "Internal error while grading; the instructors have been told.",
        )
        result = grader.error_result(item.student_id, Path(item.path), text, time.monotonic())
        result.notes.append("internal error: see the grader's log")
        for task in result.tasks:
            task.needs_review = True
        return result
