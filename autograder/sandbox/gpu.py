"""The GPU a sandboxed worker may use (``autograder grade --device cuda``).

Each decision is a small function of plain data, so it is tested on machines without a GPU:
which NVIDIA device nodes the sandbox shows (``device_nodes``: from a listing of /dev), which
driver libraries it binds (``driver_libraries``: from ``ldconfig -p``), the mounts and the
environment that follow from them, and the worker's share of the GPU's memory.

What a worker gets: ``/dev/nvidiactl`` and ``/dev/nvidia-uvm`` (CUDA cannot start without them),
``/dev/nvidia-uvm-tools`` where it exists (CUDA opens it for its tools interface), and the one
``/dev/nvidiaN`` of its GPU. Not ``/dev/nvidia-modeset`` (display only) and not
``/dev/nvidia-caps`` (MIG capabilities: only needed to use a MIG slice; grading assigns whole
GPUs). Everything else of the sandbox stays: own uid, namespaces, seccomp, no network.

``discover`` reads the real machine (NVML, /dev, ``ldconfig -p``); it is only called for
``--device cuda``, and ``pynvml`` (the optional ``nvidia-ml-py`` package) is imported only then.
"""

from __future__ import annotations

import functools
import os
import platform
import re
import subprocess
from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType
from typing import Any

from autograder.sandbox.mounts import Mount

CONTROL_NODES = ("nvidiactl", "nvidia-uvm")  # every CUDA process needs both
OPTIONAL_NODES = ("nvidia-uvm-tools",)
# The driver's user-space libraries (libcuda and the libnvidia-* it loads). The CUDA runtime,
# cuBLAS and cuDNN are not the driver's: torch's wheels bring them in site-packages.
DRIVER_LIBRARY = re.compile(r"^(libcuda|libcudadebugger|libnvidia-[A-Za-z0-9_-]+)\.so(\.\d+)*$")
LDCONFIG_LINE = re.compile(r"^\s*(\S+)\s+\(([^)]*)\)\s+=>\s+(\S+)\s*$")
LDCONFIG_ARCH = {"x86_64": "x86-64", "aarch64": "AArch64"}
# Folders every worker sees already (mounts._host_root binds them read-only).
VISIBLE_ALREADY = ("/usr/", "/lib/", "/lib32/", "/lib64/")
FRACTION_ENV = "AUTOGRADER_GPU_MEMORY_FRACTION"


class GpuUnavailable(RuntimeError):
    """No usable GPU for the sandbox; the message says what is missing and what to do."""


@dataclass(frozen=True)
class GpuAccess:
    """One GPU as a worker sees it: its device nodes, the driver libraries to bind, and what
    the worker's environment needs to pick exactly this GPU."""

    index: int  # NVML's index (PCI bus order, like CUDA_DEVICE_ORDER=PCI_BUS_ID)
    uuid: str
    total_bytes: int
    nodes: tuple[str, ...]
    libraries: tuple[str, ...] = ()


def device_nodes(dev_names: Iterable[str], minor: int) -> tuple[str, ...]:
    """The /dev paths a worker on GPU ``minor`` needs, given the names listed in /dev."""
    present = set(dev_names)
    wanted = (*CONTROL_NODES, f"nvidia{minor}")
    missing = [name for name in wanted if name not in present]
    if missing:
        raise GpuUnavailable(
            f"/dev lacks {', '.join('/dev/' + m for m in missing)}: is the NVIDIA driver loaded? "
            "(/dev/nvidia-uvm appears after `nvidia-modprobe -u -c=0` or the first CUDA program)"
        )
    optional = tuple(name for name in OPTIONAL_NODES if name in present)
    return tuple(f"/dev/{name}" for name in (*CONTROL_NODES, *optional, f"nvidia{minor}"))


def driver_libraries(ldconfig_text: str, machine: str | None = None) -> tuple[str, ...]:
    """The driver libraries ``ldconfig -p`` lists for this architecture, by path."""
    arch = LDCONFIG_ARCH.get(machine or platform.machine(), "")
    found: list[str] = []
    for line in ldconfig_text.splitlines():
        match = LDCONFIG_LINE.match(line)
        if match is None:
            continue
        name, tags, path = match.groups()
        if DRIVER_LIBRARY.match(name) and (not arch or arch in tags) and path not in found:
            found.append(path)
    return tuple(found)


def libraries_to_bind(paths: Iterable[str]) -> tuple[str, ...]:
    """Those libraries the sandbox does not show already (/usr and the /lib folders are bound)."""
    return tuple(path for path in paths if not path.startswith(VISIBLE_ALREADY))


def gpu_mounts(access: GpuAccess) -> list[Mount]:
    """Device nodes bound with device access (after the sandbox's minimal /dev), libraries
    read-only."""
    return [
        *(Mount("dev-bind", node, node) for node in access.nodes),
        *(Mount("ro-bind", path, path) for path in access.libraries),
    ]


def memory_fraction(limit_mib: int, total_bytes: int) -> float:
    """The share of the GPU's memory that ``limit_mib`` is (for torch's per-process fraction)."""
    if limit_mib <= 0 or total_bytes <= 0:
        raise ValueError(f"no fraction for a limit of {limit_mib} MiB of {total_bytes} bytes")
    return min(1.0, limit_mib * (1 << 20) / total_bytes)


def gpu_environment(access: GpuAccess, limit_mib: int) -> dict[str, str]:
    """What the worker's environment adds: only this GPU, and its memory fraction (the worker
    sets it before any student code runs, see ``inside/worker.py``). No JIT cache: it would
    write into the worker's small /tmp."""
    return {
        "CUDA_DEVICE_ORDER": "PCI_BUS_ID",
        "CUDA_VISIBLE_DEVICES": access.uuid,
        "CUDA_CACHE_DISABLE": "1",
        FRACTION_ENV: f"{memory_fraction(limit_mib, access.total_bytes):.6f}",
    }


# ------------------------------------------------------------------ the real machine


@functools.cache
def load_nvml() -> ModuleType:
    """NVIDIA's ``pynvml`` (package ``nvidia-ml-py``), initialised once per process."""
    try:
        import pynvml
    except ImportError:
        raise GpuUnavailable(
            "--device cuda needs NVML's Python binding: pip install 'dl-autograder[gpu]' "
            "(the nvidia-ml-py package)"
        ) from None
    try:
        pynvml.nvmlInit()
    except pynvml.NVMLError as exc:
        raise GpuUnavailable(f"NVML could not start: {exc}") from None
    return pynvml


def _ldconfig_text() -> str:
    for ldconfig in ("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig"):
        try:
            return subprocess.run(
                [ldconfig, "-p"], capture_output=True, text=True, check=True, timeout=30
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue
    return ""


def describe(nvml: Any, index: int, dev_names: Iterable[str], ldconfig_text: str) -> GpuAccess:
    """The GpuAccess of GPU ``index`` from NVML's answers, a /dev listing and ldconfig's."""
    try:
        handle = nvml.nvmlDeviceGetHandleByIndex(index)
        minor = int(nvml.nvmlDeviceGetMinorNumber(handle))
        uuid = nvml.nvmlDeviceGetUUID(handle)
        total = int(nvml.nvmlDeviceGetMemoryInfo(handle).total)
    except nvml.NVMLError as exc:
        raise GpuUnavailable(f"NVML knows no GPU {index}: {exc}") from None
    uuid = uuid.decode() if isinstance(uuid, bytes) else str(uuid)
    libraries = driver_libraries(ldconfig_text)
    if not any(os.path.basename(p).startswith("libcuda.so") for p in libraries):
        raise GpuUnavailable("ldconfig -p lists no libcuda.so: the driver's libraries are missing")
    return GpuAccess(
        index, uuid, total, device_nodes(dev_names, minor), libraries_to_bind(libraries)
    )


@functools.cache
def discover(index: int = 0) -> GpuAccess:
    """GPU ``index`` of this machine, as a worker will see it (GpuUnavailable if unusable)."""
    return describe(load_nvml(), index, os.listdir("/dev"), _ldconfig_text())
