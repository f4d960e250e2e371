"""Scale-out: the same jobs through Celery with a Redis broker (workers on any machine that
reaches the broker and the database, e.g. PostgreSQL).

A message carries only the upload's id; the worker reads the notebook from the database,
claims the job, grades it and records the result under its claim. Messages are acknowledged
late and rejected when their worker dies, so a killed worker's job is delivered again (at once
when a pool process dies; after ``visibility_timeout`` when the whole worker is gone), and the
claim makes sure that it is recorded once.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import redis
from celery import Celery
from celery.signals import worker_process_init

from autograder.sandbox.launcher import SandboxMode
from autograder.serve.config import ServeConfig, load_serve_config
from autograder.serve.grading import Graders, grade_upload
from autograder.serve.store import GRADING, QUEUED, Store

COURSE_ENV = "AUTOGRADER_SERVE_COURSE"
TASK = "autograder.serve.grade"
GRADED_CHANNEL = "autograder-serve-graded"  # a graded upload's id, for the pages waiting on it
RECONNECT_S = 1.0

log = logging.getLogger(__name__)


def celery_app(config: ServeConfig) -> Celery:
    app = Celery("autograder-serve", broker=config.broker)
    app.conf.update(
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        broker_transport_options={"visibility_timeout": config.visibility_timeout},
        broker_connection_retry_on_startup=True,
        task_ignore_result=True,
        worker_hijack_root_logger=False,
    )
    app.task(name=TASK, bind=True)(_grade_task)
    return app


@cache
def _worker_state(course_root: str) -> tuple[ServeConfig, Store, Graders]:
    config = load_serve_config(Path(course_root))
    graders = Graders(config.course_root, SandboxMode.ZYGOTE)
    graders.warm(config.practice_assignments())
    return config, Store(config.database_url), graders


@worker_process_init.connect
def _warm(**_: object) -> None:
    """Each pool process loads the assignments before it takes its first job."""
    if COURSE_ENV in os.environ:
        _worker_state(os.environ[COURSE_ENV])


def _grade_task(task: object, upload_id: int) -> bool:
    config, store, graders = _worker_state(os.environ[COURSE_ENV])
    graded = grade_upload(store, graders, upload_id)
    if graded:
        publish_graded(config.broker, upload_id)
    return graded


def publish_graded(broker: str, upload_id: int) -> None:
    """Tell the web process that ``upload_id`` is graded (its result is recorded already); a
    lost message only makes the page look again a little later (``notify.FALLBACK_S``)."""
    try:
        _redis(broker).publish(GRADED_CHANNEL, str(upload_id))
    except redis.RedisError as exc:
        log.warning("could not announce graded upload %d: %s", upload_id, exc)


@cache
def _redis(broker: str) -> redis.Redis:
    return redis.Redis.from_url(broker)


def graded_reports(broker: str) -> Iterator[int]:
    """The ids the Celery workers announce as graded, for ever (``notify.Finished.listen``);
    a lost connection to the broker is opened again (said once per outage)."""
    lost = False
    while True:
        try:
            subscription = redis.Redis.from_url(broker).pubsub(ignore_subscribe_messages=True)
            subscription.subscribe(GRADED_CHANNEL)
            if lost:
                log.warning("hearing of graded uploads from %s again", broker)
            lost = False
            for message in subscription.listen():
                data = message.get("data")
                if isinstance(data, bytes) and data.isdigit():
                    yield int(data)
        except redis.RedisError as exc:
            if not lost:
                log.warning("not hearing of graded uploads from %s: %s", broker, exc)
            lost = True
            time.sleep(RECONNECT_S)


def dispatch(config: ServeConfig) -> Callable[[int], None]:
    app = celery_app(config)
    return lambda upload_id: app.send_task(TASK, args=[upload_id])


def resend_queued(config: ServeConfig, store: Store) -> int:
    """Jobs stored but perhaps never sent (the service died in between): send them again; a
    duplicate message finds its job claimed or done and does nothing."""
    ids = [u.id for u in store.all_uploads() if u.status in (QUEUED, GRADING)]
    send = dispatch(config)
    for upload_id in ids:
        send(upload_id)
    return len(ids)


def run_worker(course_root: Path, concurrency: int = 1, name: str = "") -> None:
    """``autograder serve worker``: a Celery worker for this course's jobs."""
    os.environ[COURSE_ENV] = str(course_root)
    app = celery_app(load_serve_config(course_root))
    argv = ["worker", f"--concurrency={concurrency}", "--pool=prefork", "--loglevel=WARNING"]
    app.worker_main([*argv, *([f"--hostname={name}@%h"] if name else [])])
