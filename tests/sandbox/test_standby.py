"""Workers started ahead: the next submission's worker is ready when it is asked for, is fresh
(nothing of the previous submission), and nothing is left behind when the batch ends."""

from __future__ import annotations

import os
import threading
import time

import pytest

from autograder.sandbox import session as session_module
from autograder.sandbox import standby, zygote
from autograder.sandbox.launcher import Limits, SandboxSpec
from autograder.sandbox.session import CodeCell, WorkerSession

SPEC = SandboxSpec(limits=Limits(call_seconds=10, submission_seconds=60, memory_bytes=1 << 30))


# ------------------------------------------------------------------ the generic part


class Started:
    """A stand-in worker: which start made it, and whether it was ended."""

    def __init__(self, number: int) -> None:
        self.number = number
        self.ended = False


def _standby(ended: list[Started]) -> standby.Standby[Started]:
    def end(worker: Started) -> None:
        worker.ended = True
        ended.append(worker)

    return standby.Standby(end)


def _counter():
    count = iter(range(1, 1000))
    return lambda: Started(next(count))


def test_nothing_is_started_ahead_unless_more_submissions_follow():
    ahead = _standby([])
    start = _counter()
    ahead.refill("spec", start)
    assert ahead.take("spec") is None
    ahead.refilling = True
    ahead.refill("spec", start)
    taken = ahead.take("spec")
    assert taken is not None and taken.number == 1
    assert ahead.take("spec") is None  # taken once, never given to a second session
    ahead.drain()


def test_one_worker_waits_per_sandbox_and_take_waits_for_one_still_starting():
    ahead = _standby([])
    ahead.refilling = True
    release = threading.Event()
    started = []

    def slow() -> Started:
        release.wait(5)
        started.append(1)
        return Started(len(started))

    ahead.refill("a", slow)
    ahead.refill("a", slow)  # one is already on its way: no second one
    threading.Timer(0.05, release.set).start()
    assert ahead.take("a").number == 1
    assert ahead.take("b") is None
    ahead.drain()
    assert started == [1]


def test_a_failed_start_is_no_worker_and_drain_ends_the_unused_ones():
    ended: list[Started] = []
    ahead = _standby(ended)
    ahead.refilling = True

    def broken() -> Started:
        raise OSError("the zygote is gone")

    ahead.refill("broken", broken)
    assert ahead.take("broken") is None
    ahead.refill("unused", _counter())
    ahead.drain()
    assert [w.number for w in ended] == [1]
    assert not ahead.refilling
    assert ahead.take("unused") is None


def test_cleanups_run_now_without_a_batch_and_are_all_done_after_drain():
    ahead = _standby([])
    done = []
    ahead.behind(lambda: done.append("now"))
    assert done == ["now"]  # nothing started ahead: no background thread either
    ahead.refilling = True
    ahead.refill("spec", _counter())
    ahead.behind(lambda: (time.sleep(0.05), done.append("later")))
    ahead.behind(lambda: 1 / 0)  # logged, and the others still run
    ahead.drain()
    assert done == ["now", "later"]


def test_a_forked_child_forgets_its_parents_workers():
    ahead = _standby([])
    ahead.refilling = True
    ahead.refill("spec", _counter())
    pid = os.fork()
    if pid == 0:
        os._exit(0 if ahead.take("spec") is None and not ahead.refilling else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert ahead.take("spec") is not None
    ahead.drain()


# ------------------------------------------------------------------ real workers

needs_zygote = pytest.mark.skipif(not zygote.usable(SPEC), reason="the zygote needs root on Linux")


@pytest.fixture
def ahead():
    session_module.ahead.refilling = True
    yield session_module.ahead
    session_module.ahead.drain()


def _session(source: str) -> WorkerSession:
    return WorkerSession(SPEC, [CodeCell("setup", "import os"), CodeCell("code", source)])


@needs_zygote
def test_the_next_session_gets_a_fresh_worker_started_ahead(ahead):
    first = _session("secret = 'of the first submission'\ndef pid():\n    return os.getpid()\n")
    with first:
        first.ensure_started()
        waiting = ahead._waiting[SPEC]  # the next one is on its way while this one runs
        assert first.call("pid") > 0
        first_uid = first.uid()
    second = _session(
        "def pid():\n    return os.getpid()\n"
        "def leftover():\n    return globals().get('secret', 'nothing')\n"
    )
    with second:
        second.ensure_started()
        assert second._process is waiting.result()  # the one started ahead, not a new one
        assert second.call("leftover") == "nothing"
        assert second.uid() != first_uid
        assert second.starts == 1


@needs_zygote
def test_a_worker_that_died_waiting_is_replaced(ahead):
    with _session("x = 1") as first:
        first.ensure_started()
        waiting = ahead._waiting[SPEC].result()
    waiting.child.kill()
    with _session("def one():\n    return 1\n") as second:
        assert second.call("one") == 1
        assert second._process is not waiting


@needs_zygote
def test_drain_leaves_no_worker_cgroup_or_uid_behind(ahead):
    with _session("x = 1") as first:
        first.ensure_started()
    unused = ahead._waiting[SPEC].result()
    cgroup, uid = unused.cgroup, unused.uid_lease
    ahead.drain()
    assert unused.child.wait(5) is not None  # ended
    if cgroup is not None:
        assert not any(folder.exists() for folder in cgroup.folders)
    if uid is not None:
        assert uid._fd == -1  # the lease is released
