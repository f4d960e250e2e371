"""``--device cuda`` on machines without a GPU: every decision about a GPU worker is a function of
plain data (a /dev listing, ``ldconfig -p``, NVML's answers), checked here with fakes. The real
GPU checks are in ``test_gpu_device.py`` (marked ``cuda``, run by benchmarks/gpu_check.sh)."""

from __future__ import annotations

import dataclasses
import importlib
import sys
from types import SimpleNamespace

import pytest

from autograder import cli
from autograder.engine.device import DeviceUnavailable, choose_device
from autograder.engine.messages import explain
from autograder.sandbox import errors, gpu, seccomp
from autograder.sandbox.gpu import GpuAccess, GpuUnavailable
from autograder.sandbox.launcher import (
    Limits,
    SandboxMode,
    SandboxSpec,
    bwrap_command,
    zygote_request,
)
from autograder.sandbox.mounts import Mount

DEV = [
    "null", "zero", "nvidiactl", "nvidia-uvm", "nvidia-uvm-tools", "nvidia-modeset",
    "nvidia0", "nvidia1", "nvidia-caps", "dri", "kvm",
]  # fmt: skip
LDCONFIG = """\
1234 libs found in cache `/etc/ld.so.cache'
\tlibnvidia-ml.so.1 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1
\tlibnvidia-ml.so.1 (libc6) => /usr/lib/i386-linux-gnu/libnvidia-ml.so.1
\tlibnvidia-ptxjitcompiler.so.1 (libc6,x86-64) => /usr/local/nvidia/lib64/libnvidia-ptxjitcompiler.so.1
\tlibcudart.so.12 (libc6,x86-64) => /usr/local/cuda/lib64/libcudart.so.12
\tlibcuda.so.1 (libc6,x86-64) => /opt/nvidia/driver/libcuda.so.1
\tlibcuda.so (libc6,x86-64) => /opt/nvidia/driver/libcuda.so
\tlibc.so.6 (libc6,x86-64, OS ABI: Linux 3.2.0) => /lib/x86_64-linux-gnu/libc.so.6
\tlibnvidia-nvvm.so.4 (libc6,x86-64) => /lib/x86_64-linux-gnu/libnvidia-nvvm.so.4
"""
ACCESS = GpuAccess(
    index=1,
    uuid="GPU-8f1c-fake",
    total_bytes=16 << 30,
    nodes=("/dev/nvidiactl", "/dev/nvidia-uvm", "/dev/nvidia1"),
    libraries=("/opt/nvidia/driver/libcuda.so.1",),
)


def test_a_worker_gets_the_control_nodes_and_only_its_own_gpu():
    assert gpu.device_nodes(DEV, 1) == (
        "/dev/nvidiactl",
        "/dev/nvidia-uvm",
        "/dev/nvidia-uvm-tools",
        "/dev/nvidia1",
    )  # not nvidia0, not nvidia-modeset (display), not nvidia-caps (MIG only)
    without_tools = [name for name in DEV if name != "nvidia-uvm-tools"]
    assert "/dev/nvidia-uvm-tools" not in gpu.device_nodes(without_tools, 0)


@pytest.mark.parametrize("missing", ["nvidiactl", "nvidia-uvm", "nvidia1"])
def test_missing_nodes_say_what_is_missing(missing):
    with pytest.raises(GpuUnavailable, match=f"/dev/{missing}"):
        gpu.device_nodes([name for name in DEV if name != missing], 1)


def test_driver_libraries_come_from_ldconfig_for_this_architecture():
    found = gpu.driver_libraries(LDCONFIG, "x86_64")
    assert found == (
        "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1",
        "/usr/local/nvidia/lib64/libnvidia-ptxjitcompiler.so.1",
        "/opt/nvidia/driver/libcuda.so.1",
        "/opt/nvidia/driver/libcuda.so",
        "/lib/x86_64-linux-gnu/libnvidia-nvvm.so.4",
    )  # no i386 copy, not the CUDA runtime (torch brings its own), not libc
    assert gpu.libraries_to_bind(found) == (
        "/opt/nvidia/driver/libcuda.so.1",
        "/opt/nvidia/driver/libcuda.so",
    )  # /usr and /lib are every worker's already


class FakeNvml:
    """The calls of pynvml that ``gpu.describe`` and the watchdog use."""

    class NVMLError(Exception):
        pass

    def __init__(self, processes=(), gpus=2):
        self.processes = processes if isinstance(processes, Exception) else list(processes)
        self.gpus = gpus

    def nvmlDeviceGetHandleByIndex(self, index):
        if index >= self.gpus:
            raise self.NVMLError("Invalid Argument")
        return index

    def nvmlDeviceGetMinorNumber(self, handle):
        return handle

    def nvmlDeviceGetUUID(self, handle):
        return f"GPU-{handle}-fake".encode()

    def nvmlDeviceGetMemoryInfo(self, handle):
        return SimpleNamespace(total=24 << 30, used=0, free=24 << 30)

    def nvmlDeviceGetComputeRunningProcesses(self, handle):
        if isinstance(self.processes, Exception):
            raise self.processes
        return [SimpleNamespace(pid=pid, usedGpuMemory=used) for pid, used in self.processes]


def test_describe_puts_nvml_dev_and_ldconfig_together():
    access = gpu.describe(FakeNvml(), 1, DEV, LDCONFIG)
    assert (access.index, access.uuid, access.total_bytes) == (1, "GPU-1-fake", 24 << 30)
    assert access.nodes[-1] == "/dev/nvidia1"
    assert access.libraries == ("/opt/nvidia/driver/libcuda.so.1", "/opt/nvidia/driver/libcuda.so")
    with pytest.raises(GpuUnavailable, match="no GPU 2"):
        gpu.describe(FakeNvml(), 2, DEV, LDCONFIG)
    with pytest.raises(GpuUnavailable, match="libcuda"):
        gpu.describe(FakeNvml(), 0, DEV, LDCONFIG.replace("libcuda", "libother"))


def test_memory_fraction_of_the_limit():
    assert gpu.memory_fraction(2048, 16 << 30) == 0.125
    assert gpu.memory_fraction(64 << 10, 16 << 30) == 1.0  # a limit above the card: all of it
    with pytest.raises(ValueError):
        gpu.memory_fraction(2048, 0)


def gpu_spec(**limits) -> SandboxSpec:
    return SandboxSpec(limits=Limits(**limits), mode=SandboxMode.BWRAP, gpu=ACCESS)


def test_the_bwrap_command_of_a_gpu_worker():
    plain = bwrap_command(dataclasses.replace(gpu_spec(), gpu=None), seccomp_fd=7, uid=60001)
    command = bwrap_command(gpu_spec(gpu_memory_mib=4096), seccomp_fd=7, uid=60001)
    assert not any("nvidia" in arg for arg in plain)
    # everything of the plain sandbox stays: namespaces, seccomp, dropped capabilities, the uid
    for flags in (
        ["--unshare-all"],
        ["--die-with-parent"],
        ["--seccomp", "7"],
        ["--cap-drop", "ALL"],
    ):
        assert _contains(command, flags), flags
    assert ("setpriv" in command) == ("setpriv" in plain)
    dev = command.index("--dev")
    for node in ACCESS.nodes:  # device access after the minimal /dev, for exactly these nodes
        assert command.index(node) > dev and command[command.index(node) - 1] == "--dev-bind"
    assert command.count("--dev-bind") == len(ACCESS.nodes)
    lib = "/opt/nvidia/driver/libcuda.so.1"
    assert _contains(command, ["--ro-bind", lib, lib])
    assert _contains(command, ["--setenv", "CUDA_VISIBLE_DEVICES", "GPU-8f1c-fake"])
    assert _contains(command, ["--setenv", gpu.FRACTION_ENV, "0.250000"])
    # CUDA maps far more address space than it uses: no RLIMIT_AS for a GPU worker
    assert any(a.startswith("--as=") for a in plain)
    assert not any(a.startswith("--as=") for a in command)
    assert any(a.startswith("--nproc=") for a in command)


def _contains(args: list[str], part: list[str]) -> bool:
    return any(args[i : i + len(part)] == part for i in range(len(args)))


def test_the_zygote_request_of_a_gpu_worker_matches_the_bwrap_command():
    request = zygote_request(gpu_spec(), b"\0" * 8, 60001, [])
    assert [m for m in request["plan"] if m["kind"] == "dev-bind"] == [
        Mount("dev-bind", node, node).as_dict() for node in ACCESS.nodes
    ]
    kinds = [m["kind"] for m in request["plan"]]
    assert kinds.index("dev") < kinds.index("dev-bind")
    assert request["env"]["CUDA_VISIBLE_DEVICES"] == ACCESS.uuid
    assert "as" not in request["rlimits"] and request["rlimits"]["nproc"] == 64


def test_seccomp_leaves_what_cuda_needs():
    for call in ("ioctl", "mmap", "munmap", "mprotect", "mremap", "madvise"):
        assert call not in seccomp.DENIED_SYSCALLS


class FakeTorch:
    """The torch calls ``worker.limit_gpu`` makes, recorded."""

    def __init__(self, available: bool) -> None:
        self.fraction = None
        backends = SimpleNamespace(
            cuda=SimpleNamespace(matmul=SimpleNamespace(allow_tf32=True)),
            cudnn=SimpleNamespace(allow_tf32=True, deterministic=False, benchmark=True),
        )
        self.backends = backends
        self.cuda = SimpleNamespace(
            is_available=lambda: available,
            set_per_process_memory_fraction=lambda f, device: setattr(
                self, "fraction", (f, device)
            ),
        )


def test_the_worker_sets_the_fraction_and_determinism_before_student_code(monkeypatch):
    monkeypatch.setattr(sys, "path", list(sys.path))  # worker.py puts its folder first
    worker = importlib.import_module("autograder.sandbox.inside.worker")
    torch = FakeTorch(available=True)
    worker.limit_gpu("0.125000", torch)
    assert torch.fraction == (0.125, 0)
    assert not torch.backends.cuda.matmul.allow_tf32 and not torch.backends.cudnn.allow_tf32
    assert torch.backends.cudnn.deterministic and not torch.backends.cudnn.benchmark
    with pytest.raises(RuntimeError, match="no CUDA device"):  # never a silent CPU fallback
        worker.limit_gpu("0.125000", FakeTorch(available=False))


def test_the_gpu_memory_message_names_the_limit():
    crash = errors.WorkerCrashed("Signal 9", memory_suspected=True, gpu_memory=True)
    text = explain(crash, "train_epoch", None, Limits(gpu_memory_mib=1536))
    assert text.de == (
        "GPU-Speicherlimit von 1.5 GiB überschritten in `train_epoch` (von NVML gemessen); "
        "der Worker wurde beendet."
    )
    assert "GPU memory limit of 1.5 GiB" in text.en


def test_device_cuda_without_a_gpu_is_a_usage_error(monkeypatch, capsys, tmp_path):
    import torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", "test-seed-not-secret")
    argv = ["grade", "a04_training", "examples/a04_training/perfect.ipynb", "--device", "cuda"]
    argv += ["--out", str(tmp_path)]
    assert cli.main(argv) == cli.USAGE_ERROR
    message = capsys.readouterr().err
    assert "--device cuda: torch sees no CUDA device" in message and "Traceback" not in message
    assert choose_device("auto") == ("cpu", None)


def test_device_cuda_without_nvml_is_a_usage_error(monkeypatch):
    import torch

    def no_nvml(index):
        raise GpuUnavailable("--device cuda needs NVML's Python binding: pip install")

    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(gpu, "discover", no_nvml)
    with pytest.raises(DeviceUnavailable, match=r"--device cuda: .*needs NVML's Python binding"):
        choose_device("cuda")
