"""Per-assignment and per-task grading settings: sandbox limits and forbidden libraries.

Read from ``autograder/graders/<aid>/assignment.toml`` (hidden with the graders), e.g.::

    [limits]                 # for every task of this assignment (over the course's grading.toml)
    call_seconds = 20

    [tasks.conv2d]
    forbid = ["torch"]       # the worker for this task has no torch at all
    memory_bytes = 1073741824

    [sandbox]                # every worker of this assignment
    preload = ["torch._dynamo", "keras"]   # imported once in the zygote, beyond numpy/torch
    env = { KERAS_BACKEND = "torch" }      # in the workers, and in the zygote for its imports

Tasks with the same settings share one worker; a task with other settings gets its own.
The file's ``[gradescope]`` section (how Gradescope shows the results) is read by
``autograder.reports.gradescope``.
"""

from __future__ import annotations

import dataclasses
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from autograder.sandbox.launcher import FORBIDDABLE, sandbox_environment
from autograder.sandbox.limits import LIMIT_KEYS, Limits, LimitsError, checked
from autograder.sandbox.preload import Preload

SETTINGS_NAME = "assignment.toml"


class SettingsError(ValueError):
    """An invalid assignment.toml (an authoring error)."""


@dataclass(frozen=True)
class WorkerProfile:
    """What one worker looks like: its limits and the libraries it lacks."""

    limits: Limits
    forbid: tuple[str, ...] = ()
    preload: Preload = field(default_factory=Preload)


@dataclass(frozen=True)
class AssignmentSettings:
    limits: dict[str, Any] = field(default_factory=dict)
    tasks: dict[str, dict[str, Any]] = field(default_factory=dict)
    preload: Preload = field(default_factory=Preload)

    def profile(self, task_id: str, base: Limits) -> WorkerProfile:
        task = self.tasks.get(task_id, {})
        overrides = {**self.limits, **{k: v for k, v in task.items() if k in LIMIT_KEYS}}
        forbid = tuple(sorted(task.get("forbid", ())))
        return WorkerProfile(dataclasses.replace(base, **overrides), forbid, self.preload)


def _check_limits(table: dict[str, Any], where: str) -> dict[str, int | float]:
    try:
        return checked(table, where)
    except LimitsError as exc:
        raise SettingsError(str(exc)) from None


SECTIONS = frozenset(
    {"limits", "tasks", "gradescope", "audit", "exam", "sandbox"}
)  # audit: autograder.audit; exam: autograder/exam/


def read_settings_file(graders_dir: Path) -> tuple[Path, dict[str, Any]]:
    """The path of ``assignment.toml`` and its parsed content ({} when there is none)."""
    path = graders_dir / SETTINGS_NAME
    if not path.exists():
        return path, {}
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    unknown = set(data) - SECTIONS
    if unknown:
        raise SettingsError(f"{path}: unknown sections {sorted(unknown)}")
    return path, data


def load_settings(graders_dir: Path, task_ids: tuple[str, ...]) -> AssignmentSettings:
    path, data = read_settings_file(graders_dir)
    limits = _check_limits(data.get("limits", {}), f"{path} [limits]")
    tasks: dict[str, dict[str, Any]] = {}
    for task_id, table in data.get("tasks", {}).items():
        if task_id not in task_ids:
            raise SettingsError(f"{path}: [tasks.{task_id}] is not a task of this assignment")
        forbid = table.get("forbid", [])
        if not isinstance(forbid, list) or not set(forbid) <= set(FORBIDDABLE):
            raise SettingsError(
                f"{path}: [tasks.{task_id}] forbid must list some of {sorted(FORBIDDABLE)}"
            )
        own = {k: v for k, v in table.items() if k != "forbid"}
        tasks[task_id] = {**_check_limits(own, f"{path} [tasks.{task_id}]"), "forbid": forbid}
    return AssignmentSettings(limits, tasks, _check_sandbox(data.get("sandbox", {}), path))


def declared_preload(graders_dir: Path) -> Preload:
    """The ``[sandbox]`` of ``graders_dir``'s settings; none where they are invalid (the
    command that grades reports that: this only chooses which zygote to start early)."""
    try:
        path, data = read_settings_file(graders_dir)
        return _check_sandbox(data.get("sandbox", {}), path)
    except SettingsError:
        return Preload()


SANDBOX_KEYS = frozenset({"preload", "env"})
MODULE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*")
ENV_NAME = re.compile(r"[A-Z_][A-Z0-9_]*")


def _check_sandbox(table: dict[str, Any], path: Path) -> Preload:
    """``[sandbox]``: ``preload`` (module names) and ``env`` (NAME = "value", not one of the
    sandbox's own variables)."""
    where = f"{path} [sandbox]"
    unknown = set(table) - SANDBOX_KEYS
    if unknown:
        raise SettingsError(f"{where}: unknown key {sorted(unknown)[0]!r} (known: env, preload)")
    modules = table.get("preload", [])
    if not isinstance(modules, list) or not all(
        isinstance(m, str) and MODULE_NAME.fullmatch(m) for m in modules
    ):
        raise SettingsError(f"{where}: preload must list module names, not {modules!r}")
    env = table.get("env", {})
    own = set(sandbox_environment(()))
    if not isinstance(env, dict) or not all(
        ENV_NAME.fullmatch(k) and k not in own and isinstance(v, str) for k, v in env.items()
    ):
        raise SettingsError(
            f'{where}: env must map NAME = "value" (not the sandbox\'s own '
            f"{', '.join(sorted(own))}), not {env!r}"
        )
    return Preload(tuple(dict.fromkeys(modules)), tuple(sorted(env.items())))
