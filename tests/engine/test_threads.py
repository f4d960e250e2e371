"""The engine sets the grading process's torch threads for every assignment (as many as a
worker's), in the thread where graders and the diagnosis run, and puts the old value back."""

from __future__ import annotations

import threading

import pytest
import torch

from autograder.engine.collected import GraderSession
from autograder.engine.threads import grading_threads
from autograder.sandbox.launcher import WORKER_THREADS, sandbox_environment

GRADERS = """
import torch

def test_threads(seen):
    seen.append(torch.get_num_threads())
"""


def test_grading_threads_sets_this_thread_and_restores_it():
    before = torch.get_num_threads()
    torch.set_num_threads(2)
    try:
        with grading_threads():
            assert torch.get_num_threads() == WORKER_THREADS == 1
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)


def test_the_workers_environment_says_the_same():
    env = sandbox_environment(())
    assert env["OMP_NUM_THREADS"] == env["MKL_NUM_THREADS"] == str(WORKER_THREADS)


def test_graders_run_with_the_engines_threads_in_the_session_thread(tmp_path):
    (tmp_path / "test_thread_graders.py").write_text(GRADERS)
    seen: list[int] = []

    class Fixture:
        @pytest.fixture(name="seen")
        def seen_fixture(self) -> list[int]:
            return seen

    before = torch.get_num_threads()
    torch.set_num_threads(2)  # what a new thread starts with: the session's thread sees it
    args = [str(tmp_path), "-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path)]
    session = GraderSession([*args, "--import-mode=importlib"], [Fixture()])
    try:
        session.run(lambda item: True)
        probe: list[int] = []
        thread = threading.Thread(target=lambda: probe.append(torch.get_num_threads()))
        thread.start()
        thread.join()
    finally:
        session.close()
        torch.set_num_threads(before)
    assert probe == [2]  # without the engine's limit a grader would get 2
    assert seen == [1]
