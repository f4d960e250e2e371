"""``autograder exam variants | publish | reports``, and the exam's withheld Einsicht pages."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

from autograder.cli.common import Subparsers, UsageError
from autograder.cli.course import publish_to_exchange
from autograder.config import load_config
from autograder.course import Assignment, find_course
from autograder.exam.settings import exam_settings
from autograder.results.model import BatchResult

if TYPE_CHECKING:
    from autograder.nbgrader.delivery import PageRenderer


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
        publish_to_exchange(assignment, " with its variants")
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


def add_parsers(sub: Subparsers) -> None:
    """exam variants | publish | reports"""
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
