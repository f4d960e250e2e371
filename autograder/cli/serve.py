"""``autograder serve``: the feedback service, its sign-in links and its Celery workers."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from autograder.cli.common import Subparsers, UsageError, warn_unsafe
from autograder.course import find_course
from autograder.sandbox.launcher import SandboxMode


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
    from autograder.nbgrader.roster import student_ids
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


def add_parsers(sub: Subparsers) -> None:
    """serve, serve demo, serve tokens, serve worker"""
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
