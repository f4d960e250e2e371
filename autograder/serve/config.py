"""The service's settings: ``<course>/serve.toml`` (which assignments are open, limits, queue).

Example::

    [serve]
    attempts_per_hour = 10          # per student and assignment
    max_upload_bytes = 5242880
    database = "sqlite:///serve/serve.sqlite"   # relative paths: in the course folder
    queue = "embedded"              # or "celery" (broker below; workers: `autograder serve worker`)
    workers = 1                     # grading processes of the embedded mode
    prepare_seeds = true            # embedded mode: compute the next attempt's references while
                                    # idle (false: each attempt computes its own, as Celery's)
    broker = "redis://localhost:6379/0"
    visibility_timeout = 3600       # a dead Celery worker's job returns after this many seconds
    base_url = "/"                  # behind JupyterHub's proxy: "/services/<name>/" (default
                                    # with [hub]: $JUPYTERHUB_SERVICE_PREFIX, else "/")

    [assignments.a01_perceptron_xor]
    deadline = "2026-12-10T23:59:00+01:00"
    opens = "2026-12-01T08:00:00+01:00"   # optional
    exam = false                          # true: uploads are stored, no practice feedback

    [hub]                                 # optional: sign-in through JupyterHub (docs/instructor.md)
    api_url = "http://127.0.0.1:8081/hub/api"
    hub_url = "https://hub.example.org"   # where browsers reach the Hub
    client_id = "service-feedback"
    callback_url = "https://feedback.example.org/oauth_callback"
    service_name = "feedback"
    [hub.students]                        # Hub user = student id (unlisted: the same name)
    mmuster = "s1234567"
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from autograder.config import ConfigError
from autograder.serve.hub import HubSettings

SERVE_CONFIG = "serve.toml"
QUEUES = ("embedded", "celery")


@dataclass(frozen=True)
class Window:
    """When one assignment takes uploads, and whether it is an exam."""

    deadline: datetime
    opens: datetime | None = None
    exam: bool = False

    def is_open(self, now: datetime) -> bool:
        return (self.opens is None or self.opens <= now) and now < self.deadline


@dataclass(frozen=True)
class ServeConfig:
    course_root: Path
    assignments: dict[str, Window] = field(default_factory=dict)
    attempts_per_hour: int = 10
    max_upload_bytes: int = 5 << 20
    database: str = "sqlite:///serve/serve.sqlite"
    queue: str = "embedded"
    broker: str = "redis://localhost:6379/0"
    visibility_timeout: int = 3600  # seconds until a dead worker's unacknowledged job returns
    workers: int = 1  # grading processes of the embedded mode
    hub: HubSettings | None = None  # sign-in through JupyterHub (besides the tokens)
    base_url: str = "/"  # where the pages are: "/" or "/services/<name>/" behind the Hub's proxy
    prepare_seeds: bool = True  # embedded graders prepare the next attempt's seed while idle

    def practice_assignments(self) -> list[str]:
        """The assignments that get practice feedback now or later (exams get none, nor do
        closed ones): workers load these when they start."""
        now = datetime.now(UTC)
        return sorted(a for a, w in self.assignments.items() if not w.exam and now < w.deadline)

    @property
    def database_url(self) -> str:
        """SQLite paths relative to the course folder become absolute."""
        prefix = "sqlite:///"
        if self.database.startswith(prefix) and not self.database.startswith(prefix + "/"):
            return prefix + str(self.course_root / self.database[len(prefix) :])
        return self.database


def _moment(value: Any, where: str) -> datetime:
    try:
        moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where}: not a date and time: {value!r}") from None
    if moment.tzinfo is None:
        raise ConfigError(f"{where}: give a time zone (e.g. 2026-12-10T23:59:00+01:00)")
    return moment.astimezone(UTC)


def _window(aid: str, table: dict[str, Any]) -> Window:
    where = f"{SERVE_CONFIG} [assignments.{aid}]"
    if "deadline" not in table:
        raise ConfigError(f"{where}: needs a deadline")
    opens = _moment(table["opens"], where) if "opens" in table else None
    return Window(_moment(table["deadline"], where), opens, bool(table.get("exam", False)))


def _base_url(serve: dict[str, Any], hub: bool) -> str:
    """The path prefix of every page, "/" at both ends; a Hub-managed service's from the Hub."""
    default = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/") if hub else "/"
    path = str(serve.get("base_url", default)).strip("/")
    return f"/{path}/" if path else "/"


def load_serve_config(course_root: Path) -> ServeConfig:
    path = course_root / SERVE_CONFIG
    if not path.exists():
        raise ConfigError(f"{path} is missing: it says which assignments are open (see docs)")
    try:
        data = tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    serve = data.get("serve", {})
    config = ServeConfig(
        course_root,
        {aid: _window(aid, table) for aid, table in data.get("assignments", {}).items()},
        int(serve.get("attempts_per_hour", 10)),
        int(serve.get("max_upload_bytes", 5 << 20)),
        str(serve.get("database", ServeConfig.database)),
        str(serve.get("queue", "embedded")),
        str(serve.get("broker", ServeConfig.broker)),
        int(serve.get("visibility_timeout", 3600)),
        max(1, int(serve.get("workers", 1))),
        HubSettings.from_table(data["hub"], f"{path} [hub]") if "hub" in data else None,
        _base_url(serve, "hub" in data),
        prepare_seeds=bool(serve.get("prepare_seeds", True)),
    )
    if config.queue not in QUEUES:
        raise ConfigError(f"{path}: queue must be one of {', '.join(QUEUES)}")
    return config


def write_serve_config(course_root: Path, windows: dict[str, Window], **serve: Any) -> Path:
    """Write ``serve.toml`` (the demo and tests; instructors edit it by hand)."""
    lines = ["[serve]"]
    lines += [f"{key} = {_toml(value)}" for key, value in serve.items()]
    for aid, window in windows.items():
        lines += ["", f"[assignments.{aid}]", f'deadline = "{window.deadline.isoformat()}"']
        if window.opens is not None:
            lines.append(f'opens = "{window.opens.isoformat()}"')
        lines.append(f"exam = {str(window.exam).lower()}")
    path = course_root / SERVE_CONFIG
    path.write_text("\n".join(lines) + "\n")
    return path


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    return str(value) if isinstance(value, int) else f'"{value}"'
