"""The sandboxed worker: isolation, limits, and that one failure costs one call only.

Every test runs twice: with workers forked from the clean zygote and with workers started
through bubblewrap (the path for machines where the zygote cannot run).
"""

import dataclasses
import time

import numpy as np
import pytest

from autograder.sandbox import errors, zygote
from autograder.sandbox.launcher import Limits, SandboxMode, SandboxSpec
from autograder.sandbox.process import PopenProcess, ZygoteProcess
from autograder.sandbox.session import CodeCell, WorkerSession

FAST = SandboxSpec(limits=Limits(call_seconds=3, submission_seconds=60, memory_bytes=1 << 30))
LAUNCHERS = ["zygote", "bwrap"]


@pytest.fixture(params=LAUNCHERS, autouse=True)
def launcher(request, monkeypatch):
    """Run the test with one launcher: every spec built here gets ``zygote`` set to match."""
    use_zygote = request.param == "zygote"
    if use_zygote and not zygote.usable(FAST):
        pytest.skip("the zygote needs root on Linux")
    original = WorkerSession.__init__

    def init(self, spec, cells):
        original(
            self,
            dataclasses.replace(spec, mode=SandboxMode.ZYGOTE if use_zygote else SandboxMode.BWRAP),
            cells,
        )

    monkeypatch.setattr(WorkerSession, "__init__", init)
    return request.param


def session(*cells: tuple[str, str]) -> WorkerSession:
    return WorkerSession(
        FAST, [CodeCell("setup", "import numpy as np"), *(CodeCell(i, s) for i, s in cells)]
    )


def test_the_launcher_in_use_is_the_one_asked_for(launcher):
    with session() as s:
        s.ensure_started()
        kind = type(s._process.child)
    assert kind is (ZygoteProcess if launcher == "zygote" else PopenProcess)


def test_calls_return_plain_data():
    with session(("f", "def f(x):\n    return x * 2, float(x.sum())\n")) as s:
        doubled, total = s.call("f", np.arange(4.0))
    np.testing.assert_array_equal(doubled, [0, 2, 4, 6])
    assert total == 6.0


def test_variables_are_read_as_plain_data_and_functions_are_not_variables():
    with session(
        ("q", "antwort_1 = {'b', 'c'}\nantwort_2 = 0.25 * 3\ndef f():\n    return 1\n")
    ) as s:
        assert s.get("antwort_1") == {"b", "c"}
        assert s.get("antwort_2") == 0.75
        with pytest.raises(errors.FunctionMissing):
            s.get("f")
        with pytest.raises(errors.FunctionMissing):
            s.get("antwort_3")


def test_worker_is_unprivileged_without_network_and_sees_no_course_files(tmp_path):
    probe = """
import os, socket
def probe():
    out = {"uid": os.getuid(), "root_entries": sorted(os.listdir("/"))}
    try:
        socket.create_connection(("127.0.0.1", 22), timeout=1)
        out["net"] = "open"
    except OSError as exc:
        out["net"] = type(exc).__name__
    out["etc_passwd"] = os.path.exists("/etc/passwd")
    out["repo_visible"] = os.path.exists("REPO/autograder/graders")
    try:
        import autograder  # noqa: F401
        out["autograder"] = True
    except ImportError:
        out["autograder"] = False
    return out
""".replace("REPO", str(__import__("pathlib").Path(__file__).resolve().parents[2]))
    with session(("probe", probe)) as s:
        result = s.call("probe")
    assert result["uid"] != 0
    assert result["net"] != "open"
    assert result["etc_passwd"] is False
    assert result["repo_visible"] is False
    assert result["autograder"] is False
    assert "root" not in result["root_entries"] and "home" not in result["root_entries"]


def test_timeout_costs_one_call_and_the_worker_restarts():
    code = "import time\ndef slow():\n    time.sleep(30)\ndef fast():\n    return 1\n"
    with session(("f", code)) as s:
        started = time.monotonic()
        with pytest.raises(errors.CallTimeout):
            s.call("slow")
        assert time.monotonic() - started < 10
        assert s.call("fast") == 1
        assert s.starts == 2


def test_hanging_cell_is_skipped_and_reported():
    with session(("hang", "while True:\n    pass\n"), ("ok", "def g():\n    return 'fine'\n")) as s:
        assert s.call("g") == "fine"
    assert s.cell_reports["hang"].status == "timeout"


def test_exception_in_cell_is_reported_with_its_line():
    with session(("bad", "x = 1\ny = undefined_name\n")) as s:
        s.ensure_started()
    report = s.cell_reports["bad"]
    assert report.status == "error" and report.error_type == "NameError" and report.line == 2


def test_memory_bomb_hits_the_limit():
    with session(("m", "def m():\n    return bytearray(3 << 30)\n")) as s:
        with pytest.raises((errors.StudentException, errors.WorkerCrashed)):
            s.call("m")


def test_os_exit_is_a_crash_not_a_result():
    with session(("e", "import os\ndef e():\n    print('3 passed')\n    os._exit(0)\n")) as s:
        with pytest.raises(errors.WorkerCrashed):
            s.call("e")


def test_fork_bomb_is_contained():
    code = "import os\ndef bomb():\n    for _ in range(10000):\n        os.fork()\n"
    spec = SandboxSpec(limits=Limits(call_seconds=3, submission_seconds=30, processes=32))
    with WorkerSession(spec, [CodeCell("b", code)]) as s:
        with pytest.raises(errors.StudentCodeError):
            s.call("bomb")


def test_custom_object_is_refused():
    code = "class E:\n    def __eq__(self, o):\n        return True\ndef f():\n    return E()\n"
    with session(("f", code)) as s, pytest.raises(errors.UnsupportedReturn):
        s.call("f")


def test_budget_is_enforced():
    spec = SandboxSpec(limits=Limits(call_seconds=2, submission_seconds=3))
    code = "import time\ndef slow():\n    time.sleep(10)\n"
    with WorkerSession(spec, [CodeCell("s", code)]) as s:
        with pytest.raises(errors.StudentCodeError):
            s.call("slow")
        with pytest.raises(errors.StudentCodeError):
            s.call("slow")
        with pytest.raises(errors.BudgetExhausted):
            s.call("slow")


def test_concurrent_workers_get_distinct_uids():
    import os

    if os.geteuid() != 0:
        pytest.skip("uid leasing needs root (without it bwrap's user namespace is the isolation)")
    code = "import os\ndef uid():\n    return os.getuid()\n"
    with session(("u", code)) as first, session(("u", code)) as second:
        assert first.call("uid") != second.call("uid")
        assert first.call("uid") == first.uid() and first.uid() >= 200_000
