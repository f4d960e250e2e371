"""Name the mistake: replay a student's recorded calls through the task's catalogued mistakes."""

from __future__ import annotations

import functools
import warnings
from collections import OrderedDict
from typing import Any

import numpy as np

from autograder.authoring.catalogue import Entry
from autograder.authoring.compare import values_match
from autograder.engine.proxy import CallRecord, TaskUnavailable
from autograder.engine.reference import call_key
from autograder.i18n import Text
from autograder.sandbox.errors import StudentException


class _Raised:
    """The mistake raised an exception on these arguments."""

    def __init__(self, exc: Exception) -> None:
        self.type_name = type(exc).__name__


def _run_mistake(entry: Entry, record: CallRecord) -> Any:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            return record.replay(entry.function)
        except Exception as exc:
            return _Raised(exc)


class _Call:
    """A recorded call and what every catalogued mistake asks of it, worked out at most once per
    diagnosis (not once per mistake): its arguments' fingerprint and their precision."""

    def __init__(self, record: CallRecord) -> None:
        self.record = record

    @functools.cached_property
    def fingerprint(self) -> str | None:
        """The arguments (and what the view closes over) as a digest; None if not cacheable."""
        view = self.record.view
        seen_as = f"{view.__module__}.{view.__qualname__}" if view else ""
        arguments = (*self.record.args, *_closed_over(view))
        return call_key(f"{self.record.name}/{seen_as}", arguments, self.record.kwargs)

    @functools.cached_property
    def single(self) -> bool:
        """The call's arguments include a float32 array: its result is judged in float32."""
        values = [*self.record.args, *self.record.kwargs.values()]
        return any(str(getattr(v, "dtype", "")) in ("float32", "torch.float32") for v in values)


class MistakeReplays:
    """What each catalogued mistake returns for a call's arguments, remembered (LRU): hidden
    inputs depend only on the secret seed and the test, so every wrong submission of a batch
    asks the same replays. Mistakes are trusted code (edits of the reference); callers only
    read the results. Arguments without a fingerprint (a callable) are replayed each time."""

    def __init__(self, max_entries: int = 4096) -> None:
        self._results: OrderedDict[tuple[str, str, str], Any] = OrderedDict()
        self._max_entries = max_entries
        self.hits = 0

    def result(self, entry: Entry, record: CallRecord) -> Any:
        return self.for_call(entry, _Call(record))

    def for_call(self, entry: Entry, call: _Call) -> Any:
        if call.fingerprint is None:
            return _run_mistake(entry, call.record)
        key = (entry.task_id, entry.key, call.fingerprint)
        if key in self._results:
            self.hits += 1
            self._results.move_to_end(key)
            return self._results[key]
        result = self._results[key] = _run_mistake(entry, call.record)
        if len(self._results) > self._max_entries:
            self._results.popitem(last=False)
        return result


def _closed_over(view: Any) -> tuple[Any, ...]:
    """What a call's view closes over (weights and inputs drawn from the seed, a07): part of the
    replay's key, or a call with the same arguments under another seed (practice attempts, the
    catalogue's other seeds) would get the first one's result."""
    return tuple(cell.cell_contents for cell in getattr(view, "__closure__", None) or ())


def _reproduces(entry: Entry, call: _Call, replays: MistakeReplays) -> bool:
    record = call.record
    if entry.matcher is not None:
        return record.error is None and entry.matcher(record.value, record.args, record.kwargs)
    expected = replays.for_call(entry, call)
    if isinstance(expected, _Raised):
        # the same kind of exception (a shape error, say), never a stub's NotImplementedError
        error = record.error
        return isinstance(error, StudentException) and error.type_name == expected.type_name
    return record.error is None and values_match(
        record.value, expected, entry.long_run, call.single
    )


def diagnose(
    entries: list[Entry], records: list[CallRecord], replays: MistakeReplays | None = None
) -> Entry | None:
    """The first mistake that reproduces every recorded call of the task, if any."""
    usable = [_Call(r) for r in records if not isinstance(r.error, TaskUnavailable)]
    if not usable:
        return None
    replays = replays or MistakeReplays()
    for entry in entries:
        if all(_reproduces(entry, call, replays) for call in usable):
            return entry
    return None


def named(name: str, question: bool = False) -> Text:
    """The sentence that names a diagnosed mistake (a quiz answer's misconception); feedback
    starts with it and the feedback page shows it as the task's highlighted first line."""
    if question:
        return Text(
            f"Ihre Antwort entspricht der Fehlvorstellung „{name}“.",
            f"Your answer matches the misconception “{name}”.",
        )
    return Text(
        f"Ihr Ergebnis entspricht dem typischen Fehler „{name}“.",
        f"Your result matches the known mistake “{name}”.",
    )
