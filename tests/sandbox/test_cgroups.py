"""Cgroups left behind by a killed grader never cost a later worker its limits."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys

import pytest

from autograder.sandbox import cgroups, errors
from autograder.sandbox.launcher import SandboxSpec
from autograder.sandbox.session import CodeCell, WorkerSession


def _dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_the_cgroups_of_dead_graders_are_swept_and_the_living_kept(tmp_path, monkeypatch):
    monkeypatch.setattr(cgroups, "_swept", set())
    dead = tmp_path / f"autograder-{_dead_pid()}-3-0a1b2c3d"
    alive = tmp_path / f"autograder-{os.getpid()}-1-deadbeef"
    foreign = tmp_path / "someone-elses-123"
    for folder in (dead, alive, foreign):
        folder.mkdir()
    cgroups.sweep_stale(tmp_path)
    assert not dead.exists()
    assert alive.exists() and foreign.exists()


def test_names_do_not_repeat_when_a_pid_comes_back(monkeypatch):
    """A new grader with a dead one's pid counts from 0 again: its cgroups still get new names
    (a clash used to leave the worker without memory and process limits)."""
    if cgroups.detect_version() is None:
        pytest.skip("cgroups need root here")
    monkeypatch.setattr(cgroups, "_counter", itertools.count())
    first = cgroups.create(64 << 20, 16)
    monkeypatch.setattr(cgroups, "_counter", itertools.count())  # the same pid and number
    second = cgroups.create(64 << 20, 16)
    assert first is not None and second is not None
    try:
        assert first.folders[0].name != second.folders[0].name
        assert first.folders[0].name.startswith(f"autograder-{os.getpid()}-")
    finally:
        first.remove()
        second.remove()


def test_a_worker_is_not_started_without_its_cgroup_where_cgroups_work(monkeypatch):
    """Where cgroups work, a failed cgroup means no worker, not a worker without limits."""
    if cgroups.detect_version() is None:
        pytest.skip("cgroups need root here")
    monkeypatch.setattr(cgroups, "create", lambda memory, processes: None)
    session = WorkerSession(SandboxSpec(), [CodeCell("c", "x = 1")])
    with pytest.raises(errors.WorkerStartFailed, match="cgroup"), session:
        session.ensure_started()
