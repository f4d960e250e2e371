"""``autograder serve demo``: the service on a throwaway demo course, with sample tokens printed."""

from __future__ import annotations

import tempfile
from datetime import timedelta
from pathlib import Path

from autograder.course import find_course
from autograder.demo import EXAMPLES, build_course, demo_assignments
from autograder.serve.config import Window, write_serve_config
from autograder.serve.store import Store, now_utc
from autograder.serve.tokens import issue_tokens

DEMO_STUDENTS = ["anna", "ben", "carla"]


def prepare_demo(out: Path | None, base_url: str) -> Path:
    """A demo course with every example assignment open for a week; prints sign-in links."""
    root = build_course((out or Path(tempfile.mkdtemp(prefix="autograder-serve-"))) / "course")
    course = find_course(root)
    deadline = now_utc() + timedelta(days=7)
    write_serve_config(root, {aid: Window(deadline) for aid in demo_assignments(course)})
    tokens = issue_tokens(Store(f"sqlite:///{root / 'serve' / 'serve.sqlite'}"), DEMO_STUDENTS)
    print(f"demo course: {root}")
    for student, token in tokens.items():
        print(f"  {student}: {base_url}/anmelden/{token}")
    print(f"try uploading {EXAMPLES / 'a01_perceptron_xor' / 'partly_wrong.ipynb'}")
    return root
