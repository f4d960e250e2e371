"""The doctor's pass is remembered per boot and configuration, in a folder nobody else controls;
anything that changes the question, or a planted file, means probing again."""

from __future__ import annotations

import os
import time

import pytest

from autograder.sandbox import doctor, verdicts
from autograder.sandbox.launcher import SandboxSpec
from autograder.sandbox.limits import Limits


@pytest.fixture
def runtime_dir(tmp_path, monkeypatch):
    """A private runtime folder standing in for /run (as root) or $XDG_RUNTIME_DIR."""
    base = tmp_path / "run"
    base.mkdir(mode=0o700)
    monkeypatch.setattr(verdicts, "verdict_folder", lambda: _private_folder(base))
    return base


def _private_folder(base):
    folder = base / "dl-autograder"
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


@pytest.fixture
def probes(monkeypatch):
    """Count real probes; each one passes (or fails when told)."""
    calls = []

    def fake_run_doctor(spec, hidden_paths):
        calls.append(spec)
        report = doctor.DoctorReport()
        report.add("probe", not getattr(fake_run_doctor, "fail", False), "")
        return report

    monkeypatch.setattr(doctor, "run_doctor", fake_run_doctor)
    return calls, fake_run_doctor


def test_a_pass_is_probed_once_and_then_remembered(runtime_dir, probes, tmp_path):
    calls, _ = probes
    hidden = [tmp_path]
    assert doctor.checked_sandbox(SandboxSpec(), hidden).ok
    assert doctor.checked_sandbox(SandboxSpec(), hidden).ok
    assert len(calls) == 1


def test_another_configuration_is_probed_afresh(runtime_dir, probes, tmp_path):
    calls, _ = probes
    doctor.checked_sandbox(SandboxSpec(), [tmp_path])
    doctor.checked_sandbox(SandboxSpec(limits=Limits(memory_bytes=512 << 20)), [tmp_path])
    doctor.checked_sandbox(SandboxSpec(), [tmp_path / "other"])
    tmp_path.chmod(0o711)  # a hidden path whose permissions changed
    doctor.checked_sandbox(SandboxSpec(), [tmp_path])
    assert len(calls) == 4


def test_a_failure_is_never_remembered(runtime_dir, probes, tmp_path):
    calls, fake = probes
    fake.fail = True
    assert not doctor.checked_sandbox(SandboxSpec(), [tmp_path]).ok
    fake.fail = False
    assert doctor.checked_sandbox(SandboxSpec(), [tmp_path]).ok
    assert len(calls) == 2


def test_an_old_or_planted_pass_is_not_trusted(runtime_dir, probes, tmp_path):
    calls, _ = probes
    spec, hidden = SandboxSpec(), [tmp_path]
    doctor.checked_sandbox(spec, hidden)
    path = runtime_dir / "dl-autograder" / verdicts.verdict_key(spec, hidden)
    old = time.time() - verdicts.REMEMBER_SECONDS - 1
    os.utime(path, (old, old))
    doctor.checked_sandbox(spec, hidden)  # expired: probed again (and remembered anew)
    path.chmod(0o644)  # loosened: someone else could have written it
    doctor.checked_sandbox(spec, hidden)
    assert len(calls) == 3


def test_the_real_folder_is_private_to_this_user():
    folder = verdicts.verdict_folder()
    if folder is None:
        pytest.skip("no runtime folder on this machine")
    info = folder.lstat()
    assert info.st_uid == os.geteuid()
    assert info.st_mode & 0o077 == 0


def test_a_remembered_pass_never_hides_a_missing_tool(runtime_dir, probes, tmp_path, monkeypatch):
    """The cheap checks (bubblewrap on PATH, seccomp) run every time: without them the
    remembered pass does not count, and the doctor's own report says what is missing."""
    from autograder.sandbox.launcher import SandboxUnavailable

    calls, _ = probes
    spec, hidden = SandboxSpec(), [tmp_path]
    assert doctor.checked_sandbox(spec, hidden).ok

    def no_bwrap(spec):
        raise SandboxUnavailable("`bwrap` is not installed")

    monkeypatch.setattr(doctor, "check_sandbox_available", no_bwrap)
    doctor.checked_sandbox(spec, hidden)
    assert len(calls) == 2  # probed again, not answered from memory
