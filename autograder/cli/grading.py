"""``autograder grade`` and ``autograder doctor``: the sandboxed grading of a batch."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from rich.console import Console
from rich.progress import Progress
from rich.table import Table

from autograder.cli.common import Subparsers, UsageError, warn_unsafe
from autograder.config import load_config, load_limits
from autograder.course import GRADERS_DIR, Assignment, find_course
from autograder.engine.batch import grade_batch
from autograder.engine.device import DeviceUnavailable, choose_device
from autograder.engine.runner import GradeOptions
from autograder.exam.settings import exam_settings
from autograder.notebook.discover import Discovery, Found, discover_submissions
from autograder.reports.files import ReportWriter
from autograder.reports.gradescope import assignment_gradescope
from autograder.reports.plots import graders_may_draw, import_while_idle
from autograder.reports.summary import make_console, print_summary
from autograder.results.journal import Journal, grading_context
from autograder.results.model import SubmissionResult
from autograder.sandbox.doctor import DoctorReport, checked_sandbox, probed
from autograder.sandbox.gpu import GpuAccess
from autograder.sandbox.launcher import SandboxMode, SandboxSpec
from autograder.sandbox.zygote import release as release_zygotes


def resolve_device(choice: str) -> tuple[str, GpuAccess | None]:
    """The device and, for cuda, the GPU the workers get (``engine/device.py``)."""
    try:
        return choose_device(choice)
    except DeviceUnavailable as exc:
        raise UsageError(str(exc)) from None


def cmd_grade(args: argparse.Namespace) -> int:
    course = find_course(args.course)
    assignment = course.assignment(args.assignment)
    config = load_config(course.root)
    gradescope = assignment_gradescope(assignment)  # a bad [gradescope] stops before grading
    mode = SandboxMode.from_flags(args.unsafe_no_sandbox, args.no_zygote)
    device = resolve_device(args.device)  # a missing GPU is a usage error before any work
    spec = SandboxSpec(limits=config.limits, mode=mode)
    discovery = discover_submissions(
        [Path(p) for p in args.submissions], assignment.aid, course.assignment_ids()
    )
    skipped = skipped_line(discovery, assignment.aid)
    found = discovery.found
    if not found:
        raise UsageError(
            "no notebooks found in the given paths" + (f"; {skipped}" if skipped else "")
        )
    if not mode.sandboxed:
        warn_unsafe()
    exam = exam_settings(assignment)  # an invalid [exam] table stops before grading
    options = GradeOptions(config, args.lang, mode, *device)
    console = make_console()
    out = Path(args.out)
    context = grading_context(assignment, config.fingerprint, args.lang)
    journal = Journal(out / "journal", context, reuse=not args.force)
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    reports = ReportWriter(
        out, assignment.aid, args.lang, assignment.spec().title, gradescope, exam is None
    )
    if jobs > 1 and len(found) > 1 and exam is None and graders_may_draw(assignment.graders_dir):
        import_while_idle()  # the pages' figures; this process only waits for the graders
    with Progress(console=console, disable=args.quiet, transient=True) as bar:
        task = bar.add_task(
            f"grading {len(found)} submission(s) with {jobs} job(s)", total=len(found)
        )
        resumed = 0

        def progress(item: Found, result: SubmissionResult, from_journal: bool) -> None:
            nonlocal resumed
            resumed += from_journal
            bar.advance(task)
            if exam is None:  # an exam's window may still change its results
                reports.submission(result)

        # the sandbox's check runs once the graders are loading, before any submission
        prove = (lambda: check_sandbox(spec, assignment)) if mode.sandboxed else None
        batch = grade_batch(assignment, found, options, progress, jobs, journal, prove)
    if resumed:
        console.print(
            f"{resumed} submission(s) taken from the journal of an earlier run (--force regrades)"
        )
    release_zygotes()  # they end while we write the rest of the reports
    if exam:
        # the exam's pages (MathML, collusion checks): imported by an exam's grade only
        from autograder.exam.run import apply_exam_window, student_pages

        window = apply_exam_window(batch, out, exam)
        paths = [*reports.finish(batch), window, student_pages(assignment, batch, out, config)]
    else:
        paths = reports.finish(batch)
    if args.gradebook:
        from autograder.nbgrader.gradebook import write_gradebook  # imports nbgrader: only here

        written = write_gradebook(batch, assignment)
        console.print(
            f"{written} submission(s) written to the nbgrader gradebook (formgrader shows them)"
        )
    print_summary(batch, console)
    if skipped:
        console.print(skipped, markup=False)
    console.print("Reports: " + ", ".join(str(p) for p in paths))
    return 0


def check_sandbox(spec: SandboxSpec, assignment: Assignment) -> None:
    """``autograder doctor``'s checks; refuse to grade when the sandbox does not hold."""
    report = checked_sandbox(spec, hidden_paths(assignment.graders_dir, assignment.reference_path))
    if not report.ok:
        print_doctor(report)
        raise UsageError(
            "the sandbox failed its self-check; refusing to grade (see --unsafe-no-sandbox)"
        )


def skipped_line(discovery: Discovery, aid: str) -> str:
    """One line for the notebooks of other assignments that a folder held (never students)."""
    count = len(discovery.other_assignments)
    if not count:
        return ""
    folders = sorted({p.parent.name for p in discovery.other_assignments})
    return (
        f"skipped {count} notebook(s) of other assignments ({', '.join(folders)}): "
        f"in nbgrader's layout only <student>/{aid}/ is graded"
    )


def hidden_paths(*paths: Path) -> list[Path]:
    """Files the sandbox must not be able to read (a sample of each folder is enough)."""
    found = []
    for path in paths:
        found += sorted(path.glob("*.py"))[:3] if path.is_dir() else [path]
    return found


def print_doctor(report: DoctorReport) -> None:
    table = Table(title="autograder doctor: sandbox self-check")
    table.add_column("check")
    table.add_column("result")
    table.add_column("detail")
    for check in report.checks:
        table.add_row(check.name, "[green]ok[/]" if check.ok else "[red]FAILED[/]", check.detail)
    console = Console(stderr=not report.ok)
    console.print(table, width=max(console.width, 140))
    console.print("Active protections:")
    for item in report.protections:
        console.print(f"  • {item}")


def cmd_doctor(args: argparse.Namespace) -> int:
    course = find_course(args.course)
    own = (course.root / "solutions", course.root / "graders")
    targets = [GRADERS_DIR] + [p for p in own if p.is_dir()]
    paths = hidden_paths(*targets, *(d for d in GRADERS_DIR.iterdir() if d.is_dir()))
    report = probed(SandboxSpec(limits=load_limits(course.root)), paths)  # always afresh
    print_doctor(report)
    print(
        "sandbox OK"
        if report.ok
        else "sandbox NOT OK: grading is refused without --unsafe-no-sandbox"
    )
    return 0 if report.ok else 1


def add_parsers(sub: Subparsers) -> None:
    """grade, doctor"""
    grade = sub.add_parser("grade", help="grade submitted notebooks with the hidden graders")
    grade.add_argument("assignment")
    grade.add_argument("submissions", nargs="+", help="notebook files or folders")
    grade.add_argument(
        "--out", required=True, help="folder for results.json, grades.csv, gradescope/"
    )
    grade.add_argument(
        "--course", type=Path, help="course folder (default: here or this repository)"
    )
    grade.add_argument("--lang", choices=["de", "en"], default="de")
    grade.add_argument("--device", choices=["auto", "cpu", "cuda"], default="cpu")
    grade.add_argument("--unsafe-no-sandbox", action="store_true")
    grade.add_argument(
        "--no-zygote",
        action="store_true",
        help="start every worker through bubblewrap instead of forking it from the zygote",
    )
    grade.add_argument("--quiet", "-q", action="store_true", help="no progress bar (CI logs)")
    grade.add_argument(
        "--jobs", "-j", type=int, default=0, help="parallel graders (default: cores)"
    )
    grade.add_argument("--force", action="store_true", help="regrade what the journal has")
    grade.add_argument(
        "--gradebook", action="store_true", help="also write the scores into nbgrader's gradebook"
    )
    grade.set_defaults(func=cmd_grade)

    doctor = sub.add_parser("doctor", help="prove that the sandbox holds on this machine")
    doctor.add_argument("--course", type=Path)
    doctor.set_defaults(func=cmd_doctor)
