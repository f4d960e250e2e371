"""The NVML watchdog: its kill decision on fake NVML readings, and a real sandboxed worker (on the
CPU) ended by it, with the GPU memory message in the task's feedback. Also: a device node bound
into the sandbox (as a GPU's are) is usable by the unprivileged worker in both launchers."""

from __future__ import annotations

import dataclasses
import os

import pytest

from autograder.sandbox import errors, launcher, zygote
from autograder.sandbox.gpu import GpuAccess
from autograder.sandbox.gpu_watchdog import (
    GpuWatchdog,
    descends_from,
    parent_from_stat,
    usage_by_pid,
    worker_usage,
)
from autograder.sandbox.launcher import Limits, SandboxMode, SandboxSpec
from autograder.sandbox.mounts import Mount
from autograder.sandbox.process import pid_from_fdinfo
from autograder.sandbox.session import CodeCell, WorkerSession
from tests.sandbox.test_gpu import FakeNvml

MIB = 1 << 20
# a fake process tree: 100 is the worker's root, 101 its python, 102 a child the student forked;
# 200 is another grader's worker, 300 something unrelated
PARENTS = {101: 100, 102: 101, 100: 50, 50: 1, 200: 50, 300: 1}


def test_proc_parsing():
    assert parent_from_stat("4242 (python3 (a) b) S 4100 4242 4242 0 -1") == 4100
    assert pid_from_fdinfo("pos:\t0\nflags:\t02000002\nmnt_id:\t15\nPid:\t8123\n") == 8123
    assert pid_from_fdinfo("Pid:\t-1\n") is None  # the process is gone


def test_only_the_workers_own_processes_count():
    usage = usage_by_pid(
        FakeNvml(
            [(101, 300 * MIB), (102, 200 * MIB), (200, 900 * MIB), (300, None)]
        ).nvmlDeviceGetComputeRunningProcesses(0)
    )
    assert usage == {101: 300 * MIB, 102: 200 * MIB, 200: 900 * MIB}  # no reading: left out
    assert worker_usage(usage, (100,), PARENTS.get) == 500 * MIB
    assert worker_usage(usage, (200,), PARENTS.get) == 900 * MIB
    assert not descends_from(300, 100, PARENTS.get)


def test_a_forked_workers_processes_descend_from_it_or_from_its_init():
    """A zygote's worker is the zygote's child, not its init's; the init adopts the orphans."""
    parents = {101: 60, 102: 101, 103: 100, 100: 50, 60: 1, 200: 60}  # 60: the zygote
    usage = {101: 300 * MIB, 102: 200 * MIB, 103: 100 * MIB, 200: 900 * MIB, 60: 50 * MIB}
    assert worker_usage(usage, (101, 100), parents.get) == 600 * MIB
    assert worker_usage(usage, (100,), parents.get) == 100 * MIB  # the init's alone: too little


def watchdog(readings, limit_mib=400) -> tuple[GpuWatchdog, list[str]]:
    killed: list[str] = []
    dog = GpuWatchdog(
        FakeNvml(readings), 0, limit_mib * MIB, (100,), lambda: killed.append("kill"), PARENTS.get
    )
    return dog, killed


def test_the_worker_is_ended_once_past_the_limit():
    dog, killed = watchdog([(101, 300 * MIB), (102, 200 * MIB)])
    assert dog.check() and dog.check()
    assert killed == ["kill"] and dog.exceeded and dog.peak_bytes == 500 * MIB


def test_usage_at_the_limit_or_of_other_processes_is_left_alone():
    dog, killed = watchdog([(101, 400 * MIB), (200, 4000 * MIB), (300, 4000 * MIB)])
    assert not dog.check()
    assert killed == [] and not dog.exceeded and dog.peak_bytes == 400 * MIB


def test_a_failed_nvml_reading_kills_nothing():
    dog, killed = watchdog(FakeNvml.NVMLError("Not Found"))
    assert not dog.check() and killed == []


# ------------------------------------------------------------------ real workers, on the CPU

SPEC = SandboxSpec(limits=Limits(call_seconds=10, submission_seconds=60, memory_bytes=1 << 30))
LAUNCHERS = ["zygote", "bwrap"]


def spec_for(launcher_name: str, **changes) -> SandboxSpec:
    use_zygote = launcher_name == "zygote"
    if use_zygote and not zygote.usable(SPEC):
        pytest.skip("the zygote needs root on Linux")
    mode = SandboxMode.ZYGOTE if use_zygote else SandboxMode.BWRAP
    return dataclasses.replace(SPEC, mode=mode, **changes)


class EveryProcessUsesTheGpu(FakeNvml):
    """NVML as if every process of this machine held 1 GiB on the GPU once ``armed``: only the
    watched worker's own processes may count, and only that worker may be ended."""

    armed = False

    def nvmlDeviceGetComputeRunningProcesses(self, handle):
        pids = [int(name) for name in os.listdir("/proc") if name.isdigit() and self.armed]
        return super().nvmlDeviceGetComputeRunningProcesses(handle) + [
            type("P", (), {"pid": pid, "usedGpuMemory": 1 << 30})() for pid in pids
        ]


@pytest.mark.parametrize("launcher_name", LAUNCHERS)
def test_the_watchdog_ends_a_real_worker_over_the_limit(launcher_name):
    spec = spec_for(launcher_name, limits=dataclasses.replace(SPEC.limits, gpu_memory_mib=512))
    cells = [CodeCell("f", "import time\ndef f():\n    time.sleep(8)\n    return 1\n")]
    nvml = EveryProcessUsesTheGpu()
    with WorkerSession(spec, cells, nvml=nvml) as session:
        session.ensure_started()
        nvml.armed = True  # the student's call allocates on the GPU
        with pytest.raises(errors.WorkerCrashed) as crash:
            session.call("f")
    assert crash.value.gpu_memory


@pytest.mark.parametrize("launcher_name", LAUNCHERS)
def test_a_bound_device_node_is_usable_inside_the_sandbox(monkeypatch, launcher_name):
    """The GPU's nodes are bound like this (``dev-bind``): here /dev/zero stands in for
    /dev/nvidia0, since this machine has no GPU."""
    fake = GpuAccess(0, "GPU-fake", 1 << 30, ("/dev/nvidia0",))
    monkeypatch.setattr(
        launcher, "gpu_mounts", lambda access: [Mount("dev-bind", "/dev/nvidia0", "/dev/zero")]
    )
    monkeypatch.setattr(launcher, "gpu_environment", lambda access, mib: {"GPU_SEEN": access.uuid})
    cells = [
        CodeCell(
            "f",
            "import os\ndef f():\n    with open('/dev/nvidia0', 'r+b', buffering=0) as d:\n"
            "        d.write(b'x')\n        data = d.read(4)\n"
            "    return data == bytes(4), os.environ['GPU_SEEN'], os.path.exists('/dev/nvidia1')\n",
        )
    ]
    with WorkerSession(spec_for(launcher_name, gpu=fake), cells, nvml=FakeNvml()) as session:
        assert session.call("f") == (True, "GPU-fake", False)
