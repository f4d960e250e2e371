"""Profile: where one `autograder grade` goes, from command start to results.json.

Run from the repository root after `make setup` (as root, like grading):
    .venv/bin/python benchmarks/profile_grade.py [--aid a01_perceptron_xor] [--count 1] [--jobs 2]
Prints one JSON object per run (benchmarks/README.md, "issue 21", records the figures).

Each run is a fresh ``python`` that runs the ``autograder grade`` command in-process (the same
entry point as the ``autograder`` script) with timestamps around its phases: the interpreter's
start, the CLI's imports, reading the course, the doctor's check, loading the assignment (the
graders' collection with it), each submission's worker start and tests, the reports, and the
zygote's start to ready (its imports of numpy and torch). Every phase records wall time and the
CPU time (user + system) of this process; the CPU of the grader processes (``--jobs`` > 1) and
of the zygote with its workers is read from the children's rusage once they have ended, so the
figures stay comparable on a shared, noisy machine. In a batch the grader processes also record
their own per-submission phases and the number of round trips to the worker.
"""

from __future__ import annotations

import argparse
import functools
import json
import multiprocessing
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from machine import machine_cpu_s, used_since

REPO = Path(__file__).resolve().parents[1]
AID = "a01_perceptron_xor"
KINDS = ("perfect", "partly_wrong", "stub")

Phases = dict[str, list[float]]  # name → [wall s, own CPU s, calls]


def cpu_self() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def cpu_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(phases: Phases, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """``function`` adding its wall and CPU time to ``phases[name]``."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        wall, cpu = time.perf_counter(), cpu_self()
        try:
            return function(*args, **kwargs)
        finally:
            entry = phases[name]
            entry[0] += time.perf_counter() - wall
            entry[1] += cpu_self() - cpu
            entry[2] += 1

    return wrapper


def instrument(phases: Phases) -> None:
    """Wrap the phases of grading (imports the engine: call after timing the imports)."""
    from autograder.engine import batch, runner
    from autograder.notebook import submission
    from autograder.sandbox import session, zygote

    patches = [
        (runner.AssignmentGrader, "__init__", "load assignment (spec, reference, catalogue)"),
        (runner.AssignmentGrader, "_collected", "graders' pytest session (collect once)"),
        (runner.AssignmentGrader, "grade", "grade one submission (all)"),
        (runner.AssignmentGrader, "run_graders", "  run the tests (round trips included)"),
        (runner.AssignmentGrader, "_task_result", "  task results (diagnosis, messages)"),
        (runner.TaskWorkers, "start", "  worker start (fork + cells)"),
        (runner.TaskWorkers, "__exit__", "  worker end (kill, cgroup, uid)"),
        (session.WorkerSession, "_start_worker", "    a worker: taken or forked, first answer"),
        (session.WorkerSession, "_request", "    round trips to the worker"),
        (zygote.Zygote, "wait_ready", "wait for the zygote (numpy + torch)"),
    ]
    for owner, attribute, name in patches:
        setattr(owner, attribute, timed(phases, name, getattr(owner, attribute)))
    runner.load_submission = timed(phases, "  read the notebook", submission.load_submission)
    if batch._init_process.__module__ == "autograder.engine.batch":
        batch._init_process = _init_profiled  # type: ignore[assignment]


def _init_profiled(*args: Any) -> None:
    """A batch's grader process: the usual set-up, its phases written when it exits."""
    from multiprocessing import util

    from autograder.engine import batch

    original = batch._init_process  # this process is fresh: the engine's own
    phases: Phases = defaultdict(lambda: [0.0, 0.0, 0])
    instrument(phases)
    wall, cpu = time.perf_counter(), cpu_self()
    original(*args)
    phases["grader process set-up"] = [time.perf_counter() - wall, cpu_self() - cpu, 1]
    out = Path(os.environ["PROFILE_GRADE_DIR"]) / f"grader-{os.getpid()}.json"
    util.Finalize(None, _dump, args=(phases, out), exitpriority=100)


def _dump(phases: Phases, out: Path) -> None:
    out.write_text(
        json.dumps({"phases": phases, "cpu_s": cpu_self(), "children_cpu_s": cpu_children()})
    )


def child(argv: list[str], started: float) -> None:
    """The ``autograder`` command with its phases timed; the timeline goes to stdout."""
    t_python = time.time() - started  # the interpreter's start (site, venv) until here
    phases: Phases = defaultdict(lambda: [0.0, 0.0, 0])
    wall, cpu = time.perf_counter(), cpu_self()
    from autograder.sandbox import zygote
    from autograder.sandbox.launcher import SandboxSpec

    if hasattr(zygote, "preload"):  # as autograder/entry.py does (issue 21 on)
        zygote.preload.decide_for_grade(argv[1:])
    zygote.prestart([SandboxSpec()])
    phases["start the zygote (Popen)"] = [time.perf_counter() - wall, cpu_self() - cpu, 1]
    wall, cpu = time.perf_counter(), cpu_self()
    import autograder.cli as cli
    from autograder.cli import grading  # the grade command's module: its names are timed

    phases["import the CLI's modules"] = [time.perf_counter() - wall, cpu_self() - cpu, 1]
    instrument(phases)
    for name, label in [
        ("check_sandbox", "doctor's check (cached verdict or a probe)"),
        ("grade_batch", "grade_batch (all submissions)"),
        ("print_summary", "print the summary"),
        ("discover_submissions", "find the notebooks"),
        ("load_config", "read grading.toml"),
    ]:
        setattr(grading, name, timed(phases, label, getattr(grading, name)))
    from autograder.reports.files import ReportWriter

    ReportWriter.finish = timed(phases, "write the batch's reports", ReportWriter.finish)
    ReportWriter.submission = timed(
        phases, "  a submission's page and Gradescope file", ReportWriter.submission
    )
    wall, cpu = time.perf_counter(), cpu_self()
    code = cli.main(argv)
    phases["the command (main)"] = [time.perf_counter() - wall, cpu_self() - cpu, 1]
    for process in multiprocessing.active_children():  # the batch's grader processes end
        process.join()  # on their own (grade does not wait for them): their phases are written
    wall = time.perf_counter()
    zygote.shutdown()
    phases["end the zygote"] = [time.perf_counter() - wall, 0.0, 1]
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    report = {
        "user/sys s: main process": [round(self_usage.ru_utime, 3), round(self_usage.ru_stime, 3)],
        "user/sys s: all children (graders, zygote, workers)": [
            round(children.ru_utime, 3),
            round(children.ru_stime, 3),
        ],
        "exit": code,
        "interpreter start until the script runs": round(t_python, 3),
        "phases [wall s, cpu s of this process, calls]": {
            k: [round(v[0], 3), round(v[1], 3), v[2]] for k, v in phases.items()
        },
        "cpu_s": {  # the grader processes' own (forked by the fork server): see run_once
            "main process": round(cpu_self(), 3),
            "zygote and the workers it reaped": round(cpu_children(), 3),
        },
    }
    print("PROFILE " + json.dumps(report))


def graders_report(folder: Path, count: int) -> dict[str, Any]:
    """The grader processes' phases, summed, and per submission."""
    total: Phases = defaultdict(lambda: [0.0, 0.0, 0])
    cpu = children = 0.0
    for path in folder.glob("grader-*.json"):
        data = json.loads(path.read_text())
        cpu += data["cpu_s"]
        children += data["children_cpu_s"]
        for name, (wall, own, calls) in data["phases"].items():
            entry = total[name]
            entry[0] += wall
            entry[1] += own
            entry[2] += calls
    return {
        "grader processes' CPU s": round(cpu, 3),
        "their children's CPU s": round(children, 3),
        "per submission [wall ms, cpu ms, calls]": {
            k: [round(1000 * v[0] / count, 1), round(1000 * v[1] / count, 1), v[2] / count]
            for k, v in sorted(total.items())
        },
    }


def run_once(aid: str, submissions: list[Path], jobs: int, out: Path) -> dict[str, Any]:
    argv = ["grade", aid, *map(str, submissions), "--out", str(out), "-q", "--jobs", str(jobs)]
    folder = Path(tempfile.mkdtemp(prefix="profile-graders-"))
    env = {**os.environ, "AUTOGRADER_SECRET_SEED": "benchmark", "PROFILE_GRADE_DIR": str(folder)}
    machine = machine_cpu_s()
    started = time.time()
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(started), "--", *argv],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.time() - started
    line = next(x for x in done.stdout.splitlines() if x.startswith("PROFILE "))
    report = json.loads(line.removeprefix("PROFILE "))
    count = len(list((out / "feedback").glob("*.html"))) or 1
    report["command start → exit, wall s"] = round(wall, 3)
    report["machine CPU s while it ran (user, sys; quiet machine: the command's)"] = used_since(
        machine
    )
    if jobs > 1:
        report["grader processes"] = graders = graders_report(folder, count)
        report["cpu_s"]["grader processes (their own count)"] = graders["grader processes' CPU s"]
    shutil.rmtree(folder, ignore_errors=True)
    report["load_average_1min"] = round(os.getloadavg()[0], 2)
    return report


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=1, help="submissions (1: the perfect one)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--aid", default=AID, help="an assignment with examples/<aid>/")
    args = parser.parse_args()
    examples = REPO / "examples" / args.aid
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        if args.count == 1:
            submissions = [examples / "perfect.ipynb"]
        else:
            folder = work / "in"
            folder.mkdir()
            for index in range(args.count):
                kind = KINDS[index % len(KINDS)]
                shutil.copy(examples / f"{kind}.ipynb", folder / f"s{index:03d}.ipynb")
            submissions = [folder]
        for index in range(args.repeat):
            print(
                json.dumps(
                    run_once(args.aid, submissions, args.jobs, work / f"out{index}"), indent=1
                )
            )


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        sys.path.insert(0, str(REPO))
        child(sys.argv[sys.argv.index("--") + 1 :], float(sys.argv[2]))
    else:
        main()
