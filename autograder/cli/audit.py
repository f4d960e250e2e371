"""``autograder audit``: mutation analysis of a task's graders."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from autograder.cli.common import Subparsers, UsageError
from autograder.cli.grading import check_sandbox
from autograder.config import load_config
from autograder.course import find_course
from autograder.engine.runner import GradeOptions
from autograder.reports.summary import make_console
from autograder.sandbox.launcher import SandboxMode, SandboxSpec


def cmd_audit(args: argparse.Namespace) -> int:
    from autograder.audit.report import below_target, table, write_reports
    from autograder.audit.run import AuditError, AuditOptions, audit

    course = find_course(args.course)
    assignment = course.assignment(args.assignment)
    config = load_config(course.root)
    check_sandbox(SandboxSpec(limits=config.limits, mode=SandboxMode.ZYGOTE), assignment)
    out = Path(args.out or f"audit-out/{assignment.aid}")
    options = AuditOptions(
        out,
        tuple(args.task),
        max(1, args.jobs or os.cpu_count() or 1),
        args.sample,
        args.seed,
    )
    console = make_console()
    try:
        result = audit(assignment, GradeOptions(config), options, console.print)
    except AuditError as exc:
        raise UsageError(str(exc)) from None
    console.print(table(result))
    console.print("Reports: " + ", ".join(str(p) for p in write_reports(result, out)))
    weak = below_target(result)
    if weak:
        console.print(f"below the target kill rate: {', '.join(weak)}", markup=False)
    return 1 if weak and args.strict else 0


def add_parsers(sub: Subparsers) -> None:
    """audit"""
    aud = sub.add_parser(
        "audit", help="mutation analysis: grade mutants of each task's reference, list survivors"
    )
    aud.add_argument("assignment")
    aud.add_argument("--task", action="append", default=[], help="only this task (repeatable)")
    aud.add_argument("--jobs", "-j", type=int, default=0, help="parallel graders (default: cores)")
    aud.add_argument("--out", help="folder for audit.json, audit.html (default: audit-out/<aid>)")
    aud.add_argument("--sample", type=int, help="grade this many mutants per task (seeded draw)")
    aud.add_argument("--seed", default="0", help="the seed of --sample's draw")
    aud.add_argument("--strict", action="store_true", help="exit 1 when a task is below 95%%")
    aud.add_argument("--course", type=Path)
    aud.set_defaults(func=cmd_audit)
