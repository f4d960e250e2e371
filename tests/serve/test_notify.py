"""A waiting status request is woken by the report of its upload, and by nothing else: from an
embedded grading process (a queue) or from a Celery worker (the broker's Redis channel)."""

from __future__ import annotations

import asyncio
import multiprocessing
import shutil

import pytest

from autograder.serve.notify import Finished


def test_a_report_wakes_exactly_the_requests_waiting_for_that_upload() -> None:
    reports = multiprocessing.get_context("spawn").SimpleQueue()
    finished = Finished()
    finished.listen(iter(reports.get, None))

    async def wait_for_reports() -> tuple[bool, bool, bool]:
        with finished.watch(7) as seven, finished.watch(7) as again, finished.watch(8) as eight:
            reports.put(7)  # as a grading process does after recording upload 7
            await asyncio.wait_for(asyncio.gather(seven, again), timeout=30)
            await asyncio.sleep(0.05)
            return seven.done(), again.done(), eight.done()

    assert asyncio.run(wait_for_reports()) == (True, True, False)
    assert not finished._waiting  # nothing left behind once the requests are answered


@pytest.mark.skipif(not shutil.which("redis-server"), reason="redis-server: scripts/setup.sh")
def test_a_celery_workers_announcement_wakes_the_requests_waiting_for_that_upload(
    redis_url: str,
) -> None:
    from autograder.serve.queue import graded_reports, publish_graded

    finished = Finished()
    finished.listen(graded_reports(redis_url))

    async def wait_for_announcement() -> tuple[bool, bool]:
        with finished.watch(7) as seven, finished.watch(8) as eight:
            while not seven.done():  # until the listener has subscribed, nobody hears it
                publish_graded(redis_url, 7)  # as a Celery worker does after recording 7
                await asyncio.wait([seven], timeout=0.1)
            await asyncio.sleep(0.05)
            return seven.done(), eight.done()

    assert asyncio.run(asyncio.wait_for(wait_for_announcement(), timeout=30)) == (True, False)
