"""`autograder doctor` passes here and fails when a promise is broken."""

from pathlib import Path

import pytest

from autograder.sandbox.doctor import run_doctor
from autograder.sandbox.launcher import SandboxMode, SandboxSpec
from tests.conftest import REPO

HIDDEN = [
    REPO / "solutions" / "a01_perceptron_xor.py",
    REPO / "autograder" / "graders" / "a01_perceptron_xor" / "test_neuron.py",
]


@pytest.mark.parametrize("use_zygote", [True, False], ids=["zygote", "bwrap"])
def test_doctor_passes_on_this_machine(use_zygote):
    report = run_doctor(
        SandboxSpec(mode=SandboxMode.ZYGOTE if use_zygote else SandboxMode.BWRAP), HIDDEN
    )
    failed = [(c.name, c.detail) for c in report.checks if not c.ok]
    assert report.ok, failed
    names = {c.name for c in report.checks}
    assert {
        "not root, its own uid",
        "no network",
        "writes only to its tmpfs",
        "dies with its parent",
    } <= names


def test_doctor_fails_when_a_hidden_file_is_visible():
    """A path that *is* inside the sandbox (the interpreter) must make the read check fail."""
    spec = SandboxSpec()
    report = run_doctor(spec, [Path(spec.python)])
    check = next(c for c in report.checks if c.name.startswith("cannot read"))
    assert not check.ok and spec.python in check.detail
    assert not report.ok
