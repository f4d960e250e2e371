"""A waiting status request is woken by the grading process's report of its upload, and by
nothing else."""

from __future__ import annotations

import asyncio
import multiprocessing

from autograder.serve.notify import Finished


def test_a_report_wakes_exactly_the_requests_waiting_for_that_upload() -> None:
    reports = multiprocessing.get_context("spawn").SimpleQueue()
    finished = Finished()
    finished.listen(reports)

    async def wait_for_reports() -> tuple[bool, bool, bool]:
        with finished.watch(7) as seven, finished.watch(7) as again, finished.watch(8) as eight:
            reports.put(7)  # as a grading process does after recording upload 7
            await asyncio.wait_for(asyncio.gather(seven, again), timeout=30)
            await asyncio.sleep(0.05)
            return seven.done(), again.done(), eight.done()

    assert asyncio.run(wait_for_reports()) == (True, True, False)
    assert not finished._waiting  # nothing left behind once the requests are answered
