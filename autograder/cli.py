"""Command line: ``autograder collect | grade | feedback | export | manual-score | release | audit | …``.

Exit codes: 0 when the command did its job (whatever the scores), 2 for usage errors
(unknown assignment, missing paths, no secret seed, no sandbox without --unsafe-no-sandbox,
an invalid ``assignment.toml``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table

from autograder import __version__
from autograder.collect.sources import SourceError
from autograder.config import ConfigError, load_config, load_limits, write_new_secret
from autograder.course import GRADERS_DIR, Assignment, CourseError, find_course
from autograder.engine.batch import grade_batch
from autograder.engine.device import DeviceUnavailable, choose_device
from autograder.engine.runner import GradeOptions, GraderBroken
from autograder.engine.settings import SettingsError
from autograder.exam.run import apply_exam_window, student_pages
from autograder.exam.settings import ExamError, exam_settings
from autograder.nbgrader.run import NbgraderError
from autograder.notebook.discover import Discovery, DiscoveryError, Found, discover_submissions
from autograder.release.generate import ReleaseError, out_of_sync, publish, release
from autograder.reports.files import write_all
from autograder.reports.gradescope import assignment_gradescope
from autograder.reports.summary import make_console, print_summary
from autograder.results.journal import Journal, grading_context
from autograder.results.model import BatchResult, ResultsFileError, SubmissionResult, read_results
from autograder.sandbox.doctor import DoctorReport, checked_sandbox, probed
from autograder.sandbox.gpu import GpuAccess
from autograder.sandbox.launcher import SandboxMode, SandboxSpec

if TYPE_CHECKING:
    from autograder.nbgrader.delivery import PageRenderer

USAGE_ERROR = 2
err = Console(stderr=True)


class UsageError(Exception):
    pass


def resolve_device(choice: str) -> tuple[str, GpuAccess | None]:
    """The device and, for cuda, the GPU the workers get (``engine/device.py``)."""
    try:
        return choose_device(choice)
    except DeviceUnavailable as exc:
        raise UsageError(str(exc)) from None


def warn_unsafe() -> None:
    err.rule("[bold red]WARNING: --unsafe-no-sandbox")
    err.print(
        "[bold red]Student code runs WITHOUT the sandbox: it can read the hidden tests, the "
        "references and every file this user can read, and reach the network. Use this only "
        "for your own trusted code.[/]"
    )
    err.rule(style="red")


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
    else:
        check_sandbox(spec, assignment)
    exam = exam_settings(assignment)  # an invalid [exam] table stops before grading
    options = GradeOptions(config, args.lang, mode, *device)
    console = make_console()
    out = Path(args.out)
    context = grading_context(assignment, config.fingerprint, args.lang)
    journal = Journal(out / "journal", context, reuse=not args.force)
    jobs = max(1, args.jobs or os.cpu_count() or 1)
    with Progress(console=console, disable=args.quiet, transient=True) as bar:
        task = bar.add_task(
            f"grading {len(found)} submission(s) with {jobs} job(s)", total=len(found)
        )
        resumed = 0

        def progress(item: Found, result: SubmissionResult, from_journal: bool) -> None:
            nonlocal resumed
            resumed += from_journal
            bar.advance(task)

        batch = grade_batch(assignment, found, options, progress, jobs, journal)
    if resumed:
        console.print(
            f"{resumed} submission(s) taken from the journal of an earlier run (--force regrades)"
        )
    out = Path(args.out)
    exam_paths = [apply_exam_window(batch, out, exam)] if exam else []
    paths = write_all(batch, out, gradescope, feedback_pages=exam is None) + exam_paths
    if exam:
        paths.append(student_pages(assignment, batch, out, config))
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


def cmd_release(args: argparse.Namespace) -> int:
    course = find_course(args.course)
    assignment = course.assignment(args.assignment)
    if args.check:
        differing = out_of_sync(assignment)
        if differing:
            err.print(
                f"[red]release of {assignment.aid} is out of sync with source:[/] {', '.join(differing)}"
            )
            return 1
        print(f"{assignment.release_dir} is in sync with {assignment.source_notebook}")
        return 0
    try:
        seed = load_config(course.root).secret_seed
    except ConfigError:
        seed = None
    target = release(assignment, seed)
    print(f"released {assignment.aid} to {target} (no hidden content found)")
    if args.publish:
        publish(assignment)
        print(f"published {assignment.aid} to the course's nbgrader exchange")
    return 0


def cmd_collect(args: argparse.Namespace) -> int:
    from autograder.collect.run import CollectSource, run_collect
    from autograder.reports.summary import print_collect

    assignment = find_course(args.course).assignment(args.assignment)
    given = [args.zip is not None, args.folder is not None, args.exchange, args.service]
    if sum(given) != 1:
        raise UsageError(
            "give exactly one source: --zip FILE, --folder DIR, --exchange or --service"
        )
    if args.service:
        from autograder.serve.submitted import collect_from_service

        report = collect_from_service(assignment, lang=args.lang)
    else:
        source = CollectSource(args.zip, args.format, args.regex, args.folder, args.exchange)
        report = run_collect(assignment, source, args.lang)
    print_collect(report, args.lang, make_console())
    return 0


def cmd_feedback(args: argparse.Namespace) -> int:
    from autograder.nbgrader.delivery import deliver_feedback
    from autograder.nbgrader.export import FinalRow
    from autograder.reports.feedback import render_feedback, write_feedback

    assignment = find_course(args.course).assignment(args.assignment)
    batch = read_results(Path(args.results), assignment.aid)
    render = exam_page_renderer(assignment, batch, Path(args.results))
    folder = (
        write_feedback(batch, Path(args.results))
        if render is None
        else student_pages(
            assignment, batch, Path(args.results), load_config(assignment.course_root)
        )
    )
    print(f"{len(batch.submissions)} feedback page(s) in {folder}")
    if args.nbgrader:

        def own_page(result: SubmissionResult, row: FinalRow | None) -> str:
            return render_feedback(result, batch.assignment, batch.lang, row, batch.title)

        delivery = deliver_feedback(batch, assignment, render or own_page)
        print(
            f"{len(delivery.delivered)} page(s) placed in {assignment.course_root / 'feedback'}: "
            f"now run `nbgrader release_feedback {assignment.aid}` in the course folder"
        )
        if delivery.not_from_exchange:
            print(
                "not submitted through the exchange (hand out their pages yourself): "
                + ", ".join(delivery.not_from_exchange)
            )
    return 0


def exam_page_renderer(
    assignment: Assignment, batch: BatchResult, results: Path
) -> PageRenderer | None:
    """For an exam: its Einsicht page, refused until the exam is published; else None."""
    from autograder.exam.pages import review_renderer
    from autograder.exam.published import is_published

    if exam_settings(assignment) is None:
        return None
    if not is_published(results):
        raise UsageError(
            f"{assignment.aid} is an exam: its results are withheld until you run "
            f"`autograder exam publish {assignment.aid} --results {results}` "
            "(Klausurergebnisse bleiben bis zur Freigabe zurückgehalten)"
        )
    secret = load_config(assignment.course_root).secret_seed
    return review_renderer(assignment, secret, batch.title or batch.assignment, batch.lang)


def exam_assignment(args: argparse.Namespace) -> tuple[Path, Assignment]:
    """The course root and the exam named on the command line (a usage error if no exam)."""
    from autograder.exam.settings import require_exam

    course = find_course(args.course)
    assignment = course.assignment(args.assignment)
    require_exam(assignment)
    return course.root, assignment


def cmd_exam_variants(args: argparse.Namespace) -> int:
    from autograder.exam.settings import declared_exam
    from autograder.exam.variants import TABLE_NAME, read_roster, write_variants

    root, assignment = exam_assignment(args)
    ids = read_roster(args.students)
    target = args.out or assignment.release_dir / TABLE_NAME
    secret = load_config(root).secret_seed
    write_variants(declared_exam(assignment), ids, secret, target)
    print(f"variants of {len(ids)} student(s) in {target} (texts only: no keys, no secret)")
    if args.publish:
        publish(assignment)
        print(f"published {assignment.aid} with its variants to the course's nbgrader exchange")
    return 0


def cmd_exam_publish(args: argparse.Namespace) -> int:
    from autograder.exam.run import publish_exam

    root, assignment = exam_assignment(args)
    folder = publish_exam(assignment, Path(args.results), load_config(root))
    print(f"{assignment.aid} published: Einsicht pages in {folder}")
    print(
        f"  deliver them through nbgrader: autograder feedback {assignment.aid} "
        f"--results {args.results} --nbgrader, then nbgrader release_feedback {assignment.aid}"
    )
    return 0


def cmd_exam_reports(args: argparse.Namespace) -> int:
    from autograder.exam.run import exam_reports

    root, assignment = exam_assignment(args)
    paths = exam_reports(assignment, Path(args.results), load_config(root))
    print("fairness report: " + ", ".join(map(str, paths.fairness)))
    print("collusion report: " + ", ".join(map(str, paths.collusion)))
    if paths.top:
        print(
            f"  most similar pair: {paths.top[0]} and {paths.top[1]} (a reason to look, not a verdict)"
        )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from autograder.nbgrader.export import write_export

    assignment = find_course(args.course).assignment(args.assignment)
    out = (
        Path(args.out) if args.out else assignment.course_root / "exports" / f"{assignment.aid}.csv"
    )
    print(
        f"final grades (gradebook, manual scores and late penalties) in {write_export(assignment, out)}"
    )
    return 0


def cmd_manual_score(args: argparse.Namespace) -> int:
    from autograder.nbgrader.gradebook import ManualScoreError, set_manual_score

    assignment = find_course(args.course).assignment(args.assignment)
    try:
        total = set_manual_score(assignment, args.student, args.task, args.points, args.comment)
    except ManualScoreError as exc:
        raise UsageError(str(exc)) from None
    print(
        f"{args.student} · {args.task}: {args.points:g} points by hand "
        f"({assignment.aid} now {total:g} after any late penalty)"
    )
    return 0


def cmd_secret(args: argparse.Namespace) -> int:
    course = find_course(args.course)
    if not args.new:
        config = load_config(course.root)
        print(f"secret seed configured (fingerprint {config.fingerprint}, term {config.term!r})")
        return 0
    path = write_new_secret(course.root, args.term)
    print(f"wrote a new secret seed to {path} (keep it out of releases and version control)")
    return 0


def cmd_course_init(args: argparse.Namespace) -> int:
    from autograder.course_init import init_course
    from autograder.release.generate import register_course_assignments

    root = init_course(Path(args.folder), term=args.term)
    released = register_course_assignments(root)
    print(f"course folder ready: {root} (assignments: {', '.join(released)})")
    print(f"  cd {root} && autograder grade <aid> … / jupyter lab, then open /formgrader")
    return 0


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


def cmd_demo(args: argparse.Namespace) -> int:
    from autograder.demo import run_demo

    mode = SandboxMode.from_flags(args.unsafe_no_sandbox)
    return run_demo(Path(args.out) if args.out else None, mode)


def cmd_serve(args: argparse.Namespace) -> int:
    from autograder.serve.run import serve

    mode = SandboxMode.from_flags(args.unsafe_no_sandbox)
    if not mode.sandboxed:
        warn_unsafe()
    root = find_course(args.course).root
    if args.serve_command == "demo":
        from autograder.serve.demo import prepare_demo

        root = prepare_demo(Path(args.out) if args.out else None, f"http://{args.host}:{args.port}")
    print(f"serving {root} on http://{args.host}:{args.port}/ (Ctrl+C stops)", flush=True)
    serve(root, args.host, args.port, mode)
    return 0


def cmd_serve_tokens(args: argparse.Namespace) -> int:
    from autograder.nbgrader.gradebook import student_ids
    from autograder.serve.config import load_serve_config
    from autograder.serve.store import Store
    from autograder.serve.tokens import issue_tokens

    root = find_course(args.course).root
    students = args.student or student_ids(root)
    if not students:
        raise UsageError("the gradebook has no students: name them with --student")
    store = Store(load_serve_config(root).database_url)
    tokens = issue_tokens(store, students, renew=args.renew)
    for student, token in tokens.items():
        print(f"{student}\t{args.url.rstrip('/')}/anmelden/{token}")
    kept = len(set(students)) - len(tokens)
    if kept:
        print(f"{kept} student(s) keep their token (--renew replaces them)", file=sys.stderr)
    return 0


def cmd_serve_worker(args: argparse.Namespace) -> int:
    from autograder.serve.queue import run_worker

    run_worker(find_course(args.course).root, args.concurrency, args.name)
    return 0


def add_serve_parser(sub: argparse._SubParsersAction) -> None:
    serve = sub.add_parser("serve", help="the feedback service: students upload, get feedback")
    serve_sub = serve.add_subparsers(dest="serve_command")
    for parser in (serve, serve_sub.add_parser("demo", help="on a demo course, tokens printed")):
        parser.add_argument("--course", type=Path)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--unsafe-no-sandbox", action="store_true")
        parser.add_argument("--out", help=argparse.SUPPRESS)
        parser.set_defaults(func=cmd_serve)
    tokens = serve_sub.add_parser("tokens", help="sign-in links for the gradebook's students")
    tokens.add_argument("--course", type=Path)
    tokens.add_argument("--student", action="append", help="this student (repeatable)")
    tokens.add_argument("--renew", action="store_true", help="replace existing tokens")
    tokens.add_argument("--url", default="http://127.0.0.1:8765", help="the service's address")
    tokens.set_defaults(func=cmd_serve_tokens)
    worker = serve_sub.add_parser("worker", help='a Celery worker (queue = "celery")')
    worker.add_argument("--course", type=Path)
    worker.add_argument("--concurrency", type=int, default=1)
    worker.add_argument("--name", default="")
    worker.set_defaults(func=cmd_serve_worker)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="autograder", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=__version__)
    sub = parser.add_subparsers(dest="command", required=True)

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

    rel = sub.add_parser(
        "release", help="generate the student version with nbgrader, checked for leaks"
    )
    rel.add_argument("assignment")
    rel.add_argument("--course", type=Path)
    rel.add_argument(
        "--check", action="store_true", help="only check that the committed release is in sync"
    )
    rel.add_argument(
        "--publish", action="store_true", help="then nbgrader release_assignment (the exchange)"
    )
    rel.set_defaults(func=cmd_release)

    collect = sub.add_parser(
        "collect", help="take submissions from the exchange, an LMS zip or a folder into submitted/"
    )
    collect.add_argument("assignment")
    collect.add_argument("--zip", type=Path, help="an LMS download (Moodle, ILIAS, …)")
    collect.add_argument("--format", choices=["moodle", "ilias", "plain"], default="moodle")
    collect.add_argument(
        "--regex", help="custom file-name pattern with (?P<student_id>…), like nbgrader zip_collect"
    )
    collect.add_argument("--folder", type=Path, help="a folder of <student>.ipynb files")
    collect.add_argument("--exchange", action="store_true", help="nbgrader's exchange (collect)")
    collect.add_argument(
        "--service", action="store_true", help="each student's last upload before the deadline"
    )
    collect.add_argument("--course", type=Path)
    collect.add_argument("--lang", choices=["de", "en"], default="de")
    collect.set_defaults(func=cmd_collect)

    feedback = sub.add_parser(
        "feedback",
        help="write the feedback pages again; --nbgrader: place them for release_feedback",
    )
    feedback.add_argument("assignment")
    feedback.add_argument("--results", required=True, help="the --out folder of `autograder grade`")
    feedback.add_argument("--nbgrader", action="store_true", help="into the course's feedback/")
    feedback.add_argument("--course", type=Path)
    feedback.set_defaults(func=cmd_feedback)

    export = sub.add_parser("export", help="final grades from the gradebook as an LMS-friendly CSV")
    export.add_argument("assignment")
    export.add_argument("--out", help="CSV file (default: <course>/exports/<aid>.csv)")
    export.add_argument("--course", type=Path)
    export.set_defaults(func=cmd_export)

    manual = sub.add_parser(
        "manual-score",
        help="enter a manual score (and comment) in the gradebook, as formgrader's grade field does",
    )
    manual.add_argument("assignment")
    manual.add_argument("student")
    manual.add_argument("task", help="a free-text cell (vorabfrage_xor) or a task to override")
    manual.add_argument("points", type=float)
    manual.add_argument("--comment", help="the comment the student reads on the feedback page")
    manual.add_argument("--course", type=Path)
    manual.set_defaults(func=cmd_manual_score)

    secret = sub.add_parser("secret", help="show or create the secret seed for hidden inputs")
    secret.add_argument("--new", action="store_true")
    secret.add_argument("--term", default="")
    secret.add_argument("--course", type=Path)
    secret.set_defaults(func=cmd_secret)

    doctor = sub.add_parser("doctor", help="prove that the sandbox holds on this machine")
    doctor.add_argument("--course", type=Path)
    doctor.set_defaults(func=cmd_doctor)

    course = sub.add_parser("course", help="course folders")
    course_sub = course.add_subparsers(dest="course_command", required=True)
    init = course_sub.add_parser("init", help="create a course folder for nbgrader and this grader")
    init.add_argument("folder")
    init.add_argument("--term", default="")
    init.set_defaults(func=cmd_course_init)

    add_serve_parser(sub)
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
    exam = sub.add_parser("exam", help="exams: variants, publishing results, fairness/collusion")
    exam_sub = exam.add_subparsers(dest="exam_command", required=True)
    variants = exam_sub.add_parser(
        "variants", help="write varianten.json (each student's question texts, no keys)"
    )
    variants.add_argument("assignment")
    variants.add_argument(
        "--students",
        type=Path,
        required=True,
        help="roster: one id per line or a CSV with student_id",
    )
    variants.add_argument("--out", type=Path, help="default: the release folder of the exam")
    variants.add_argument("--publish", action="store_true", help="then nbgrader release_assignment")
    variants.add_argument("--course", type=Path)
    variants.set_defaults(func=cmd_exam_variants)
    exam_publish = exam_sub.add_parser(
        "publish", help="release the withheld results: an Einsicht page per student"
    )
    exam_publish.add_argument("assignment")
    exam_publish.add_argument(
        "--results", required=True, help="the --out folder of `autograder grade`"
    )
    exam_publish.add_argument("--course", type=Path)
    exam_publish.set_defaults(func=cmd_exam_publish)
    reports = exam_sub.add_parser(
        "reports", help="fairness (per variant) and collusion (per pair) reports, CSV + HTML"
    )
    reports.add_argument("assignment")
    reports.add_argument("--results", required=True, help="the --out folder of `autograder grade`")
    reports.add_argument("--course", type=Path)
    reports.set_defaults(func=cmd_exam_reports)

    demo = sub.add_parser("demo", help="release a01 and grade the bundled example submissions")
    demo.add_argument(
        "--out", help="folder for the demo course and reports (default: a temp folder)"
    )
    demo.add_argument("--unsafe-no-sandbox", action="store_true")
    demo.set_defaults(func=cmd_demo)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except (
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
    ) as exc:
        err.print(f"[red]error:[/] {escape(str(exc))}")  # "[gradescope]" is no markup
        return USAGE_ERROR


if __name__ == "__main__":
    sys.exit(main())
