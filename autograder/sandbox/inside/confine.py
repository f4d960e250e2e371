"""The sandbox built by hand in a forked child: what bubblewrap does, as system calls.

Used by the zygote (``zygote.py``): its child must confine itself before any student code
runs. Standard library only (``ctypes`` for the calls Python 3.11's ``os`` lacks), because
this file runs in the zygote, which imports nothing of the trusted engine.

The init of a sandbox (see ``zygote.py``) applies, in this order: a new pid namespace → in it:
new mount, net, ipc, uts and cgroup namespaces → a fresh tmpfs root with the whitelist mounts
of its plan (the same plan the bubblewrap launcher turns into arguments), /proc, hostname,
pivot_root → drop to its own uid, no-new-privs, seccomp. The worker, born into the init's pid
namespace: its cgroups → the init's mount, net, ipc and uts namespaces, a cgroup namespace of
its own → drop to the same uid, no-new-privs, seccomp → rlimits.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import platform
import resource
from collections.abc import Iterable
from typing import Any

CLONE_NEWNS = 0x00020000
CLONE_NEWCGROUP = 0x02000000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
# The pid namespace is unshared by the init's parent (it applies to its next child only, and
# the parent returns to its own with setns), the others by the init itself: the mount namespace
# must be the init's alone, since pivot_root moves the root of every process in it.
INIT_NAMESPACES = CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET
# What the worker joins of its init's (the cgroup namespace it unshares after joining its cgroups)
WORKER_NAMESPACES = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWNET

MS_RDONLY = 1
MS_NOSUID = 2
MS_NODEV = 4
MS_NOEXEC = 8
MS_REMOUNT = 32
MS_BIND = 4096
MS_REC = 16384
MS_PRIVATE = 1 << 18
MNT_DETACH = 2
MOUNT_ATTR_RDONLY = 0x1
MOUNT_ATTR_NOSUID = 0x2
MOUNT_ATTR_NODEV = 0x4
AT_FDCWD = -100
AT_RECURSIVE = 0x8000
MOUNT_SETATTR = 442  # the same number on every architecture (Linux ≥ 5.12)

PR_SET_PDEATHSIG = 1
PR_SET_SECCOMP = 22
PR_SET_NO_NEW_PRIVS = 38
SECCOMP_MODE_FILTER = 2

# pivot_root has no libc wrapper; its number per architecture (the generic table: 41).
PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41}
CLOSE_RANGE = 436  # the same number on every architecture (Linux ≥ 5.9)
MAX_FD = 0x7FFFFFFF
# setns on a pid file descriptor, several namespaces at once (what the worker does)
SETNS_PIDFD_KERNEL = (5, 8)
DEVICES = ("null", "zero", "full", "random", "urandom")
DEV_LINKS = {
    "fd": "/proc/self/fd",
    "stdin": "/proc/self/fd/0",
    "stdout": "/proc/self/fd/1",
    "stderr": "/proc/self/fd/2",
}
RLIMITS = {
    "as": resource.RLIMIT_AS,
    "nproc": resource.RLIMIT_NPROC,
    "fsize": resource.RLIMIT_FSIZE,
    "nofile": resource.RLIMIT_NOFILE,
    "core": resource.RLIMIT_CORE,
    "cpu": resource.RLIMIT_CPU,
}

_libc = ctypes.CDLL(None, use_errno=True)


class ConfineError(OSError):
    """A confinement step failed: the child must not run student code."""


def _check(result: int, what: str) -> None:
    if result != 0:
        errno = ctypes.get_errno()
        raise ConfineError(errno, f"{what}: {os.strerror(errno)}")


def supported() -> bool:
    """Can this machine confine a forked child by hand (Linux ≥ 5.8, root, known architecture)?"""
    return (
        platform.system() == "Linux"
        and platform.machine() in PIVOT_ROOT
        and os.geteuid() == 0
        and hasattr(os, "pidfd_open")
        and kernel_version(platform.release()) >= SETNS_PIDFD_KERNEL
    )


def kernel_version(release: str) -> tuple[int, int]:
    """(major, minor) of a kernel release string such as ``6.1.0-18-amd64``; (0, 0) if unknown."""
    parts = release.split(".")
    try:
        return int(parts[0]), int("".join(c for c in parts[1].split("-")[0] if c.isdigit()))
    except (IndexError, ValueError):
        return 0, 0


# ------------------------------------------------------------------ process attributes


def die_with_parent(signal_number: int = 9) -> None:
    _check(_libc.prctl(PR_SET_PDEATHSIG, signal_number, 0, 0, 0), "prctl(PDEATHSIG)")


def join_cgroups(folders: Iterable[str], pid: int = 0) -> None:
    """Move ``pid`` (0: this process) into each cgroup folder."""
    for folder in folders:
        with open(os.path.join(folder, "cgroup.procs"), "w") as handle:
            handle.write(str(pid))


def unshare_pid_namespace() -> None:
    _check(_libc.unshare(CLONE_NEWPID), "unshare(pid)")


def enter_pid_namespace(fd: int) -> None:
    """Let the next children be born in the namespace ``fd`` (undoes ``unshare_pid_namespace``)."""
    _check(_libc.setns(fd, CLONE_NEWPID), "setns(pid)")


def unshare_init_namespaces() -> None:
    _check(_libc.unshare(INIT_NAMESPACES), "unshare(mount, net, ipc, uts, cgroup)")


def enter_init_namespaces(init_pidfd: int) -> None:
    """Join the mount, net, ipc and uts namespaces of the init behind ``init_pidfd`` (its root
    and /proc included: setns puts this process at the root of that mount namespace)."""
    _check(_libc.setns(init_pidfd, WORKER_NAMESPACES), "setns(mount, net, ipc, uts)")


def unshare_cgroup_namespace() -> None:
    """A cgroup namespace rooted at this process's cgroups (join them first)."""
    _check(_libc.unshare(CLONE_NEWCGROUP), "unshare(cgroup)")


def set_hostname(name: str) -> None:
    raw = name.encode()
    _check(_libc.sethostname(raw, len(raw)), "sethostname")


def drop_privileges(uid: int) -> None:
    """Leave root for good: no groups, real/effective/saved uid and gid ``uid``."""
    os.setgroups([])
    os.setresgid(uid, uid, uid)
    os.setresuid(uid, uid, uid)
    if os.getuid() != uid or os.geteuid() != uid or os.getegid() != uid:
        raise ConfineError(0, "uid drop did not hold")


def no_new_privileges() -> None:
    _check(_libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "prctl(NO_NEW_PRIVS)")


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]


def load_seccomp(program: bytes) -> None:
    """Install an exported BPF program (8 bytes per instruction) for this thread group."""
    if not program or len(program) % 8:
        raise ConfineError(0, "seccomp: malformed BPF program")
    buffer = ctypes.create_string_buffer(program, len(program))
    fprog = _SockFprog(len(program) // 8, ctypes.cast(buffer, ctypes.c_void_p))
    _check(
        _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0),
        "prctl(SECCOMP)",
    )


def set_rlimits(limits: dict[str, int]) -> None:
    for name, value in limits.items():
        resource.setrlimit(RLIMITS[name], (value, value))


# ------------------------------------------------------------------ the filesystem


def _mount(source: str | None, target: str, fstype: str | None, flags: int, data: str = "") -> None:
    _check(
        _libc.mount(
            source.encode() if source else None,
            target.encode(),
            fstype.encode() if fstype else None,
            ctypes.c_ulong(flags),
            data.encode() if data else None,
        ),
        f"mount {target}",
    )


def _mount_points_under(target: str) -> list[str]:
    """Mount points at or below ``target`` (after a recursive bind, each needs its own remount)."""
    points = []
    with open("/proc/self/mountinfo") as handle:
        for line in handle:
            point = line.split()[4].encode().decode("unicode_escape")
            if point == target or point.startswith(target.rstrip("/") + "/"):
                points.append(point)
    return points


def _make_target(path: str, is_dir: bool) -> None:
    if is_dir:
        os.makedirs(path, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not os.path.exists(path):
            with open(path, "w"):
                pass


class _MountAttr(ctypes.Structure):
    _fields_ = [
        ("attr_set", ctypes.c_uint64),
        ("attr_clr", ctypes.c_uint64),
        ("propagation", ctypes.c_uint64),
        ("userns_fd", ctypes.c_uint64),
    ]


def _set_read_only_tree(target: str) -> bool:
    """``target`` and every mount below it read-only, nosuid, nodev in one ``mount_setattr``
    (Linux ≥ 5.12; it only adds flags: a source's noexec stays); False where the kernel lacks it."""
    attr = _MountAttr(MOUNT_ATTR_RDONLY | MOUNT_ATTR_NOSUID | MOUNT_ATTR_NODEV, 0, 0, 0)
    result = _libc.syscall(
        ctypes.c_long(MOUNT_SETATTR),
        ctypes.c_int(AT_FDCWD),
        target.encode(),
        ctypes.c_uint(AT_RECURSIVE),
        ctypes.byref(attr),
        ctypes.c_size_t(ctypes.sizeof(attr)),
    )
    if result == 0:
        return True
    if ctypes.get_errno() == errno.ENOSYS:
        return False
    _check(result, f"mount_setattr {target}")
    return False


def _ro_bind(source: str, target: str) -> None:
    _make_target(target, os.path.isdir(source))
    _mount(source, target, None, MS_BIND | MS_REC)
    if _set_read_only_tree(target):
        return
    for point in _mount_points_under(target):  # each bound mount needs its own remount
        _mount(None, point, None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)


def _tmpfs(target: str, size: int | None, mode: int, read_only: bool) -> None:
    _make_target(target, True)
    options = f"mode={mode:o}" + (f",size={size}" if size else "")
    _mount("tmpfs", target, "tmpfs", MS_NOSUID | MS_NODEV, options)
    if read_only:
        _mount(None, target, None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, options)


def _dev_bind(source: str, target: str) -> None:
    """One device node (a GPU's) usable inside: bound without ``nodev``, never executable."""
    _make_target(target, False)
    _mount(source, target, None, MS_BIND)
    _mount(None, target, None, MS_REMOUNT | MS_BIND | MS_NOSUID | MS_NOEXEC)


def _minimal_dev(target: str) -> None:
    """A tmpfs /dev with the harmless character devices and the usual symlinks."""
    _tmpfs(target, 1 << 20, 0o755, read_only=False)
    for name in DEVICES:
        _dev_bind(f"/dev/{name}", f"{target}/{name}")
    for name, link in DEV_LINKS.items():
        os.symlink(link, f"{target}/{name}")
    os.makedirs(f"{target}/shm", exist_ok=True)


def build_root(root: str, plan: list[dict[str, Any]]) -> None:
    """In a fresh mount namespace: a tmpfs at ``root`` holding exactly the plan's mounts."""
    _mount(None, "/", None, MS_REC | MS_PRIVATE)
    _mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "mode=755,size=1048576")
    for entry in plan:
        kind, dest = entry["kind"], root + entry["dest"]
        if kind == "ro-bind":
            _ro_bind(entry["source"], dest)
        elif kind == "symlink":
            os.symlink(entry["source"], dest)
        elif kind == "tmpfs":
            _tmpfs(dest, entry.get("size"), int(entry.get("mode", 0o755)), entry.get("ro", False))
        elif kind == "dev":
            _minimal_dev(dest)
        elif kind == "dev-bind":
            _dev_bind(entry["source"], dest)
        elif kind == "proc":
            _make_target(dest, True)  # mounted from inside the new pid namespace
        else:
            raise ConfineError(0, f"unknown mount kind {kind!r}")


def enter_root(root: str, proc_points: list[str], chdir: str) -> None:
    """From inside the new pid namespace: mount /proc, make ``root`` the root, seal it."""
    for point in proc_points:
        _mount("proc", root + point, "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    os.chdir(root)
    _check(_libc.syscall(PIVOT_ROOT[platform.machine()], b".", b"."), "pivot_root")
    _check(_libc.umount2(b".", MNT_DETACH), "umount old root")
    os.chdir("/")
    _mount(None, "/", None, MS_REMOUNT | MS_BIND | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(chdir)


def close_fds_except(keep: Iterable[int]) -> None:
    """Close every open descriptor not in ``keep`` (the zygote's, torch's, anything inherited):
    one ``close_range`` per gap between the kept ones, else one ``close`` per open descriptor."""
    kept = sorted(set(keep))
    gaps = zip([0] + [fd + 1 for fd in kept], [fd - 1 for fd in kept] + [MAX_FD], strict=True)
    for first, last in gaps:
        if first <= last and _libc.syscall(CLOSE_RANGE, first, last, 0) != 0:
            _close_listed_except(set(kept))
            return


def _close_listed_except(kept: set[int]) -> None:
    for name in os.listdir("/proc/self/fd"):
        fd = int(name)
        if fd not in kept:
            with contextlib.suppress(OSError):  # the listing's own descriptor, already gone
                os.close(fd)
