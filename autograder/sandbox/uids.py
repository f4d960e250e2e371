"""A distinct unprivileged uid for every concurrent worker.

Workers of different submissions (and of different grader processes) must not share a uid:
RLIMIT_NPROC counts per uid, and a shared uid would let one worker signal or ptrace another.
Each worker leases a uid from a pool by holding an exclusive ``flock`` on the pool slot's lock
file for as long as it lives; a crashed grader's locks vanish with its process.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

UID_BASE = 200_000  # far above system and login uids; no passwd entry is needed
POOL_SIZE = 512
LOCK_DIR = Path(tempfile.gettempdir()) / "autograder-uids"


class NoFreeUid(RuntimeError):
    """All pool slots are leased (more than POOL_SIZE concurrent workers)."""


@dataclass
class UidLease:
    uid: int
    _fd: int

    def release(self) -> None:
        if self._fd >= 0:
            os.close(self._fd)  # closing the fd drops the flock
            self._fd = -1


def lease_uid() -> UidLease:
    LOCK_DIR.mkdir(mode=0o700, exist_ok=True)
    start = os.getpid() % POOL_SIZE  # spread concurrent graders over the pool
    for offset in range(POOL_SIZE):
        slot = (start + offset) % POOL_SIZE
        fd = os.open(LOCK_DIR / f"{slot}.lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            continue
        return UidLease(UID_BASE + slot, fd)
    raise NoFreeUid(f"all {POOL_SIZE} sandbox uids are in use")


def is_sandbox_uid(uid: int) -> bool:
    return UID_BASE <= uid < UID_BASE + POOL_SIZE
