"""Student-facing explanations for results that never reached a check."""

from __future__ import annotations

from autograder.engine.proxy import TaskUnavailable
from autograder.i18n import Text
from autograder.sandbox import errors
from autograder.sandbox.launcher import Limits
from autograder.sandbox.session import CellReport

SHOWN_MESSAGE_CHARS = 200

# what a task's row says when there is nothing to explain, or nothing could be graded
ALL_PASSED = Text("Alle Prüfungen bestanden.", "All checks passed.")
RIGHT_ANSWER = Text("Richtig.", "Correct.")
PENDING = Text("Wird von den Lehrenden manuell bewertet.", "Graded manually by the instructors.")
UNANSWERED_TEXT = Text(
    "Keine Antwort gefunden (die Zelle ist unverändert).",
    "No answer found (the cell is unchanged).",
)
ANSWER_CELL_UNMARKED = Text(
    "Die Antwortzelle ist im Notebook nicht mehr markiert; die Lehrenden suchen Ihre Antwort "
    "von Hand.",
    "The answer cell is no longer marked in the notebook; the instructors look for your answer "
    "by hand.",
)
NOT_GRADED = Text(
    "Nicht bewertet: Ihre Abgabe konnte nicht verwendet werden (Grund siehe oben).",
    "Not graded: your submission could not be used (see the reason above).",
)


def shorten(message: str) -> str:
    """The first line of a student's exception message, at most 200 characters.

    Exception texts are written by the student's code and may carry hidden inputs
    (``raise ValueError(repr(X))``); feedback shows only a short excerpt.
    """
    first = message.strip().splitlines()[0] if message.strip() else ""
    return first if len(first) <= SHOWN_MESSAGE_CHARS else first[:SHOWN_MESSAGE_CHARS] + " …"


def _ended(reason: str) -> Text:
    """How the worker ended, from the sandbox's reason ("Exitcode 0", "Signal 9", …): an exit
    code, even 0, means the student's code ended the process (``sys.exit``, ``os._exit``)."""
    kind, _, number = reason.partition(" ")
    if kind == "Exitcode" and number.lstrip("-").isdigit():
        return Text(
            f"Ihr Code hat den Python-Prozess vorzeitig beendet (z. B. mit `sys.exit()` oder "
            f"`os._exit()`, Exitcode {number}), bevor ein Ergebnis vorlag",
            f"your code ended the Python process early (e.g. with `sys.exit()` or `os._exit()`, "
            f"exit code {number}) before there was a result",
        )
    if kind == "Signal" and number.isdigit():
        return Text(
            f"der Prozess mit Ihrem Code wurde durch Signal {number} abgebrochen",
            f"the process running your code was killed by signal {number}",
        )
    return Text(
        "der Prozess mit Ihrem Code lieferte keine gültige Antwort",
        "the process running your code gave no valid answer",
    )


def _capitalized(text: Text) -> Text:
    return Text(text.de[:1].upper() + text.de[1:], text.en[:1].upper() + text.en[1:])


def _with_message(text: Text, message: str) -> Text:
    """``text: message`` (the student's exception message, shortened), or ``text.`` if empty."""
    shown = shorten(message)
    return text + (Text(f": {shown}", f": {shown}") if shown else Text(".", "."))


def cell_failure(task_id: str, report: CellReport | None) -> Text | None:
    if report is None or report.status == "ok":
        return None
    if report.status == "error":
        line = f" in Zeile {report.line}" if report.line else ""
        line_en = f" in line {report.line}" if report.line else ""
        if report.error_type == "NotImplementedError":
            return Text(
                f"Die Zelle `{task_id}` ist noch nicht bearbeitet (sie löst{line} "
                "NotImplementedError aus).",
                f"The cell `{task_id}` is not done yet (it raises NotImplementedError{line_en}).",
            )
        return _with_message(
            Text(
                f"Beim Ausführen der Zelle `{task_id}` trat{line} {report.error_type} auf",
                f"Running the cell `{task_id}` raised {report.error_type}{line_en}",
            ),
            report.message,
        )
    if report.status == "timeout":
        return Text(
            f"Die Zelle `{task_id}` lief beim Ausführen über das Zeitlimit ({report.message}) "
            "und wurde übersprungen (Endlosschleife auf Modulebene?).",
            f"Running the cell `{task_id}` exceeded the time limit ({report.message}) and was "
            "skipped (an endless loop at module level?).",
        )
    ended = _ended(report.message)
    return Text(
        f"Beim Ausführen der Zelle `{task_id}`: {ended.de}; die Zelle wurde übersprungen.",
        f"Running the cell `{task_id}`: {ended.en}; the cell was skipped.",
    )


def undefined_name(task_id: str, message: str) -> Text:
    """A NameError in a task: most often a helper defined in a cell that is not graded."""
    name = message.split("'")[1][:60] if message.count("'") >= 2 else ""
    what = f"`{name}` ist" if name else "Ein Name ist"
    what_en = f"`{name}` is" if name else "A name is"
    return Text(
        f"`{task_id}` löste NameError aus: {what} bei der Bewertung nicht definiert. Bewertet "
        "werden nur die Lösungszellen (zusammen mit den vorgegebenen Einrichtungszellen); Zellen, "
        "die Sie selbst eingefügt haben, werden nicht ausgeführt. Hilfsfunktionen gehören in eine "
        "Lösungszelle, am besten in die der Aufgabe, die sie benutzt.",
        f"`{task_id}` raised NameError: {what_en} not defined when grading. Only the solution "
        "cells are graded (together with the given setup cells); cells you inserted yourself are "
        "not run. Helpers belong in a solution cell, best in the one of the task that uses them.",
    )


def _size(n: int) -> str:
    return f"{n / (1 << 30):g} GiB" if n >= 1 << 30 else f"{n / (1 << 20):g} MiB"


def memory_exceeded(task_id: str, limits: Limits) -> Text:
    return Text(
        f"Speicherlimit von {_size(limits.memory_bytes)} überschritten in `{task_id}`.",
        f"Memory limit of {_size(limits.memory_bytes)} exceeded in `{task_id}`.",
    )


def gpu_memory_exceeded(task_id: str, limits: Limits) -> Text:
    size = _size(limits.gpu_memory_mib << 20)
    return Text(
        f"GPU-Speicherlimit von {size} überschritten in `{task_id}` (von NVML gemessen); "
        "der Worker wurde beendet.",
        f"GPU memory limit of {size} exceeded in `{task_id}` (as measured by NVML); the worker "
        "was stopped.",
    )


def forbidden(task_id: str, library: str) -> Text:
    return Text(
        f"In `{task_id}` ist {library} nicht erlaubt: lösen Sie die Aufgabe mit numpy.",
        f"{library} is not allowed in `{task_id}`: solve the task with numpy.",
    )


def explain(
    exc: errors.StudentCodeError,
    task_id: str,
    cell: CellReport | None,
    limits: Limits,
    forbid: tuple[str, ...] = (),
) -> Text:
    """Why a call of the student's function gave no usable result."""
    for library in forbid:
        mentions = f"{library} ist in dieser Aufgabe nicht erlaubt"
        if mentions in str(exc) or (cell is not None and mentions in cell.message):
            return forbidden(task_id, library)
    if isinstance(exc, TaskUnavailable):
        return exc.text
    if isinstance(exc, errors.FunctionMissing):
        reason = cell_failure(task_id, cell)
        if reason is not None:
            return reason
        return Text(
            f"Die Funktion `{exc.name}` ist nach dem Ausführen der Lösungszellen nicht definiert "
            "(Name geändert?).",
            f"The function `{exc.name}` is not defined after running the solution cells "
            "(renamed?).",
        )
    if isinstance(exc, errors.StudentException):
        if exc.type_name == "NotImplementedError":
            return Text(
                f"`{task_id}` ist noch nicht implementiert (NotImplementedError).",
                f"`{task_id}` is not implemented yet (NotImplementedError).",
            )
        if exc.type_name == "MemoryError":
            return memory_exceeded(task_id, limits)
        if exc.type_name == "NameError":
            return undefined_name(task_id, exc.message)
        if "File too large" in exc.message or "No space left on device" in exc.message:
            return Text(
                f"Dateigrößen- bzw. Speicherplatzlimit ({_size(limits.file_bytes)} pro Datei, "
                f"{_size(limits.tmpfs_bytes)} in /tmp) überschritten in `{task_id}`.",
                f"File size or disk limit ({_size(limits.file_bytes)} per file, "
                f"{_size(limits.tmpfs_bytes)} in /tmp) exceeded in `{task_id}`.",
            )
        if exc.type_name == "BlockingIOError" or "can't start new thread" in exc.message:
            return Text(
                f"Prozess-/Threadlimit von {limits.processes} erreicht in `{task_id}` "
                f"({exc.type_name}).",
                f"Process/thread limit of {limits.processes} reached in `{task_id}` "
                f"({exc.type_name}).",
            )
        return _with_message(
            Text(f"`{task_id}` löste {exc.type_name} aus", f"`{task_id}` raised {exc.type_name}"),
            exc.message,
        )
    if isinstance(exc, errors.UnsupportedReturn):
        return Text(
            f"`{task_id}` gab ein Objekt vom Typ {exc.type_name} zurück; erlaubt sind Zahlen, "
            "numpy-Arrays, Tensoren, Listen, Tupel und Dicts.",
            f"`{task_id}` returned an object of type {exc.type_name}; allowed are numbers, numpy "
            "arrays, tensors, lists, tuples and dicts.",
        )
    if isinstance(exc, errors.CallTimeout):
        return Text(
            f"`{task_id}` lief länger als das Zeitlimit von {exc.seconds:g} s und wurde abgebrochen.",
            f"`{task_id}` ran longer than the time limit of {exc.seconds:g} s and was stopped.",
        )
    if isinstance(exc, errors.BudgetExhausted):
        return Text(
            f"Das Zeitbudget der Abgabe ({exc.seconds:g} s) war aufgebraucht; `{task_id}` wurde "
            "nicht mehr geprüft.",
            f"The submission's time budget ({exc.seconds:g} s) was used up; `{task_id}` was not "
            "checked any more.",
        )
    if isinstance(exc, errors.WorkerCrashed):
        if exc.gpu_memory:
            return gpu_memory_exceeded(task_id, limits)
        if exc.memory_suspected:
            return memory_exceeded(task_id, limits)
        ended = _capitalized(_ended(exc.reason))
        return Text(f"Während `{task_id}`: {ended.de}.", f"During `{task_id}`: {ended.en}.")
    return Text(f"`{task_id}`: {exc}", f"`{task_id}`: {exc}")


def grader_error(task_id: str) -> Text:
    return Text(
        f"Die Rückgabe von `{task_id}` hat eine unerwartete Form (die Prüfung konnte sie nicht "
        "auswerten); die Lehrenden sehen sich das an.",
        f"The result of `{task_id}` has an unexpected form (the check could not evaluate it); "
        "the instructors will review it.",
    )
