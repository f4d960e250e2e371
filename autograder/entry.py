"""The ``autograder`` command's entry point: start the sandbox's zygote, then the CLI.

A zygote imports numpy and torch (about a second). Starting it before the CLI imports its own
modules (nbformat, pytest, rich, …) lets the two overlap, which is most of the time a single
student's re-grade takes. Commands that run no sandbox start nothing.
"""

from __future__ import annotations

import atexit
import contextlib
import os
import sys
import threading
from typing import TYPE_CHECKING, NoReturn

if TYPE_CHECKING:
    from autograder.sandbox.preload import Preload

SANDBOX_COMMANDS = frozenset({"grade", "doctor", "demo"})
NO_ZYGOTE_FLAGS = frozenset({"--unsafe-no-sandbox", "--no-zygote", "-h", "--help"})


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    _one_blas_thread()
    if args and args[0] in SANDBOX_COMMANDS and not NO_ZYGOTE_FLAGS & set(args):
        from autograder.sandbox import preload, zygote
        from autograder.sandbox.launcher import SandboxSpec

        spec = SandboxSpec()
        if args[0] == "grade":
            preload.decide_for_grade(args[1:])  # numpy only, unless the notebooks use torch
            spec = SandboxSpec(preload=_declared(args[1:]))  # what the assignment adds (a04)
        zygote.prestart([spec])
    from autograder.cli import main as cli_main

    return cli_main(args)


def _one_blas_thread() -> None:
    """One BLAS thread in the trusted processes (this one, the grader processes), set before
    numpy loads OpenBLAS, unless the caller chose otherwise. Their matrices are small, two
    grader processes already share two cores, and OpenBLAS's idle threads spin: about 0.1 s
    of CPU per command for nothing. The workers compute with one BLAS thread too
    (``launcher.sandbox_environment``)."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")


def run() -> NoReturn:
    """The ``autograder`` command: ``main()``, then an exit without the interpreter's teardown.

    When ``main`` returns, every file the command writes is written (atomically, fsynced).
    Python's own exit would then do three things: what ``Py_FinalizeEx`` does first —
    ``threading._shutdown`` (the threading exit callbacks, e.g. concurrent.futures' that ends
    its idle pools, then the join of every non-daemon thread) and the ``atexit`` handlers —,
    both done here in that order, and then free every object of every imported module one by
    one: ≈ 0.3–0.4 s of CPU with the CLI's modules and matplotlib, at the end of every command,
    which is skipped. An exception (a usage error, Ctrl-C) still takes the ordinary way out.
    """
    code = main()
    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe: nothing more to say
            stream.flush()
    os._exit(code)


def _declared(argv: list[str]) -> Preload:
    """What ``grade ARGV``'s assignment declares for its workers' zygote (``[sandbox]``)."""
    from autograder.engine.settings import declared_preload
    from autograder.sandbox import preload

    graders = preload.graders_dir_for_grade(argv)
    return declared_preload(graders) if graders is not None else preload.Preload()
