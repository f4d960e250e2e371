"""The doctor's passing verdict, remembered for an hour per boot, sandbox code and configuration.

``autograder grade`` proves the sandbox before grading (``doctor.run_doctor``: a real worker
probing every promise, ≈ 0.3 s). A course that grades again and again — a student re-submitting,
a re-grade after a fix — asks the same question of the same machine each time. A *pass* is
remembered as an empty file whose name is a digest of everything the answer depends on: the
boot (``/proc/sys/kernel/random/boot_id``), the kernel, the effective uid, the source of the
sandbox package, the sandbox's settings and the hidden paths (with their owner, mode and
change time). Anything different is a new question, and a new probe.

The files live in a folder only the grader's user can write, on a tmpfs emptied at boot
(``/run/dl-autograder`` as root, else ``$XDG_RUNTIME_DIR/dl-autograder``); a folder or file with
another owner or looser permissions is ignored, so nobody else can plant a pass. A failure is
never remembered, and ``autograder doctor`` always probes afresh.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import time
from pathlib import Path

from autograder.sandbox.launcher import SandboxSpec

REMEMBER_SECONDS = 3600
SANDBOX_DIR = Path(__file__).resolve().parent
BOOT_ID = Path("/proc/sys/kernel/random/boot_id")
TOOLS = ("bwrap", "prlimit", "setpriv")  # which ones PATH finds is part of the question


def verdict_folder() -> Path | None:
    """Our private folder on a boot-scoped tmpfs, or None where there is none we can trust."""
    base = Path("/run") if os.geteuid() == 0 else Path(os.environ.get("XDG_RUNTIME_DIR") or "/-")
    if not base.is_dir():
        return None
    folder = base / "dl-autograder"
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
        info = folder.lstat()
        return folder if stat.S_ISDIR(info.st_mode) and _private(info) else None
    except OSError:
        return None


def _private(info: os.stat_result) -> bool:
    """Ours alone: owned by our user, nobody else may read or write it."""
    return info.st_uid == os.geteuid() and not info.st_mode & 0o077


def _sandbox_source_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(SANDBOX_DIR.rglob("*.py")):
        digest.update(path.relative_to(SANDBOX_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _path_state(path: Path) -> list[object]:
    try:
        info = path.stat()
    except OSError:
        return [str(path), None]
    return [str(path), info.st_uid, info.st_gid, info.st_mode, info.st_ctime_ns]


def verdict_key(spec: SandboxSpec, hidden_paths: list[Path]) -> str:
    """A digest of everything a doctor's verdict depends on."""
    facts = {
        "boot": BOOT_ID.read_text().strip() if BOOT_ID.exists() else "",
        "kernel": os.uname().release,
        "euid": os.geteuid(),
        "tools": [shutil.which(tool) for tool in TOOLS],
        "sandbox": _sandbox_source_digest(),
        "spec": repr(spec),
        "hidden": [_path_state(p) for p in sorted(hidden_paths)],
    }
    return hashlib.sha256(json.dumps(facts, sort_keys=True).encode()).hexdigest()


def passed_recently(key: str) -> bool:
    folder = verdict_folder()
    if folder is None:
        return False
    try:
        info = (folder / key).lstat()
    except OSError:
        return False
    fresh = time.time() - info.st_mtime < REMEMBER_SECONDS
    return fresh and stat.S_ISREG(info.st_mode) and _private(info)


def remember_pass(key: str) -> None:
    folder = verdict_folder()
    if folder is None:
        return
    path = folder / key
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600))
