"""Benchmark: stock `nbgrader autograde` vs `autograder grade --jobs 2` on the same submissions.

Run from the repository root after `make setup` (takes a few minutes; keep the machine quiet):
    .venv/bin/python benchmarks/compare_nbgrader.py --count 100 [--scaling 25,50,100,200,400]
Prints one JSON object with the figures (benchmarks/README.md records the last ones): wall time,
and for every run of ours the memory of the batch (the peak of the summed PSS of its process
tree) and of its sandboxed workers (each one's peak RSS, PSS and private memory, sampled every
100 ms). ``--ours-only`` skips nbgrader.

The machine's speed drifts (±20 % in CPU time between runs minutes apart, 2026-12-02), and our run
of seconds samples it while nbgrader's run of minutes averages it. ``--bracket`` times ours once
more right after nbgrader, on a fresh copy, and takes the ratio against the mean of the two
timed runs of ours (``speedup``; ``speedup_before_only`` is the single-run figure).

Memory is measured in a second run of ours on a fresh copy of the course, after the timed one:
the sampler reads every process's ``smaps_rollup`` ten times a second (≈ 4 s of CPU per 100
submissions, on the same two cores), so a sampled run is slower than an unsampled one and would
understate the ratio. ``--no-memory`` skips the second run.

The submissions are a01_perceptron_xor notebooks that use torch (their first solution cell
imports torch and computes the neuron's pre-activation with it), in turn: perfect, partly wrong
(three catalogued mistakes), the released stub, and every tenth a hostile one. The nbgrader
course is the same course with nbgrader's own autograde pipeline (in-kernel execution of the
notebook's test cells, i.e. the visible asserts) instead of our sandboxed preprocessor.
"""

from __future__ import annotations

import argparse
import json
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import nbformat  # noqa: E402
from machine import machine_cpu_s, used_since  # noqa: E402

from autograder.demo import build_course  # noqa: E402
from autograder.nbgrader.run import nbgrader_env  # noqa: E402
from autograder.notebook.compose import fill_solutions, read_notebook  # noqa: E402
from tests.hostile.corpus import load_corpus  # noqa: E402

AID = "a01_perceptron_xor"
EXAMPLES = REPO / "examples" / AID
KINDS = ["perfect", "partly_wrong", "stub"]
SAFE_ATTACKS = ("always_equal_eq", "allclose_monkeypatch", "fake_passed_os_exit")
TORCH_LINE = "import torch\n_z_probe = torch.zeros(3, dtype=torch.float64).sum().item()\n"


def torch_using(notebook: dict) -> dict:
    """The notebook with torch imported and used in its first solution cell (grade_id neuron)."""
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") == "neuron":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = TORCH_LINE + source
    return notebook


def hostile_notebook() -> dict:
    """Attacks that stock nbgrader runs unsandboxed: only ones that cannot harm the machine."""
    release = read_notebook(REPO / "assignments" / AID / f"{AID}.ipynb")
    cases = {c.task: c.source for c in load_corpus() if c.key in SAFE_ATTACKS}
    return json.loads(nbformat.writes(fill_solutions(release, cases)))


def make_submissions(course: Path, count: int) -> list[str]:
    students = []
    hostile = hostile_notebook()
    for index in range(count):
        kind = "hostile" if index % 10 == 9 else KINDS[index % len(KINDS)]
        student = f"s{index:03d}_{kind}"
        source = (
            hostile if kind == "hostile" else json.loads((EXAMPLES / f"{kind}.ipynb").read_text())
        )
        notebook = torch_using(json.loads(json.dumps(source)))
        target = course / "submitted" / student / AID
        target.mkdir(parents=True)
        (target / f"{AID}.ipynb").write_text(json.dumps(notebook))
        students.append(student)
    return students


def stock_nbgrader_config(course: Path) -> None:
    """nbgrader's own autograde: drop our preprocessor override from the course config."""
    config = (course / "nbgrader_config.py").read_text()
    stock = config.split("# nbgrader's own `autograde`")[0]
    (course / "nbgrader_config.py").write_text(stock + "\nc.ExecutePreprocessor.timeout = 60\n")


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def _tree(root: int) -> dict[int, int]:
    """pid → parent pid of ``root`` and all its descendants (the kernel's children lists)."""
    tree, todo = {root: 0}, [root]
    while todo:
        pid = todo.pop()
        for child in _children(pid):
            tree[child] = pid
            todo.append(child)
    return tree


def _memory_kib(pid: int) -> dict[str, int]:
    """Rss, Pss and the private (unshared) part of one process, in KiB."""
    fields: dict[str, int] = {}
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                name, _, value = line.partition(":")
                if name in ("Rss", "Pss", "Private_Clean", "Private_Dirty"):
                    fields[name] = int(value.split()[0])
    except OSError:
        return {}
    return {
        "rss": fields.get("Rss", 0),
        "pss": fields.get("Pss", 0),
        "private": fields.get("Private_Clean", 0) + fields.get("Private_Dirty", 0),
    }


class MemorySampler:
    """Samples the command's process tree every ``interval`` s: the batch's peak (the sum of
    every process's PSS, shared pages split among their sharers) and each sandboxed worker's
    peak (a worker is a child of a zygote, but for its nursery, the first: see
    ``sandbox/inside/zygote.py``; the inits are the nursery's children). Workers live
    tens of milliseconds, so their figures are from the samples that caught one."""

    def __init__(self, root: int, interval: float = 0.1) -> None:
        self.root, self.interval = root, interval
        self.batch_pss_kib = 0
        self.workers: dict[int, dict[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            tree = _tree(self.root)
            zygotes = {p for p in tree if _is_zygote(p) and not _is_zygote(tree[p])}
            nurseries = {_first_child(z, tree) for z in zygotes}
            memory = {pid: _memory_kib(pid) for pid in tree}
            self.batch_pss_kib = max(
                self.batch_pss_kib, sum(m.get("pss", 0) for m in memory.values())
            )
            for pid, parent in tree.items():
                if parent in zygotes and pid not in nurseries and memory.get(pid):
                    seen = self.workers.setdefault(pid, {"rss": 0, "pss": 0, "private": 0})
                    for key, value in memory[pid].items():
                        seen[key] = max(seen[key], value)

    def stop(self) -> dict[str, Any]:
        self._stop.set()
        self._thread.join()
        peaks = list(self.workers.values())

        def mib(key: str, pick: Callable[[list[int]], float]) -> float | None:
            return round(pick([p[key] for p in peaks]) / 1024, 1) if peaks else None

        return {
            "batch_peak_pss_mib": round(self.batch_pss_kib / 1024),
            "workers_sampled": len(peaks),
            "worker_peak_mib": {
                key: {"median": mib(key, statistics.median), "max": mib(key, max)}
                for key in ("rss", "pss", "private")
            },
        }


def _first_child(parent: int, tree: dict[int, int]) -> int | None:
    """The child of ``parent`` that started first (a zygote's nursery)."""
    children = [pid for pid, of in tree.items() if of == parent]
    return min(children, key=_start_time, default=None)


def _start_time(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return 0


def _is_zygote(pid: int) -> bool:
    try:
        return b"zygote.py" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def timed(
    command: list[str], cwd: Path, check: bool = True, sample: bool = False
) -> tuple[float, float, dict[str, Any]]:
    """(wall seconds, peak RSS of the children in MiB, CPU time and memory samples) of one
    command. CPU: the whole machine's while it ran (``machine.py``: the grader processes and
    workers are not children this process reaps), so keep the machine quiet; the memory
    sampler's own CPU (it reads every process's smaps each 100 ms) is reported beside it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    machine, own = machine_cpu_s(), time.process_time()
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=nbgrader_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    sampler = MemorySampler(process.pid) if sample else None
    _, stderr = process.communicate()
    wall = time.perf_counter() - started
    figures = {
        "cpu_s": used_since(machine),
        **(sampler.stop() if sampler else {}),
    }
    if sampler:
        figures["sampler_cpu_s"] = round(time.process_time() - own, 2)
    if check and process.returncode != 0:
        raise SystemExit(f"{command[:5]} failed:\n{stderr.decode(errors='replace')[-3000:]}")
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    return wall, peak / 1024, figures


def nbgrader_scores(course: Path) -> dict[str, dict[str, float]]:
    """Per student: each task's score in nbgrader's gradebook, and the total under ``*``."""
    from nbgrader.api import Gradebook

    from autograder.nbgrader.gradebook import nbgrader_settings

    scores: dict[str, dict[str, float]] = {}
    db_url, course_id = nbgrader_settings(course)
    with Gradebook(db_url, course_id) as gb:
        for submission in gb.assignment_submissions(AID):
            tasks = {
                g.name.removeprefix("test_"): float(g.score)
                for notebook in submission.notebooks
                for g in notebook.grades
                if g.name.startswith("test_")
            }
            scores[submission.student.id] = {**tasks, "*": sum(tasks.values())}
    return scores


def run_nbgrader(count: int, root: Path) -> dict:
    course = build_course(root / "nbgrader-course")
    stock_nbgrader_config(course)
    make_submissions(course, count)
    timed([sys.executable, "-m", "nbgrader", "generate_assignment", AID, "--force"], course)
    # nbgrader exits non-zero when a submission was lost (a hostile os._exit kills the kernel)
    autograde = [sys.executable, "-m", "nbgrader", "autograde", AID, "--force"]
    wall, peak, _ = timed(autograde, course, check=False)
    return {
        "wall_s": round(wall, 1),
        "per_submission_s": round(wall / count, 3),
        "peak_rss_mib": round(peak),
        "scores": nbgrader_scores(course),
    }


def run_ours(
    count: int, root: Path, jobs: int = 2, memory: bool = True, name: str = "ours"
) -> dict:
    """The timed run (no sampler), then, with ``memory``, a sampled run for the memory figures."""
    timed_run = _run_ours_once(count, root / f"{name}-{count}", jobs, sample=False)
    if not memory:
        return timed_run
    sampled = _run_ours_once(count, root / f"{name}-{count}-memory", jobs, sample=True)
    if sampled["scores"] != timed_run["scores"]:
        raise SystemExit("the sampled run graded differently from the timed run")
    figures = {k: v for k, v in sampled.items() if k not in ("scores", "per_submission_s")}
    figures["wall_s_with_sampler"] = figures.pop("wall_s")
    return {**timed_run, "memory_run": figures}


def _run_ours_once(count: int, folder: Path, jobs: int, sample: bool) -> dict:
    course = build_course(folder)
    make_submissions(course, count)
    out = course / "graded"
    wall, peak, figures = timed(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade",
            AID,
            str(course / "submitted"),
            "--course",
            str(course),
            "--out",
            str(out),
            "--jobs",
            str(jobs),
            "-q",
        ],
        course,
        sample=sample,
    )
    results = json.loads((out / "results.json").read_text())["submissions"]
    auto = {
        s["student_id"]: {
            **{t["task_id"]: t["score"] for t in s["tasks"] if t["kind"] == "auto"},
            "*": s["score"],
        }
        for s in results
    }
    return {
        "wall_s": round(wall, 1),
        "per_submission_s": round(wall / count, 3),
        "peak_rss_mib": round(peak),
        **figures,
        "scores": auto,
    }


def task_verdict(ours: float, theirs: float | None, max_score: float) -> str:
    if theirs is None:
        return "missing in nbgrader"
    if abs(ours - theirs) < 1e-6:
        return "same"
    if theirs == 0 and 0 < ours < max_score:
        return "partial credit here, 0 in nbgrader's all-or-nothing cell"
    return f"differ: {ours} vs {theirs}"


def agreement(ours: dict[str, dict[str, float]], theirs: dict[str, dict[str, float]]) -> dict:
    """Honest = not hostile; per task, since nbgrader's test cells are all or nothing."""
    full = {t: v for t, v in ours[next(s for s in ours if "perfect" in s)].items()}
    by_kind: dict[str, set[str]] = {}
    for student in (s for s in ours if not s.endswith("hostile")):
        kind = re.sub(r"^s\d+_", "", student)
        for task, score in ours[student].items():
            if task == "*":
                continue
            verdict = task_verdict(score, theirs.get(student, {}).get(task), full[task])
            by_kind.setdefault(kind, set()).add(f"{task}: {verdict}")
    totals = {
        kind: sorted(
            {
                f"{ours[s]['*']:g} vs {theirs.get(s, {}).get('*', float('nan')):g}"
                for s in ours
                if s.endswith(kind)
            }
        )
        for kind in by_kind
    }
    hostile = {s: (ours[s]["*"], theirs.get(s, {}).get("*")) for s in ours if s.endswith("hostile")}
    return {
        "honest_tasks": {k: sorted(v) for k, v in by_kind.items()},
        "honest_totals_ours_vs_nbgrader": totals,
        "hostile_ours_vs_nbgrader": hostile,
    }


def _without_scores(run: dict) -> dict:
    return {k: v for k, v in run.items() if k != "scores"}


def speedups(args: argparse.Namespace, root: Path, ours: dict, theirs: dict) -> dict[str, Any]:
    """nbgrader's wall time over ours; with ``--bracket``, over the mean of ours timed before
    and after nbgrader (the same scores required), next to the single-run figure and the run
    after."""
    single = round(theirs["wall_s"] / ours["wall_s"], 1)
    if not args.bracket:
        return {"speedup": single}
    after = run_ours(args.count, root, memory=False, name="ours-after")
    if after["scores"] != ours["scores"]:
        raise SystemExit("the run after nbgrader graded differently from the first")
    mean = statistics.mean([ours["wall_s"], after["wall_s"]])
    return {
        "autograder_jobs2_after_nbgrader": _without_scores(after),
        "speedup": round(theirs["wall_s"] / mean, 1),
        "speedup_before_only": single,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--scaling", default="", help="e.g. 25,50,100,200,400 (ours only)")
    parser.add_argument(
        "--ours-only", action="store_true", help="skip nbgrader (ours and the scaling runs)"
    )
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the sampled runs (memory figures)"
    )
    parser.add_argument(
        "--bracket",
        action="store_true",
        help="time ours again after nbgrader; the ratio uses the mean of both timed runs",
    )
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="bench-nbgrader-"))
    try:
        ours = run_ours(args.count, root, memory=not args.no_memory)
        report: dict[str, Any] = {
            "count": args.count,
            "autograder_jobs2": _without_scores(ours),
        }
        if not args.ours_only:
            theirs = run_nbgrader(args.count, root)
            report["nbgrader_autograde"] = _without_scores(theirs)
            report.update(speedups(args, root, ours, theirs))
            report["agreement"] = agreement(ours["scores"], theirs["scores"])
        report["scaling"] = {
            n: _without_scores(run_ours(n, root, memory=not args.no_memory))
            for n in map(int, filter(None, args.scaling.split(",")))
        }
        print(json.dumps(report, indent=2))
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
