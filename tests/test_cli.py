"""The command line as a user runs it: the demo end to end, grading, and usage errors."""

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
A01 = "a01_perceptron_xor"


def autograder(
    *args: str, env: dict[str, str] | None = None, cwd: Path = REPO
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "autograder", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.mark.slow
def test_demo_grades_the_example_course_end_to_end(tmp_path):
    run = autograder("demo", "--out", str(tmp_path))
    assert run.returncode == 0, run.stderr
    for folder in (tmp_path / "reports").iterdir():  # every assignment with examples
        graded = json.loads((folder / "results.json").read_text())["submissions"]
        scores = {s["student_id"]: (s["score"], s["max_score"]) for s in graded}
        assert scores["perfect"][0] == scores["perfect"][1] > 0 and scores["stub"][0] == 0, scores
    reports = tmp_path / "reports" / A01
    results = json.loads((reports / "results.json").read_text())
    by_student = {s["student_id"]: s for s in results["submissions"]}
    assert by_student["perfect"]["score"] == by_student["perfect"]["max_score"] == 18
    assert by_student["stub"]["score"] == 0
    assert by_student["malformed"]["status"] == "error"
    assert "JSON" in by_student["malformed"]["error"]
    partly = {t["task_id"]: t for t in by_student["partly_wrong"]["tasks"]}
    assert partly["neuron"]["diagnosis"]["key"] == "step_strict"
    assert partly["bce_sgd_step"]["diagnosis"]["key"] == "log10"
    assert partly["mlp_xor_train"]["diagnosis"]["key"] == "hidden_derivative_forgotten"
    assert partly["perceptron_train"]["status"] == "passed"
    hostile = {t["task_id"]: t for t in by_student["hostile"]["tasks"]}
    for task_id in (
        "neuron",
        "bce_sgd_step",
        "perceptron_train",
        "xor_certificate",
        "xor_net_weights",
        "mlp_xor_train",
    ):
        assert hostile[task_id]["score"] == 0, hostile[task_id]["feedback"]
    assert (reports / "gradescope" / "perfect.json").exists()
    page = next((reports / "feedback").glob("partly_wrong-*.html")).read_text()
    assert "Rückmeldung zu Übung 1: Das Perzeptron und das XOR-Problem" in page
    assert (
        "Ihr Ergebnis entspricht dem typischen Fehler „log₁₀ statt natürlichem Logarithmus" in page
    )
    rows = list(csv.DictReader((reports / "grades.csv").open()))
    assert {r["student_id"]: r["total"] for r in rows}["perfect"] == "18.00"
    assert "perfect" in run.stdout and "Reports:" in run.stdout


def test_grade_writes_reports_and_exits_zero_for_low_scores(tmp_path):
    stub = REPO / "examples" / A01 / "stub.ipynb"
    run = autograder(
        "grade",
        A01,
        str(stub),
        "--out",
        str(tmp_path),
        "--lang",
        "en",
        env={"AUTOGRADER_SECRET_SEED": "cli-test"},
    )
    assert run.returncode == 0, run.stderr
    results = json.loads((tmp_path / "results.json").read_text())
    assert results["schema_version"] == 1 and results["lang"] == "en"
    submission = results["submissions"][0]
    assert submission["score"] == 0
    assert "`neuron` is not implemented yet" in submission["tasks"][0]["feedback"]
    gradescope = json.loads((tmp_path / "gradescope" / "stub.json").read_text())
    assert gradescope["score"] == 0 and len(gradescope["tests"]) == 7


@pytest.mark.parametrize(
    "args, phrase",
    [
        (["grade", "no_such_assignment", "x.ipynb", "--out", "o"], "unknown assignment"),
        (["grade", A01, "missing.ipynb", "--out", "o"], "no such file"),
    ],
)
def test_usage_errors_exit_2_with_a_clear_message(args, phrase, tmp_path):
    run = autograder(*args, env={"AUTOGRADER_SECRET_SEED": "x"}, cwd=REPO)
    assert run.returncode == 2
    assert phrase in run.stderr
    assert "Traceback" not in run.stderr


def test_missing_secret_seed_is_a_usage_error(tmp_path):
    course = tmp_path / "course"
    (course / "source" / A01).mkdir(parents=True)
    (course / "source" / A01 / f"{A01}.ipynb").write_text(
        (REPO / "source" / A01 / f"{A01}.ipynb").read_text()
    )
    (course / "solutions").mkdir()
    (course / "solutions" / f"{A01}.py").write_text("")
    env = {k: v for k, v in os.environ.items() if k != "AUTOGRADER_SECRET_SEED"}
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "autograder",
            "grade",
            A01,
            "x.ipynb",
            "--out",
            "o",
            "--course",
            str(course),
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    assert run.returncode == 2 and "no secret seed" in run.stderr


def test_without_bubblewrap_grading_is_refused_unless_unsafe(tmp_path):
    """No sandbox → refuse (exit 2); --unsafe-no-sandbox grades but warns loudly."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("prlimit", "setpriv"):  # everything but bwrap
        (bin_dir / tool).symlink_to(f"/usr/bin/{tool}")
    env = {"PATH": str(bin_dir), "AUTOGRADER_SECRET_SEED": "x"}
    perfect = str(REPO / "examples" / A01 / "perfect.ipynb")
    refused = autograder("grade", A01, perfect, "--out", str(tmp_path / "o1"), env=env)
    assert (
        refused.returncode == 2
        and "bwrap" in refused.stderr
        and "--unsafe-no-sandbox" in refused.stderr
    )
    unsafe = autograder(
        "grade", A01, perfect, "--out", str(tmp_path / "o2"), "--unsafe-no-sandbox", env=env
    )
    assert unsafe.returncode == 0, unsafe.stderr
    assert "WARNING" in unsafe.stderr and "WITHOUT the sandbox" in unsafe.stderr
    result = json.loads((tmp_path / "o2" / "results.json").read_text())["submissions"][0]
    assert result["sandbox"] == "none" and result["score"] == 18


def test_the_command_exits_fast_but_joins_threads_runs_exit_handlers_and_flushes():
    """``autograder`` skips the interpreter's teardown (``entry.run``), not what comes before
    it: a thread still running is joined, an idle thread pool ended, exit handlers run, output
    is flushed, the code kept."""
    code = (
        "import atexit, concurrent.futures, sys, threading, time\n"
        "from autograder import entry\n"
        "def command():\n"
        "    def late():\n"
        "        time.sleep(0.3)\n"
        "        print('thread finished')\n"
        "    threading.Thread(target=late).start()\n"
        "    global pool  # alive to the end: idle, never shut down\n"
        "    pool = concurrent.futures.ThreadPoolExecutor(1)\n"
        "    pool.submit(time.sleep, 0.01).result()\n"
        "    atexit.register(lambda: print('exit handler ran'))\n"
        "    sys.stdout.write('no newline yet')\n"
        "    return 3\n"
        "entry.main = command\n"
        "entry.run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3, done.stderr
    assert done.stdout == "no newline yetthread finished\nexit handler ran\n"


def test_grading_is_refused_when_the_sandbox_fails_its_check(tmp_path, monkeypatch, capsys):
    from autograder import cli
    from autograder.cli import grading
    from autograder.sandbox.doctor import DoctorReport

    failed = DoctorReport()
    failed.add("network cut off", False, "a probe reached the network")
    monkeypatch.setattr(grading, "checked_sandbox", lambda spec, hidden: failed)
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", "a seed for this test")
    examples = REPO / "examples" / A01
    code = cli.main(["grade", A01, str(examples), "--out", str(tmp_path), "--jobs", "2", "-q"])
    assert code == 2
    shown = capsys.readouterr()
    assert "network cut off" in shown.out + shown.err and "refusing to grade" in shown.err
    assert not (tmp_path / "results.json").exists() and not (tmp_path / "journal").exists()
