"""The worker's whitelist filesystem as data: one plan, two ways to build it.

The plan lists what the sandbox sees: /usr and the merged-/usr links, the dynamic linker's
cache, the interpreter's prefixes (with this package, the references and forbidden libraries
masked by empty tmpfs), the worker's files, a sized tmpfs /tmp and /dev/shm, a fresh /proc and
a minimal /dev. ``bwrap_args`` turns it into bubblewrap arguments; the zygote's children build
the same plan with system calls (``inside/confine.py``).
"""

from __future__ import annotations

import os
import sys
import sysconfig
from dataclasses import asdict, dataclass
from pathlib import Path

WORKER_MOUNT = "/opt/agworker"
# Packages that must never be importable inside the sandbox even though they are installed.
MASKED_PACKAGES = ("autograder", "solutions")
# Libraries a task may forbid, with the installed top-level packages that make them up.
FORBIDDABLE = {"torch": ("torch", "functorch", "torchgen")}


@dataclass(frozen=True)
class Mount:
    """One entry: ``ro-bind`` source→dest, ``symlink`` (source is the link's target),
    ``tmpfs`` (size, mode, read-only), ``proc``, ``dev`` or ``dev-bind`` (one device node with
    device access: a GPU's, see ``gpu.py``)."""

    kind: str
    dest: str
    source: str = ""
    size: int | None = None
    mode: int = 0o755
    ro: bool = False

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _host_root() -> list[Mount]:
    """/usr read-only and the merged-/usr symlinks (or the real dirs)."""
    mounts = [Mount("ro-bind", "/usr", "/usr")]
    for name in ("bin", "lib", "lib32", "lib64", "sbin"):
        path = Path("/") / name
        if path.is_symlink():
            mounts.append(Mount("symlink", str(path), os.readlink(path)))
        elif path.is_dir():
            mounts.append(Mount("ro-bind", str(path), str(path)))
    if Path("/etc/ld.so.cache").exists():
        mounts.append(Mount("ro-bind", "/etc/ld.so.cache", "/etc/ld.so.cache"))
    return mounts


def _python(python: str, forbid: tuple[str, ...]) -> list[Mount]:
    """The interpreter's prefixes read-only, our packages and forbidden ones masked."""
    prefixes = {Path(sys.prefix).resolve(), Path(sys.base_prefix).resolve()}
    prefixes.add(Path(python).parent.parent)
    mounts = [
        Mount("ro-bind", str(prefix), str(prefix))
        for prefix in sorted(prefixes)
        if not str(prefix).startswith("/usr")
    ]
    purelib = Path(sysconfig.get_paths()["purelib"])
    forbidden = [name for library in forbid for name in FORBIDDABLE[library]]
    for package in (*MASKED_PACKAGES, *forbidden):
        if (purelib / package).exists():
            mounts.append(Mount("tmpfs", str(purelib / package), ro=True))
    return mounts


def mount_plan(
    python: str, forbid: tuple[str, ...], worker_dir: Path, tmpfs_bytes: int
) -> list[Mount]:
    """Applied in order. The empty /tmp comes first: a virtualenv that lives under /tmp (a
    checkout there) is bound on top of it instead of being hidden by it."""
    return [
        Mount("tmpfs", "/tmp", size=tmpfs_bytes, mode=0o1777),
        *_host_root(),
        *_python(python, forbid),
        Mount("ro-bind", WORKER_MOUNT, str(worker_dir)),
        Mount("proc", "/proc"),
        Mount("dev", "/dev"),
        Mount("tmpfs", "/dev/shm", size=tmpfs_bytes, mode=0o1777),
    ]


def bwrap_args(plan: list[Mount]) -> list[str]:
    """bubblewrap's arguments for the plan (its tmpfs belong to the sandbox's own user)."""
    args: list[str] = []
    for mount in plan:
        if mount.kind == "ro-bind":
            args += ["--ro-bind", mount.source, mount.dest]
        elif mount.kind == "symlink":
            args += ["--symlink", mount.source, mount.dest]
        elif mount.kind == "tmpfs":
            args += [*(["--size", str(mount.size)] if mount.size else []), "--tmpfs", mount.dest]
        elif mount.kind == "dev-bind":
            args += ["--dev-bind", mount.source, mount.dest]
        elif mount.kind in ("proc", "dev"):
            args += [f"--{mount.kind}", mount.dest]
        else:
            raise ValueError(f"unknown mount kind {mount.kind!r}")
    return args
