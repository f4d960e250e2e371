"""A seccomp filter for the worker: no internet sockets, no ptrace, no namespace games.

Built with libseccomp (``pyseccomp``) in the trusted process and handed to bubblewrap as an
exported BPF program (``bwrap --seccomp FD``). It is a second layer: the network namespace
already leaves only a down loopback, and the worker has no capabilities.
"""

from __future__ import annotations

import errno
import functools
import os
import socket
import tempfile

# Socket families that reach beyond the sandbox (AF_UNIX stays allowed: Python and
# multiprocessing use it inside the sandbox).
DENIED_FAMILIES = (socket.AF_INET, socket.AF_INET6, socket.AF_PACKET, socket.AF_NETLINK)
DENIED_SYSCALLS = (
    "ptrace",
    "process_vm_readv",
    "process_vm_writev",
    "unshare",
    "setns",
    "mount",
    "umount2",
    "pivot_root",
    "chroot",
    "bpf",
    "perf_event_open",
    "userfaultfd",
    "keyctl",
    "add_key",
    "request_key",
    "io_uring_setup",
    "kexec_load",
    "init_module",
    "finit_module",
    "delete_module",
)


class SeccompUnavailable(RuntimeError):
    """libseccomp or its Python binding is missing."""


@functools.cache
def filter_program() -> bytes:
    """The exported BPF program (cached: it is the same for every worker)."""
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as exc:
        raise SeccompUnavailable(f"pyseccomp/libseccomp not usable: {exc}") from None
    rules = seccomp.SyscallFilter(defaction=seccomp.ALLOW)
    for family in DENIED_FAMILIES:
        rules.add_rule(seccomp.ERRNO(errno.EACCES), "socket", seccomp.Arg(0, seccomp.EQ, family))
    for name in DENIED_SYSCALLS:
        try:
            rules.add_rule(seccomp.ERRNO(errno.EPERM), name)
        except (RuntimeError, ValueError, OSError):
            continue  # a syscall this kernel/architecture does not know
    with tempfile.TemporaryFile() as handle:
        rules.export_bpf(handle)
        handle.seek(0)
        return handle.read()


def program_file() -> int:
    """A fresh readable fd holding the BPF program, for one ``bwrap --seccomp FD``."""
    with tempfile.TemporaryFile() as handle:
        handle.write(filter_program())
        handle.flush()
        handle.seek(0)
        return os.dup(handle.fileno())
