"""Every nbgrader command goes through one adapter; it runs this interpreter's nbgrader."""

from __future__ import annotations

from pathlib import Path

import nbgrader

from autograder.nbgrader.run import run_nbgrader


def test_runs_this_interpreters_nbgrader(tmp_path: Path) -> None:
    process = run_nbgrader("--version", cwd=tmp_path)
    assert process.returncode == 0, process.stderr
    assert nbgrader.__version__ in process.stdout + process.stderr


def test_a_failing_command_reports_instead_of_raising(tmp_path: Path) -> None:
    process = run_nbgrader("collect", "no_such_assignment", cwd=tmp_path)
    assert process.returncode != 0 and process.stderr
