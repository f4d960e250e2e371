"""On a real GPU (``cuda`` marker: skipped elsewhere; benchmarks/gpu_check.sh runs these): a
worker given the GPU sees it, torch's memory fraction is in force before student code runs, the
NVML watchdog ends a worker that resets the fraction and passes the limit, and a04's examples get
the same scores on the GPU as on the CPU."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from autograder.config import GradingConfig
from autograder.course import find_course
from autograder.engine.device import choose_device
from autograder.engine.runner import AssignmentGrader, GradeOptions
from autograder.sandbox import errors, gpu, zygote
from autograder.sandbox.launcher import Limits, SandboxMode, SandboxSpec
from autograder.sandbox.session import CodeCell, WorkerSession
from tests.conftest import REPO, TEST_SEED

pytestmark = pytest.mark.cuda

LIMIT_MIB = 1024
A04 = "a04_training"


@pytest.fixture(params=["zygote", "bwrap"])
def spec(request) -> SandboxSpec:
    limits = Limits(call_seconds=60, submission_seconds=120, gpu_memory_mib=LIMIT_MIB)
    base = SandboxSpec(limits=limits, gpu=gpu.discover(0))
    if request.param == "zygote" and not zygote.usable(base):
        pytest.skip("the zygote needs root on Linux")
    mode = SandboxMode.ZYGOTE if request.param == "zygote" else SandboxMode.BWRAP
    return dataclasses.replace(base, mode=mode)


def cells(source: str) -> list[CodeCell]:
    return [CodeCell("setup", "import time\nimport torch"), CodeCell("f", source)]


def test_the_worker_sees_its_gpu_and_nothing_else(spec):
    source = (
        "import os\ndef f():\n    x = torch.ones(1000, device='cuda')\n"
        "    nodes = sorted(n for n in os.listdir('/dev') if n.startswith('nvidia'))\n"
        "    return (torch.cuda.is_available(), torch.cuda.device_count(), float(x.sum()),\n"
        "            nodes, os.getuid() != 0, torch.backends.cuda.matmul.allow_tf32)\n"
    )
    with WorkerSession(spec, cells(source)) as session:
        available, count, total, nodes, unprivileged, tf32 = session.call("f")
    assert (available, count, total, unprivileged, tf32) == (True, 1, 1000.0, True, False)
    assert nodes == sorted(Path(node).name for node in spec.gpu.nodes)  # one nvidiaN, no caps


def test_the_memory_fraction_is_in_force_before_student_code(spec):
    source = (
        "def f(mib):\n    try:\n        torch.empty(mib << 20, dtype=torch.uint8, device='cuda')\n"
        "    except torch.OutOfMemoryError:\n        return 'oom'\n    return 'ok'\n"
    )
    with WorkerSession(spec, cells(source)) as session:
        assert session.call("f", 64) == "ok"
        assert session.call("f", LIMIT_MIB + 256) == "oom"


def test_the_watchdog_ends_a_worker_that_resets_the_fraction(spec):
    source = (
        "def f(mib):\n    torch.cuda.set_per_process_memory_fraction(1.0)\n"
        "    x = torch.empty(mib << 20, dtype=torch.uint8, device='cuda')\n"
        "    time.sleep(20)\n    return x.numel()\n"
    )
    with WorkerSession(spec, cells(source)) as session:
        with pytest.raises(errors.WorkerCrashed) as crash:
            session.call("f", 2 * LIMIT_MIB)
    assert crash.value.gpu_memory


def test_a04_examples_score_the_same_on_gpu_and_cpu():
    assignment = find_course(REPO).assignment(A04)
    device, access = choose_device("cuda")
    config = GradingConfig(TEST_SEED)
    graders = {
        "cpu": AssignmentGrader(assignment, GradeOptions(config)),
        "cuda": AssignmentGrader(assignment, GradeOptions(config, device=device, gpu=access)),
    }
    for name in ("perfect", "partly_wrong", "stub"):
        path = REPO / "examples" / A04 / f"{name}.ipynb"
        scores = {
            device: {t.task_id: (t.score, t.status) for t in grader.grade_file(path, name).tasks}
            for device, grader in graders.items()
        }
        assert scores["cuda"] == scores["cpu"], name
