"""What a zygote imports: torch only when the graded notebooks can use it, and the modules
an assignment declares (``Preload``, its ``assignment.toml``'s ``[sandbox]``).

A zygote imports numpy and torch so that a worker whose notebook imports torch is ready at
once; torch alone costs 1–2 s of CPU, on the other core but on the critical path of one
student's re-grade. The ``grade`` command looks at its notebooks before anything else (a
byte search, no parsing): when neither they nor the assignment's worker helpers mention torch,
its zygotes import numpy only. A notebook that imports torch anyway (through a built string)
still works: its worker imports torch itself, as every worker started through bubblewrap does.
The choice travels in an environment variable, so the batch's grader processes (started
afresh) agree with the main process on which zygote to share; the workers never see it (their
environment is the sandbox's own).

An assignment whose workers import something heavy (a04: Keras 3 on torch, ≈ 4 s of CPU per
worker) declares it, with the environment the import needs; its zygote imports it once.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

ENV = "AUTOGRADER_PRELOAD_TORCH"
WORD = b"torch"
MAX_FILES = 5000
MAX_BYTES = 64 << 20  # more than this to read: assume torch rather than wait
PACKAGE_GRADERS = Path(__file__).resolve().parents[1] / "graders"


@dataclass(frozen=True)
class Preload:
    """An assignment's ``[sandbox]``: the modules its workers' zygote imports beyond numpy and
    torch, and environment variables its workers get (the zygote has them for its imports)."""

    modules: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()


def torch_wanted() -> bool:
    """False only when this command found that nothing it grades mentions torch."""
    return os.environ.get(ENV) != "0"


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)  # the CLI's own parser reports it, not this one


def _grade_arguments(argv: list[str]) -> argparse.Namespace | None:
    """``grade``'s assignment, paths and course (its options that take a value are declared so
    their values are not taken for paths); None when the line cannot be read."""
    parser = _Parser(add_help=False)
    parser.add_argument("assignment")
    parser.add_argument("paths", nargs="+")
    for option in ("--out", "--course", "--lang", "--device", "--jobs", "-j"):
        parser.add_argument(option)
    try:
        known, _ = parser.parse_known_args(argv)
    except (argparse.ArgumentError, ValueError):
        return None
    return known


def _files(paths: list[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(path.rglob("*.ipynb"))
        elif path.suffix == ".ipynb":
            yield path


def _graders_dirs(aid: str, course: str | None) -> list[Path]:
    """The course's own ``graders/<aid>``, then this package's (``Course.graders_dir``)."""
    root = Path(course) if course else Path.cwd()
    return [root / "graders" / aid, PACKAGE_GRADERS / aid]


def _helpers(aid: str, course: str | None) -> list[Path]:
    return [folder / "worker_helpers.py" for folder in _graders_dirs(aid, course)]


def graders_dir_for_grade(argv: list[str]) -> Path | None:
    """The graders of ``autograder grade ARGV``'s assignment (whose ``assignment.toml`` may
    declare more to preload), or None when the line cannot be read or there are none."""
    known = _grade_arguments(argv)
    if known is None:
        return None
    return next((d for d in _graders_dirs(known.assignment, known.course) if d.is_dir()), None)


def mentions_torch(files: Iterator[Path]) -> bool:
    """True when a file mentions torch, or there is too much to read to be sure."""
    budget = MAX_BYTES
    for count, path in enumerate(files):
        try:
            size = path.stat().st_size
            if count >= MAX_FILES or size > budget:
                return True
            budget -= size
            if _contains(path, WORD):
                return True
        except OSError:
            continue  # a file that cannot be read is not graded either
    return False


def _contains(path: Path, word: bytes, chunk: int = 1 << 20) -> bool:
    """Whether the file holds ``word``, read a MiB at a time (a notebook may be large)."""
    tail = b""
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            if word in tail + block:
                return True
            tail = block[-(len(word) - 1) :]
    return False


def decide_for_grade(argv: list[str]) -> None:
    """Set the choice for ``autograder grade ARGV`` (the arguments after ``grade``), unless the
    caller set it (``AUTOGRADER_PRELOAD_TORCH=1`` always preloads torch)."""
    known = _grade_arguments(argv)
    if known is None or ENV in os.environ:
        return
    helpers = (p for p in _helpers(known.assignment, known.course) if p.is_file())
    if not mentions_torch(_files(known.paths)) and not mentions_torch(helpers):
        os.environ[ENV] = "0"
