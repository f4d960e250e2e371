"""``autograder demo``: the whole path on the bundled example course, end to end.

1. builds a throwaway course from this repository's ``source/`` and ``solutions/`` with a
   fresh secret seed,
2. releases a01 through nbgrader (with the leak check),
3. grades the example submissions in ``examples/a01_perceptron_xor/`` in the sandbox,
4. prints the table and where the reports are.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from autograder.config import load_config
from autograder.course import PACKAGE_DIR, find_course
from autograder.course_init import init_course
from autograder.grading.batch import grade_batch
from autograder.grading.runner import GradeOptions
from autograder.notebook.discover import discover
from autograder.release.generate import release
from autograder.reports.files import write_all
from autograder.reports.summary import make_console, print_summary
from autograder.sandbox.launcher import SandboxSpec, check_sandbox_available

DEMO_ASSIGNMENT = "a01_perceptron_xor"
REPO = PACKAGE_DIR.parent


def build_course(root: Path) -> Path:
    """A fresh throwaway course folder for the demo."""
    return init_course(root, term="demo", replace=True)


def run_demo(out: Path | None, unsafe_no_sandbox: bool = False) -> int:
    console = make_console()
    out = out or Path(tempfile.mkdtemp(prefix="autograder-demo-"))
    examples = REPO / "examples" / DEMO_ASSIGNMENT
    if not examples.is_dir():
        console.print(f"[red]no example submissions at {examples}[/]")
        return 2
    spec = SandboxSpec(unsafe_no_sandbox=unsafe_no_sandbox)
    check_sandbox_available(spec)
    course = find_course(build_course(out / "course"))
    assignment = course.assignment(DEMO_ASSIGNMENT)
    config = load_config(course.root)
    console.rule(f"1. release {DEMO_ASSIGNMENT} with nbgrader")
    released = release(assignment, config.secret_seed)
    console.print(
        f"student notebook: {released / (DEMO_ASSIGNMENT + '.ipynb')} (leak check passed)"
    )
    console.rule("2. grade the example submissions in the sandbox")
    found = discover([examples], DEMO_ASSIGNMENT)
    batch = grade_batch(
        assignment,
        found,
        GradeOptions(config, unsafe_no_sandbox=unsafe_no_sandbox),
        lambda item, result, _cached: console.print(
            f"  {item.student_id}: {result.score:g}/{result.max_score:g}"
        ),
    )
    paths = write_all(batch, out / "reports")
    console.rule("3. results")
    print_summary(batch, console)
    for result in batch.submissions:
        for task in result.tasks:
            if task.diagnosis is not None:
                console.print(f"  {result.student_id} · {task.task_id}: {task.feedback}")
    console.print("Reports: " + ", ".join(str(p) for p in paths))
    return 0
