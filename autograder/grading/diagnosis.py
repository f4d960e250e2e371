"""Name the mistake: replay a student's recorded calls through the task's catalogued mistakes."""

from __future__ import annotations

import copy
from typing import Any

from autograder.grading.catalogue import Entry
from autograder.grading.checks import values_match
from autograder.grading.proxy import CallRecord, TaskUnavailable
from autograder.sandbox.errors import StudentException

_FAILED = object()


def _run_mistake(entry: Entry, record: CallRecord) -> Any:
    try:
        return entry.function(*copy.deepcopy(record.args), **copy.deepcopy(record.kwargs))
    except Exception:
        return _FAILED


def _reproduces(entry: Entry, record: CallRecord) -> bool:
    if entry.matcher is not None:
        return record.error is None and entry.matcher(record.value, record.args, record.kwargs)
    expected = _run_mistake(entry, record)
    if expected is _FAILED:
        return isinstance(record.error, StudentException)
    return record.error is None and values_match(record.value, expected, entry.long_run)


def diagnose(entries: list[Entry], records: list[CallRecord]) -> Entry | None:
    """The first mistake that reproduces every recorded call of the task, if any."""
    usable = [r for r in records if not isinstance(r.error, TaskUnavailable)]
    if not usable or all(r.error is not None for r in usable):
        return None
    for entry in entries:
        if all(_reproduces(entry, record) for record in usable):
            return entry
    return None
