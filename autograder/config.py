"""The course's grading configuration: the secret seed for hidden inputs and sandbox limits.

It lives in ``<course>/grading.toml`` (git-ignored, never released) or comes from the
environment variable ``AUTOGRADER_SECRET_SEED``. The same seed gives identical hidden inputs
on every regrade; a new seed per term or exam gives fresh ones.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from autograder.sandbox.limits import Limits, LimitsError

CONFIG_NAME = "grading.toml"
SEED_ENV = "AUTOGRADER_SECRET_SEED"


class ConfigError(ValueError):
    """Missing or invalid grading configuration (a usage error)."""


@dataclass(frozen=True)
class GradingConfig:
    secret_seed: str
    term: str = ""
    limits: Limits = field(default_factory=Limits)

    @property
    def fingerprint(self) -> str:
        """Identifies the seed in reports without revealing it."""
        return hashlib.sha256(f"fingerprint:{self.secret_seed}".encode()).hexdigest()[:12]


def _limits(table: dict[str, object]) -> Limits:
    try:
        return Limits().overridden(table, f"{CONFIG_NAME} [limits]")
    except LimitsError as exc:
        raise ConfigError(str(exc)) from None


def _read(course_root: Path) -> dict[str, dict[str, object]]:
    path = course_root / CONFIG_NAME
    if not path.exists():
        return {}
    try:
        return tomllib.loads(path.read_text())
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None


def load_limits(course_root: Path) -> Limits:
    """Only the sandbox limits (no secret needed), e.g. for ``autograder doctor``."""
    return _limits(_read(course_root).get("limits", {}))


def load_config(course_root: Path) -> GradingConfig:
    path = course_root / CONFIG_NAME
    data = _read(course_root)
    grading = data.get("grading", {})
    seed = os.environ.get(SEED_ENV) or grading.get("secret_seed")
    if not seed or not isinstance(seed, str):
        raise ConfigError(
            f"no secret seed: run `autograder secret --new` (writes {path}) or set {SEED_ENV}"
        )
    return GradingConfig(seed, str(grading.get("term", "")), _limits(data.get("limits", {})))


def write_new_secret(course_root: Path, term: str) -> Path:
    """Write a fresh random seed to ``grading.toml`` (mode 0600), keeping nothing old."""
    path = course_root / CONFIG_NAME
    seed = secrets.token_hex(16)
    text = f'[grading]\nsecret_seed = "{seed}"\nterm = "{term}"\n'
    tmp = path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(text)
    os.replace(tmp, path)
    return path
