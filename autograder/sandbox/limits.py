"""A worker's resource limits, and the one place they are read from TOML: the course's
``grading.toml`` ``[limits]`` and an ``assignment.toml``'s ``[limits]`` and ``[tasks.<task>]``."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass


class LimitsError(ValueError):
    """An invalid limits table; the message says where and what is allowed."""


@dataclass(frozen=True)
class Limits:
    """Resource limits of one worker; generous defaults for numpy/torch exercises."""

    memory_bytes: int = 2 << 30
    processes: int = 64
    call_seconds: float = 10.0
    submission_seconds: float = 120.0
    file_bytes: int = 64 << 20
    open_files: int = 256
    tmpfs_bytes: int = 64 << 20
    output_bytes: int = 64 << 10
    gpu_memory_mib: int = 2048  # --device cuda only: torch's fraction and the NVML watchdog

    def overridden(self, table: Mapping[str, object], where: str) -> Limits:
        """These limits with the table's values, each checked (see ``checked``)."""
        return dataclasses.replace(self, **checked(table, where))  # type: ignore[arg-type]


FIELDS = {f.name: f.type for f in dataclasses.fields(Limits)}
LIMIT_KEYS = frozenset(FIELDS)


def checked(table: Mapping[str, object], where: str) -> dict[str, int | float]:
    """The table's limits: known keys only, positive numbers, whole numbers for counts/bytes."""
    values: dict[str, int | float] = {}
    for key, value in table.items():
        if key not in LIMIT_KEYS:
            raise LimitsError(
                f"{where}: unknown key {key!r} (known: {', '.join(sorted(LIMIT_KEYS))})"
            )
        if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
            raise LimitsError(f"{where}: {key} must be a positive number, not {value!r}")
        if FIELDS[key] == "int" and not float(value).is_integer():
            raise LimitsError(f"{where}: {key} must be a whole number, not {value!r}")
        values[key] = int(value) if FIELDS[key] == "int" else float(value)
    return values
