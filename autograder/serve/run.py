"""Start the service: the web app (uvicorn) and, in the embedded mode, one grading process.

In the Celery mode the web app only stores uploads and sends their ids to the broker; workers
(``autograder serve worker``, on this or other machines) grade them.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Callable
from multiprocessing.queues import SimpleQueue
from pathlib import Path

from autograder.course import find_course
from autograder.sandbox.launcher import SandboxMode, SandboxSpec, check_sandbox_available
from autograder.serve.app import Service, build_app
from autograder.serve.config import ServeConfig, load_serve_config
from autograder.serve.grading import worker_loop
from autograder.serve.hub import HubSignIn, Roster
from autograder.serve.notify import Finished
from autograder.serve.store import Store

log = logging.getLogger(__name__)


def embedded_workers(
    config: ServeConfig, mode: SandboxMode, finished: Finished
) -> Callable[[int], None]:
    """Start the grading processes (they report each graded job to ``finished``); returns how
    to wake them for a new job."""
    context = multiprocessing.get_context("spawn")  # a fresh interpreter: no inherited threads
    wake = context.Event()
    reports: SimpleQueue[int] = context.SimpleQueue()
    finished.listen(iter(reports.get, None))
    preparing = context.Lock() if config.prepare_seeds else None  # one process prepares at a time
    for number in range(config.workers):
        context.Process(
            target=worker_loop,
            args=(
                config.database_url,
                config.course_root,
                mode,
                wake,
                config.practice_assignments(),
                reports,
                preparing,
            ),
            name=f"autograder-serve-worker-{number}",
            daemon=True,
        ).start()
    wake.set()  # jobs left queued by an earlier run are graded first
    alive = (wake, preparing)  # as long as the service: the processes open them by name

    def notify(_upload_id: int) -> None:
        alive[0].set()

    return notify


def make_service(course_root: Path, mode: SandboxMode) -> Service:
    course = find_course(course_root)
    config = load_serve_config(course.root)
    store = Store(config.database_url)
    finished = Finished()
    if config.queue == "embedded":
        check_sandbox_available(SandboxSpec(mode=mode))
        requeued = store.requeue_interrupted()
        notify = embedded_workers(config, mode, finished)
    else:
        from autograder.serve.queue import dispatch, graded_reports, resend_queued

        requeued = resend_queued(config, store)
        notify = dispatch(config)
        finished.listen(graded_reports(config.broker))
    if requeued:
        log.warning("%d interrupted job(s) queued again", requeued)
    return Service(config, course, store, notify, hub=hub_sign_in(config, store), finished=finished)


def hub_sign_in(config: ServeConfig, store: Store) -> HubSignIn | None:
    """JupyterHub's sign-in where serve.toml has a [hub] table; its students: those with a
    token, then the gradebook's (asked only for others)."""
    if config.hub is None:
        return None
    from autograder.nbgrader.roster import gradebook_students

    return HubSignIn(
        config.hub, Roster(store.known_students, lambda: gradebook_students(config.course_root))
    )


def serve(course_root: Path, host: str, port: int, mode: SandboxMode) -> None:
    import uvicorn

    app = build_app(make_service(course_root, mode))
    uvicorn.run(app, host=host, port=port, log_level="warning")
