"""One limits model: the course's grading.toml and an assignment.toml are checked alike, and the
sandbox mode replaces the old pair of booleans."""

from __future__ import annotations

from pathlib import Path

import pytest

from autograder.config import ConfigError, load_limits
from autograder.engine.settings import SettingsError, load_settings
from autograder.sandbox.launcher import SandboxMode
from autograder.sandbox.limits import Limits, LimitsError, checked

BAD = [
    ('memory_bytes = "2G"', "must be a positive number"),
    ("call_seconds = -1", "must be a positive number"),
    ("processes = true", "must be a positive number"),
    ("memory_bytes = 1.5", "must be a whole number"),
    ("wall_seconds = 3", "unknown key 'wall_seconds'"),
    ("gpu_memory_mib = 0", "must be a positive number"),
    ('gpu_memory_mib = "2G"', "must be a positive number"),
    ("gpu_memory_mib = 1536.5", "must be a whole number"),
]


@pytest.mark.parametrize(("line", "message"), BAD)
def test_the_course_config_rejects_what_assignment_settings_reject(
    tmp_path: Path, line: str, message: str
) -> None:
    (tmp_path / "grading.toml").write_text(f"[limits]\n{line}\n")
    with pytest.raises(ConfigError, match=message) as course:
        load_limits(tmp_path)
    assert "grading.toml [limits]" in str(course.value)
    (tmp_path / "assignment.toml").write_text(f"[limits]\n{line}\n")
    with pytest.raises(SettingsError, match=message):
        load_settings(tmp_path, ())
    (tmp_path / "assignment.toml").write_text(f"[tasks.neuron]\n{line}\n")
    with pytest.raises(SettingsError, match=message) as task:
        load_settings(tmp_path, ("neuron",))
    assert "[tasks.neuron]" in str(task.value)


def test_valid_tables_give_typed_limits(tmp_path: Path) -> None:
    (tmp_path / "grading.toml").write_text("[limits]\nmemory_bytes = 1e9\ncall_seconds = 3\n")
    limits = load_limits(tmp_path)
    assert limits == Limits(memory_bytes=1_000_000_000, call_seconds=3.0)
    assert isinstance(limits.memory_bytes, int) and isinstance(limits.call_seconds, float)
    (tmp_path / "assignment.toml").write_text("[tasks.neuron]\ncall_seconds = 20\nforbid = []\n")
    profile = load_settings(tmp_path, ("neuron",)).profile("neuron", limits)
    assert profile.limits.call_seconds == 20.0 and profile.limits.memory_bytes == 1_000_000_000


def test_checked_names_the_place() -> None:
    with pytest.raises(LimitsError, match=r"^here: unknown key 'x'"):
        checked({"x": 1}, "here")


@pytest.mark.parametrize(
    ("unsafe", "no_zygote", "mode", "sandboxed"),
    [
        (False, False, SandboxMode.ZYGOTE, True),
        (False, True, SandboxMode.BWRAP, True),
        (True, False, SandboxMode.NONE, False),
        (True, True, SandboxMode.NONE, False),
    ],
)
def test_sandbox_mode_from_the_command_line(unsafe, no_zygote, mode, sandboxed) -> None:
    assert SandboxMode.from_flags(unsafe, no_zygote) is mode
    assert mode.sandboxed is sandboxed


def test_the_gpu_memory_limit_is_read_from_both_files(tmp_path: Path) -> None:
    (tmp_path / "grading.toml").write_text("[limits]\ngpu_memory_mib = 4096\n")
    limits = load_limits(tmp_path)
    assert limits.gpu_memory_mib == 4096 and Limits().gpu_memory_mib == 2048
    (tmp_path / "assignment.toml").write_text("[tasks.neuron]\ngpu_memory_mib = 1024.0\n")
    profile = load_settings(tmp_path, ("neuron",)).profile("neuron", limits)
    assert profile.limits.gpu_memory_mib == 1024 and isinstance(profile.limits.gpu_memory_mib, int)
