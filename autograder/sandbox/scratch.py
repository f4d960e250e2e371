"""Scratch folders of this process in the temp dir, and the sweep of those a dead process left.

Worker files and zygote sockets live in ``<tmp>/<prefix><pid>-<random>``. A grader that is
killed (``kill -9``, a crashed test worker) cannot remove its folders; the next grader on the
machine removes every such folder whose process no longer exists.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def sweep(prefix: str) -> None:
    """Remove the ``prefix`` folders of processes that are gone."""
    for folder in Path(tempfile.gettempdir()).glob(f"{prefix}*-*"):
        owner = folder.name[len(prefix) :].split("-", 1)[0]
        if owner.isdigit() and not _alive(int(owner)):
            shutil.rmtree(folder, ignore_errors=True)


def private_folder(prefix: str) -> Path:
    """A new folder (mode 0700) named after this process; stale ones of dead processes go."""
    sweep(prefix)
    return Path(tempfile.mkdtemp(prefix=f"{prefix}{os.getpid()}-"))
