"""Build the command line that starts one sandboxed worker.

The worker runs as ``prlimit`` → ``setpriv`` (drop to an unprivileged uid, no new privileges)
→ ``bwrap`` (new user/pid/net/ipc/uts/cgroup namespaces, whitelist read-only mounts, a small
tmpfs for /tmp and /dev/shm, cleared environment) → ``python -I worker.py``.

The sandbox sees the interpreter, its site-packages (with this package and the references
masked out) and the worker's own two files. It never sees the graders, the references, the
gradebook, the course directory or another submission.
"""

from __future__ import annotations

import atexit
import base64
import functools
import os
import shutil
import sys
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from autograder.sandbox.gpu import GpuAccess, gpu_environment, gpu_mounts
from autograder.sandbox.limits import Limits
from autograder.sandbox.mounts import FORBIDDABLE, WORKER_MOUNT, bwrap_args, mount_plan
from autograder.sandbox.preload import Preload
from autograder.sandbox.scratch import private_folder

__all__ = ["FORBIDDABLE", "WORKER_MOUNT", "Limits", "SandboxMode", "SandboxSpec", "worker_command"]

INSIDE_DIR = Path(__file__).resolve().parent / "inside"
INSIDE_FILES = ("worker.py", "codec.py", "confine.py", "hugepages.py", "zygote.py")
SANDBOX_UID = 65534
PASSED_ENV = ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")
WORKER_THREADS = 1  # torch/BLAS threads of a worker (and of the graders: engine/threads.py)


def _venv_python() -> str:
    """The interpreter by its real path: inside the sandbox a symlinked .venv does not exist."""
    if sys.prefix != sys.base_prefix:
        return str(Path(sys.prefix).resolve() / "bin" / "python")
    return str(Path(sys.executable).resolve())


class SandboxMode(StrEnum):
    """How workers are started. Both sandboxed modes confine a worker the same way."""

    ZYGOTE = "zygote"  # forked from a clean zygote where the machine allows it, else bubblewrap
    BWRAP = "bwrap"  # every worker started through bubblewrap (--no-zygote)
    NONE = "none"  # no sandbox at all (--unsafe-no-sandbox: trusted code only)

    @property
    def sandboxed(self) -> bool:
        return self is not SandboxMode.NONE

    @staticmethod
    def from_flags(unsafe_no_sandbox: bool = False, no_zygote: bool = False) -> SandboxMode:
        """The mode the command line's ``--unsafe-no-sandbox`` / ``--no-zygote`` ask for."""
        if unsafe_no_sandbox:
            return SandboxMode.NONE
        return SandboxMode.BWRAP if no_zygote else SandboxMode.ZYGOTE


@dataclass(frozen=True)
class SandboxSpec:
    """How to start workers: their limits, the libraries they lack, the mode, the GPU they
    may use (``--device cuda``; None: no GPU device or driver library is visible), and what
    their assignment declares for their zygote's imports and their environment."""

    limits: Limits = field(default_factory=Limits)
    mode: SandboxMode = SandboxMode.ZYGOTE
    python: str = field(default_factory=_venv_python)
    forbid: tuple[str, ...] = ()  # keys of FORBIDDABLE: removed from this worker entirely
    gpu: GpuAccess | None = None
    preload: Preload = field(default_factory=Preload)
    # the zygote imports numpy only, whatever the notebooks need: the doctor's probe, whose
    # worker is confined exactly as every other but need not wait ≈ 2 s for torch
    zygote_numpy_only: bool = False


@functools.cache
def worker_dir() -> Path:
    """A world-readable copy of the worker's files (the checkout may be private)."""
    folder = private_folder("agworker-")
    folder.chmod(0o755)
    for name in INSIDE_FILES:
        shutil.copyfile(INSIDE_DIR / name, folder / name)
        (folder / name).chmod(0o644)
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


class SandboxUnavailable(RuntimeError):
    """The machine cannot start the sandbox; the message says why and what to do."""


def sandbox_environment(forbid: tuple[str, ...]) -> dict[str, str]:
    """The worker's whole environment (nothing of the grader's is passed on)."""
    env = {
        "AUTOGRADER_FORBID": ",".join(forbid),
        "PATH": "/usr/bin:/bin",
        "HOME": "/tmp",
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OMP_NUM_THREADS": str(WORKER_THREADS),
        "OPENBLAS_NUM_THREADS": str(WORKER_THREADS),
        "MKL_NUM_THREADS": str(WORKER_THREADS),
        "MPLBACKEND": "Agg",
    }
    env.update({k: os.environ[k] for k in PASSED_ENV if k in os.environ})
    return env


def worker_environment(spec: SandboxSpec) -> dict[str, str]:
    """A worker's environment: the sandbox's, its assignment's, and the GPU's where it has one."""
    env = {**dict(spec.preload.env), **sandbox_environment(spec.forbid)}
    if spec.gpu is not None:
        env.update(gpu_environment(spec.gpu, spec.limits.gpu_memory_mib))
    return env


def _environment(spec: SandboxSpec) -> list[str]:
    args: list[str] = ["--clearenv"]
    for key, value in worker_environment(spec).items():
        args += ["--setenv", key, value]
    return args


def rlimit_values(limits: Limits, gpu: bool = False) -> dict[str, int]:
    """The worker's rlimits by prlimit's names (CPU: the submission's budget and a margin).
    A GPU worker has no address-space limit: CUDA maps far more virtual memory than it uses;
    its cgroup's memory limit still holds."""
    values = {
        "as": limits.memory_bytes,
        "nproc": limits.processes,
        "fsize": limits.file_bytes,
        "nofile": limits.open_files,
        "core": 0,
        "cpu": int(limits.submission_seconds) + 5,
    }
    if gpu:
        del values["as"]
    return values


def _rlimits(spec: SandboxSpec) -> list[str]:
    values = rlimit_values(spec.limits, spec.gpu is not None)
    return ["prlimit", *(f"--{name}={value}" for name, value in values.items()), "--"]


def _plan(spec: SandboxSpec) -> list:
    plan = mount_plan(spec.python, spec.forbid, worker_dir(), spec.limits.tmpfs_bytes)
    return plan + (gpu_mounts(spec.gpu) if spec.gpu is not None else [])


def _privilege_drop(uid: int) -> list[str]:
    if os.geteuid() != 0:
        return []  # already unprivileged: bwrap maps us to an unprivileged uid in its userns
    return [
        "setpriv",
        f"--reuid={uid}",
        f"--regid={uid}",
        "--clear-groups",
        "--no-new-privs",
        "--",
    ]


def bwrap_command(
    spec: SandboxSpec, seccomp_fd: int | None = None, uid: int = SANDBOX_UID
) -> list[str]:
    """The full argv that starts one worker inside the sandbox."""
    seccomp = ["--seccomp", str(seccomp_fd)] if seccomp_fd is not None else []
    return [
        *_rlimits(spec),
        *_privilege_drop(uid),
        "bwrap",
        "--unshare-all",
        "--die-with-parent",
        "--new-session",
        "--cap-drop",
        "ALL",
        "--hostname",
        "sandbox",
        *seccomp,
        *bwrap_args(_plan(spec)),
        "--chdir",
        "/tmp",
        *_environment(spec),
        "--",
        spec.python,
        "-I",
        "-B",
        f"{WORKER_MOUNT}/worker.py",
    ]


def zygote_request(
    spec: SandboxSpec, seccomp_program: bytes, uid: int, cgroup_folders: list[str]
) -> dict[str, Any]:
    """What the zygote needs to confine one worker the way ``bwrap_command`` does."""
    return {
        "op": "spawn",
        "uid": uid,
        "cgroups": cgroup_folders,
        **_confinement(spec),
        "seccomp": base64.b64encode(seccomp_program).decode(),
    }


@functools.lru_cache(maxsize=32)
def _confinement(spec: SandboxSpec) -> dict[str, Any]:
    """The part of a zygote request that every worker of ``spec`` shares: built once per
    process (the mount plan looks at the host's folders; they do not change during a batch).
    Read only: the request is sent as JSON."""
    return {
        "plan": [mount.as_dict() for mount in _plan(spec)],
        "env": worker_environment(spec),
        "rlimits": rlimit_values(spec.limits, spec.gpu is not None),
        "hostname": "sandbox",
        "chdir": "/tmp",
        "worker_dir": WORKER_MOUNT,
    }


def unsafe_command(spec: SandboxSpec) -> list[str]:
    """Start the worker as a plain child process (only with --unsafe-no-sandbox)."""
    return [*_rlimits(spec), spec.python, "-I", "-B", str(INSIDE_DIR / "worker.py")]


def worker_command(
    spec: SandboxSpec, seccomp_fd: int | None = None, uid: int = SANDBOX_UID
) -> list[str]:
    if not spec.mode.sandboxed:
        return unsafe_command(spec)
    return bwrap_command(spec, seccomp_fd, uid)


def check_sandbox_available(spec: SandboxSpec) -> None:
    """Raise SandboxUnavailable with a clear reason when bwrap cannot be used here."""
    if not spec.mode.sandboxed:
        return
    if sys.platform != "linux":
        raise SandboxUnavailable("the sandbox needs Linux (bubblewrap); this is " + sys.platform)
    for tool in ("bwrap", "prlimit") + (("setpriv",) if os.geteuid() == 0 else ()):
        if shutil.which(tool) is None:
            raise SandboxUnavailable(
                f"`{tool}` is not installed; install it with `apt-get install bubblewrap "
                "util-linux` (see README)"
            )
    if os.geteuid() == 0:
        _check_readable_by_sandbox_user(Path(spec.python))
        _check_readable_by_sandbox_user(Path(spec.python).resolve())


def _check_readable_by_sandbox_user(python: Path) -> None:
    """The interpreter must be reachable for uid 65534 (e.g. not under /root, mode 0700)."""
    for parent in [python, *python.parents]:
        mode = parent.stat().st_mode
        needed = 0o005 if parent.is_dir() else 0o004
        if mode & needed != needed:
            raise SandboxUnavailable(
                f"the interpreter {python} is not readable for the sandbox user "
                f"(uid {SANDBOX_UID}): {parent} has mode {oct(mode & 0o777)}. Create the "
                "virtual environment from a world-readable Python (the README's setup uses "
                "/usr/bin/python3, outside private folders)."
            )
