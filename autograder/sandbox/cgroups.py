"""Per-worker cgroups: a memory limit and a process limit for the worker's whole tree.

Supports cgroup v1 (separate ``memory`` and ``pids`` hierarchies, as on this project's machines)
and pure cgroup v2 (one unified hierarchy, as on most current servers). A worker joins its
cgroup before anything of it runs: the launch command starts with a tiny shell that writes its
own pid into ``cgroup.procs`` and then execs the sandbox. Without root (or a delegated
subtree) cgroups are unavailable and the rlimits are the only resource limits; ``autograder
doctor`` says so.
"""

from __future__ import annotations

import itertools
import os
import re
import secrets
import shlex
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path("/sys/fs/cgroup")
_counter = itertools.count()
_OURS = re.compile(r"autograder-(\d+)-")  # autograder-<grader pid>-<n>-<random>
_swept: set[Path] = set()


@dataclass(frozen=True)
class WorkerCgroup:
    """The cgroup folders of one worker (one per hierarchy) and what they limit."""

    folders: tuple[Path, ...]
    memory: Path | None
    version: int

    def join_command(self) -> list[str]:
        """A prefix for the launch command: join these cgroups, then exec the rest."""
        joins = " && ".join(
            f"echo $$ > {shlex.quote(str(f / 'cgroup.procs'))}" for f in self.folders
        )
        return ["/bin/sh", "-c", f'{joins} && exec "$@"', "agjoin"]

    def process_count(self) -> int:
        """How many processes are in this cgroup right now (first hierarchy)."""
        try:
            return len((self.folders[0] / "cgroup.procs").read_text().split())
        except OSError:
            return 0

    def memory_exceeded(self) -> bool:
        """Did the memory limit kill or stop something in this cgroup?"""
        if self.memory is None:
            return False
        if self.version == 2:
            return _counter_value(self.memory / "memory.events", "oom_kill") > 0
        failcnt = self.memory / "memory.failcnt"
        return failcnt.exists() and int(failcnt.read_text().strip() or 0) > 0

    def remove(self) -> None:
        for folder in self.folders:
            deadline = time.monotonic() + 1.0  # killed processes leave the cgroup a moment later
            while True:
                try:
                    folder.rmdir()
                    break
                except FileNotFoundError:
                    break
                except OSError:
                    if time.monotonic() > deadline:
                        break
                    time.sleep(0.002)


def _counter_value(path: Path, key: str) -> int:
    try:
        for line in path.read_text().splitlines():
            name, _, value = line.partition(" ")
            if name == key:
                return int(value)
    except OSError:
        pass
    return 0


def sweep_stale(parent: Path) -> None:
    """Remove the cgroups of graders that are gone (killed before they could clean up), once
    per process and parent; a cgroup that still holds a process stays (rmdir refuses)."""
    if parent in _swept:
        return
    _swept.add(parent)
    try:
        children = list(parent.iterdir())
    except OSError:
        return
    for child in children:
        match = _OURS.match(child.name)
        if match and child.is_dir() and not Path(f"/proc/{match.group(1)}").exists():
            try:
                child.rmdir()
            except OSError:
                continue


def _own_paths() -> dict[str, str]:
    """Controller → this process's cgroup path, from /proc/self/cgroup (v2 under key "")."""
    paths = {}
    for line in Path("/proc/self/cgroup").read_text().splitlines():
        _, controllers, path = line.split(":", 2)
        for controller in controllers.split(",") if controllers else [""]:
            paths[controller] = path
    return paths


def detect_version() -> int | None:
    """1 or 2 where this process may create cgroups with memory and pids limits, else None."""
    if os.geteuid() != 0:
        return None
    if (ROOT / "memory" / "cgroup.procs").exists() and (ROOT / "pids" / "cgroup.procs").exists():
        return 1
    if (ROOT / "cgroup.controllers").exists():
        controllers = (ROOT / "cgroup.controllers").read_text().split()
        return 2 if {"memory", "pids"} <= set(controllers) else None
    return None


def _write(path: Path, value: str) -> None:
    path.write_text(value)


def create(memory_bytes: int, processes: int) -> WorkerCgroup | None:
    """A fresh cgroup for one worker, or None where cgroups cannot be used."""
    version = detect_version()
    # the random part: a grader killed with -9 leaves its (empty) cgroups behind, and a later
    # process may get its pid; a name clash must never cost a worker its limits
    name = f"autograder-{os.getpid()}-{next(_counter)}-{secrets.token_hex(4)}"
    try:
        if version == 1:
            return _create_v1(name, memory_bytes, processes)
        if version == 2:
            return _create_v2(name, memory_bytes, processes)
    except OSError:
        return None
    return None


def _create_v1(name: str, memory_bytes: int, processes: int) -> WorkerCgroup:
    own = _own_paths()
    memory = ROOT / "memory" / own.get("memory", "/").lstrip("/") / name
    pids = ROOT / "pids" / own.get("pids", "/").lstrip("/") / name
    sweep_stale(memory.parent)
    sweep_stale(pids.parent)
    memory.mkdir()
    pids.mkdir()
    _write(memory / "memory.limit_in_bytes", str(memory_bytes))
    swap = memory / "memory.memsw.limit_in_bytes"
    if swap.exists():
        _write(swap, str(memory_bytes))
    _write(pids / "pids.max", str(processes))
    return WorkerCgroup((memory, pids), memory, 1)


def _create_v2(name: str, memory_bytes: int, processes: int) -> WorkerCgroup:
    parent = ROOT / _own_paths().get("", "/").lstrip("/")
    enabled = (parent / "cgroup.subtree_control").read_text().split()
    if not {"memory", "pids"} <= set(enabled):
        _write(parent / "cgroup.subtree_control", "+memory +pids")  # needs a delegated subtree
    folder = parent / name
    sweep_stale(parent)
    folder.mkdir()
    _write(folder / "memory.max", str(memory_bytes))
    _write(folder / "memory.swap.max", "0")
    _write(folder / "pids.max", str(processes))
    return WorkerCgroup((folder,), folder, 2)
