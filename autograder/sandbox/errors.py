"""What can go wrong when the trusted side talks to a student's worker.

Each error is about the student's code (or its worker), never about the grader; the grading
plugin turns them into a failed test with a clear German/English message.
"""

from __future__ import annotations


class StudentCodeError(Exception):
    """Base class: the student's code did not produce a usable result."""


class StudentException(StudentCodeError):
    """The student's function raised an exception."""

    def __init__(self, type_name: str, message: str, line: int | None = None) -> None:
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message
        self.line = line


class FunctionMissing(StudentCodeError):
    """The function is not defined after the student's cells ran."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class UnsupportedReturn(StudentCodeError):
    """The function returned something that cannot cross the boundary (e.g. a custom object)."""

    def __init__(self, type_name: str) -> None:
        super().__init__(type_name)
        self.type_name = type_name


class TimeLimitReached(StudentCodeError):
    """A limit of ``seconds`` ran out (the base of the two time limits below)."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"{seconds:g} s")
        self.seconds = seconds


class CallTimeout(TimeLimitReached):
    """A call (or a cell) ran past its wall-clock limit; the worker was killed."""


class WorkerCrashed(StudentCodeError):
    """The worker died (memory limit, os._exit, a signal) or sent a malformed reply."""

    def __init__(
        self, reason: str, memory_suspected: bool = False, gpu_memory: bool = False
    ) -> None:
        super().__init__(reason)
        self.reason = reason
        self.memory_suspected = memory_suspected
        self.gpu_memory = gpu_memory  # ended by the NVML watchdog (Limits.gpu_memory_mib)


class BudgetExhausted(TimeLimitReached):
    """The submission used up its total time budget; no further calls are made."""


class WorkerStartFailed(RuntimeError):
    """The sandbox itself failed to start: an infrastructure error, never the student's."""
