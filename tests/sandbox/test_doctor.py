"""`autograder doctor` passes here and fails when a promise is broken."""

import dataclasses
from pathlib import Path

import pytest

from autograder.sandbox import doctor, preload, zygote
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


@pytest.mark.skipif(not zygote.usable(SandboxSpec()), reason="the zygote needs root on Linux")
@pytest.mark.parametrize("torch_wanted", ["1", "0"])
def test_the_probe_takes_a_numpy_only_zygote_and_ends_it(monkeypatch, torch_wanted):
    """The batch's zygote (torch, ≈ 2 s to import) is started first and kept; the probe's
    worker comes from a zygote that imports numpy only, which ends after the probe — unless
    it is the batch's own (no torch wanted)."""
    monkeypatch.setenv(preload.ENV, torch_wanted)
    spec = SandboxSpec()
    zygote.prestart([spec])
    batch_zygote = zygote.zygote_for(spec)
    probed_with: list[SandboxSpec] = []

    class Recorded(doctor.WorkerSession):
        def __init__(self, probe_spec, cells):
            probed_with.append(probe_spec)
            super().__init__(probe_spec, cells)

    monkeypatch.setattr(doctor, "WorkerSession", Recorded)
    report = run_doctor(spec, HIDDEN)
    assert report.ok, [(c.name, c.detail) for c in report.checks if not c.ok]
    assert probed_with == [dataclasses.replace(spec, zygote_numpy_only=True)]
    assert zygote.preload_for(probed_with[0]) == ("numpy",)
    if torch_wanted == "1":
        assert zygote._key(probed_with[0]) not in zygote._registry()  # retired
    assert zygote.zygote_for(spec) is batch_zygote and batch_zygote.alive()
