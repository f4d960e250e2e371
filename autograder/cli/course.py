"""Course life cycle: ``release``, ``collect``, ``secret``, ``course init`` and ``demo``."""

from __future__ import annotations

import argparse
from pathlib import Path

from autograder.cli.common import Subparsers, UsageError, err
from autograder.config import ConfigError, load_config, write_new_secret
from autograder.course import Assignment, find_course
from autograder.release.generate import out_of_sync, publish, release
from autograder.reports.summary import make_console
from autograder.sandbox.launcher import SandboxMode


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
        publish_to_exchange(assignment)
    return 0


def publish_to_exchange(assignment: Assignment, what: str = "") -> None:
    """``--publish``: nbgrader release_assignment, said in one line."""
    publish(assignment)
    print(f"published {assignment.aid}{what} to the course's nbgrader exchange")


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


def cmd_demo(args: argparse.Namespace) -> int:
    from autograder.demo import run_demo

    mode = SandboxMode.from_flags(args.unsafe_no_sandbox)
    return run_demo(Path(args.out) if args.out else None, mode)


def add_parsers(sub: Subparsers) -> None:
    """release, collect, secret, course init, demo"""
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

    secret = sub.add_parser("secret", help="show or create the secret seed for hidden inputs")
    secret.add_argument("--new", action="store_true")
    secret.add_argument("--term", default="")
    secret.add_argument("--course", type=Path)
    secret.set_defaults(func=cmd_secret)

    course = sub.add_parser("course", help="course folders")
    course_sub = course.add_subparsers(dest="course_command", required=True)
    init = course_sub.add_parser("init", help="create a course folder for nbgrader and this grader")
    init.add_argument("folder")
    init.add_argument("--term", default="")
    init.set_defaults(func=cmd_course_init)

    demo = sub.add_parser("demo", help="release a01 and grade the bundled example submissions")
    demo.add_argument(
        "--out", help="folder for the demo course and reports (default: a temp folder)"
    )
    demo.add_argument("--unsafe-no-sandbox", action="store_true")
    demo.set_defaults(func=cmd_demo)
