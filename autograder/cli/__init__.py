"""Command line: ``autograder collect | grade | feedback | export | manual-score | release | audit | …``.

Exit codes: 0 when the command did its job (whatever the scores), 2 for usage errors
(unknown assignment, missing paths, no secret seed, no sandbox without --unsafe-no-sandbox,
an invalid ``assignment.toml``).

One module per group of commands, each with its ``add_parsers``: grading (grade, doctor),
course (release, collect, secret, course init, demo), gradebook (feedback, export,
manual-score), serve, audit, exam.
"""

from __future__ import annotations

import argparse
import sys

from rich.markup import escape

from autograder import __version__
from autograder.cli import audit, course, exam, gradebook, grading, serve
from autograder.cli.common import USAGE_ERROR, UsageError, err
from autograder.collect.sources import SourceError
from autograder.config import ConfigError
from autograder.course import CourseError
from autograder.engine.runner import GraderBroken
from autograder.engine.settings import SettingsError
from autograder.exam.settings import ExamError
from autograder.nbgrader.run import NbgraderError
from autograder.notebook.discover import DiscoveryError
from autograder.release.generate import ReleaseError
from autograder.results.model import ResultsFileError

__all__ = ["USAGE_ERROR", "UsageError", "build_parser", "main"]

COMMAND_GROUPS = (grading, course, gradebook, serve, audit, exam)
KNOWN_ERRORS = (
    UsageError,
    CourseError,
    ConfigError,
    DiscoveryError,
    GraderBroken,
    NbgraderError,
    ReleaseError,
    SettingsError,
    SourceError,
    ExamError,
    ResultsFileError,
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)
    for group in COMMAND_GROUPS:
        group.add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except KNOWN_ERRORS as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")  # "[gradescope]" is no markup
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
