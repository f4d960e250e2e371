"""``autograder demo``: the whole path on the bundled example course, end to end.

1. builds a throwaway course from this repository's ``source/`` and ``solutions/`` with a
   fresh secret seed (``autograder course init``),
2. releases every assignment that has example submissions in ``examples/<aid>/`` through
   nbgrader (one run for all of them, each with the leak check),
3. grades those examples in the sandbox,
4. prints a table per assignment, the named mistakes, and where the reports are.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from rich.console import Console

from autograder.config import GradingConfig, load_config
from autograder.course import PACKAGE_DIR, Course, find_course
from autograder.course_init import init_course
from autograder.engine.batch import grade_batch
from autograder.engine.runner import GradeOptions
from autograder.notebook.discover import discover
from autograder.release.generate import release_all
from autograder.reports.files import write_all
from autograder.reports.gradescope import assignment_gradescope
from autograder.reports.summary import make_console, print_summary
from autograder.sandbox.launcher import SandboxMode, SandboxSpec, check_sandbox_available

REPO = PACKAGE_DIR.parent
EXAMPLES = REPO / "examples"


def build_course(root: Path) -> Path:
    """A fresh throwaway course folder for the demo."""
    return init_course(root, term="demo", replace=True)


def demo_assignments(course: Course) -> list[str]:
    return [aid for aid in course.assignment_ids() if any((EXAMPLES / aid).glob("*.ipynb"))]


def demo_one(
    course: Course, aid: str, config: GradingConfig, out: Path, mode: SandboxMode, console: Console
) -> None:
    assignment = course.assignment(aid)
    gradescope = assignment_gradescope(assignment)
    console.rule(f"{aid}: released with nbgrader, grade the examples in the sandbox")
    released = assignment.release_dir  # by run_demo, all in one nbgrader run
    console.print(f"student notebook: {released / (aid + '.ipynb')} (leak check passed)")
    found = discover([EXAMPLES / aid], aid)
    batch = grade_batch(
        assignment,
        found,
        GradeOptions(config, mode=mode),
        lambda item, result, _cached: console.print(
            f"  {item.student_id}: {result.score:g}/{result.max_score:g}"
        ),
    )
    paths = write_all(batch, out / "reports" / aid, gradescope)
    print_summary(batch, console)
    for result in batch.submissions:
        for task in result.tasks:
            if task.diagnosis is not None:
                console.print(f"  {result.student_id} · {task.task_id}: {task.feedback}")
    console.print("Reports: " + ", ".join(str(p) for p in paths))


def run_demo(out: Path | None, mode: SandboxMode = SandboxMode.ZYGOTE) -> int:
    console = make_console()
    out = out or Path(tempfile.mkdtemp(prefix="autograder-demo-"))
    check_sandbox_available(SandboxSpec(mode=mode))
    course = find_course(build_course(out / "course"))
    config = load_config(course.root)
    aids = demo_assignments(course)
    if not aids:
        console.print(f"[red]no example submissions in {EXAMPLES}[/]")
        return 2
    console.print(f"nbgrader releases {len(aids)} assignments (one run, each leak-checked)")
    release_all([course.assignment(aid) for aid in aids], config.secret_seed)
    for aid in aids:
        demo_one(course, aid, config, out, mode, console)
    return 0
