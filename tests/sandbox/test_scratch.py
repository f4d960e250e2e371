"""Scratch folders left by a killed grader are removed by the next one; live ones stay."""

import subprocess
import tempfile
from pathlib import Path

from autograder.sandbox.scratch import private_folder, sweep


def test_folders_of_dead_processes_are_swept():
    gone = subprocess.Popen(["true"])
    gone.wait()  # its pid belongs to no process now
    prefix = "agtest-scratch-"
    stale = Path(tempfile.mkdtemp(prefix=f"{prefix}{gone.pid}-"))
    (stale / "zygote.sock").write_text("")
    mine = private_folder(prefix)
    try:
        assert not stale.exists()
        assert mine.exists() and oct(mine.stat().st_mode & 0o777) == "0o700"
        sweep(prefix)
        assert mine.exists()  # this process is alive
    finally:
        mine.rmdir()
