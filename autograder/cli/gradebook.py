"""After grading: ``feedback`` pages, the gradebook's ``export`` and ``manual-score``."""

from __future__ import annotations

import argparse
from pathlib import Path

from autograder.cli.common import Subparsers, UsageError
from autograder.cli.exam import exam_page_renderer
from autograder.config import load_config
from autograder.course import find_course
from autograder.results.model import SubmissionResult, read_results


def cmd_feedback(args: argparse.Namespace) -> int:
    from autograder.exam.run import student_pages
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


def add_parsers(sub: Subparsers) -> None:
    """feedback, export, manual-score"""
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
