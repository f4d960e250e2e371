"""The instructor's whole workflow with real nbgrader, end to end (docs/instructor.md):

course init → release to the exchange → three students fetch and submit (alice under an account
of her own, as on a course server) → collect → grade into the gradebook → manual scores and an
override with `autograder manual-score` → feedback through the exchange → export; every number
of the final CSV is checked.
"""

import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.nbgrader.gradebook import nbgrader_settings
from autograder.nbgrader.run import nbgrader_env
from tests.conftest import A01, REPO

EXAMPLES = REPO / "examples" / A01
COURSE_ID = "dl-th-koeln"
STUDENTS = {"alice": "perfect", "bob": "partly_wrong", "carol": "perfect"}  # carol is late
ANSWERS = {  # bob leaves the free-text cell as released
    "alice": "XOR ist nicht linear separierbar; ein Neuron trennt nur mit einer Geraden.",
    "carol": "Weil XOR nicht linear trennbar ist.",
}
NOBODY = 65534  # alice's own account: she fetches her feedback as a user other than the grader's
FREE_TEXT = "vorabfrage_xor"


def run(*args, cwd, check=True, uid=None):
    env = nbgrader_env()
    if uid is not None:  # a separate account, with its own home (HOME is the cwd)
        args = ("setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", *args)
        env = {**env, "HOME": str(cwd)}
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env, timeout=900)
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def nbgrader(*args, cwd, user=None, exchange, uid=None):
    """Students are told apart by nbgrader's --student; alice also runs under her own uid."""
    who = [f"--student={user}", f"--Exchange.cache={cwd / '.nbgrader_cache'}"] if user else []
    command = [sys.executable, "-m", "nbgrader", *args, *who, f"--Exchange.root={exchange}"]
    return run(*command, cwd=cwd, uid=uid)


def with_answer(example: str, student: str) -> str:
    notebook = json.loads((EXAMPLES / f"{example}.ipynb").read_text())
    for cell in notebook["cells"]:
        if student in ANSWERS and cell["metadata"].get("nbgrader", {}).get("grade_id") == FREE_TEXT:
            cell["source"] = ANSWERS[student]
    return json.dumps(notebook)


@pytest.fixture
def shared_tmp():
    """The exchange and the students' homes: reachable by other uids (pytest's tmp_path is not)."""
    with tempfile.TemporaryDirectory(prefix="ag-workflow-", dir="/tmp") as folder:
        os.chmod(folder, 0o755)
        yield Path(folder)


def autograder(*args, cwd):
    return run(sys.executable, "-m", "autograder", *args, cwd=cwd)


def csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open() as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def set_duedate(when: datetime, course: Path, exchange: Path) -> None:
    stamp = f"--duedate={when:%Y-%m-%d %H:%M:%S} UTC"
    nbgrader("db", "assignment", "add", A01, stamp, cwd=course, exchange=exchange)


@pytest.mark.slow
def test_instructor_workflow_through_the_exchange(tmp_path, shared_tmp):
    course, exchange = tmp_path / "course", shared_tmp / "exchange"
    exchange.mkdir(mode=0o777)
    exchange.chmod(0o777)
    autograder("course", "init", str(course), "--term", "WS26", cwd=REPO)
    with (course / "nbgrader_config.py").open("a") as config:
        config.write(
            f'\nc.Exchange.root = "{exchange}"\nc.LateSubmissionPlugin.penalty_method = "zero"\n'
        )
    set_duedate(datetime.now(UTC) + timedelta(days=1), course, exchange)
    autograder("release", A01, "--publish", "--course", str(course), cwd=course)
    for student, example in STUDENTS.items():
        if student == "carol":  # the deadline passes after bob's and before carol's submission
            time.sleep(1.1)
            set_duedate(datetime.now(UTC), course, exchange)
            time.sleep(1.1)
        home = shared_tmp / "home" / student
        home.mkdir(parents=True)
        uid = NOBODY if student == "alice" else None
        if uid is not None:
            os.chown(home, uid, uid)
        as_student = {"cwd": home, "user": student, "exchange": exchange, "uid": uid}
        nbgrader("fetch_assignment", A01, f"--course={COURSE_ID}", **as_student)
        notebook = home / A01 / f"{A01}.ipynb"
        notebook.write_text(with_answer(example, student))
        if uid is not None:
            os.chown(notebook, uid, uid)
        nbgrader("submit", A01, f"--course={COURSE_ID}", **as_student)

    collected = autograder("collect", A01, "--exchange", "--course", str(course), cwd=course)
    assert "3 Abgabe(n) übernommen" in collected.stdout, collected.stdout
    assert "accepted" not in collected.stdout  # one language: German by default
    reports = course / "reports" / A01
    autograder(
        "grade",
        A01,
        str(course / "submitted"),
        "--course",
        str(course),
        "--out",
        str(reports),
        "--gradebook",
        "--jobs",
        "1",
        "-q",
        cwd=course,
    )
    results = {
        s["student_id"]: s
        for s in json.loads((reports / "results.json").read_text())["submissions"]
    }
    assert results["alice"]["score"] == results["alice"]["max_score"] == 18
    assert results["bob"]["score"] < 18

    db_url, course_id = nbgrader_settings(course)
    with Gradebook(db_url, course_id) as gb:
        # exchange students have no names: formgrader shows the id, not "None, None"
        assert gb.find_student("alice").last_name == "alice"
        # bob's untouched free text: 0 and closed, as nbgrader's autograde decides
        bob_text = gb.find_grade(FREE_TEXT, A01, A01, "bob")
        assert (bob_text.auto_score, bob_text.needs_manual_grade) == (0, False)
        assert gb.find_submission_notebook(A01, A01, "carol").late_submission_penalty == 18

    # manual grading: free text of alice and of carol (late), an override for bob
    autograder(
        *("manual-score", A01, "alice", FREE_TEXT, "1.5", "--comment", "Gut <begründet>."),
        cwd=course,
    )
    autograder("manual-score", A01, "carol", FREE_TEXT, "1.5", cwd=course)
    autograder("manual-score", A01, "bob", "neuron", "1", cwd=course)  # an override wins
    with Gradebook(db_url, course_id) as gb:  # formgrader lists nobody as still to grade
        for student in STUDENTS:
            assert not gb.find_submission_notebook(A01, A01, student).needs_manual_grade

    delivered = autograder(
        "feedback",
        A01,
        "--results",
        str(reports),
        "--nbgrader",
        "--course",
        str(course),
        cwd=course,
    )
    assert "3 page(s) placed" in delivered.stdout
    nbgrader("release_feedback", A01, cwd=course, exchange=exchange)
    alice_home = shared_tmp / "home" / "alice"
    nbgrader(  # as alice's own account: the page must be readable by her
        "fetch_feedback",
        A01,
        f"--course={COURSE_ID}",
        cwd=alice_home,
        user="alice",
        exchange=exchange,
        uid=NOBODY,
    )
    [page] = (alice_home / A01 / "feedback").glob(f"*/{A01}.html")
    assert page.stat().st_uid == NOBODY
    html = page.read_text()
    # the gradebook's final state: 18 auto + 1.5 manual, the comment (escaped), nothing pending
    assert "Rückmeldung" in html and "19.5 / 20" in html and "1.5 / 2" in html
    assert "Gut &lt;begründet&gt;." in html and "manuell bewertet" not in html.replace(
        "Manuell", ""
    )
    carol = (course / "feedback" / "carol" / A01 / f"{A01}.html").read_text()
    # the penalty takes the final total, manual points included: nothing is left
    assert "Abzug für verspätete Abgabe: −19.5" in carol and "0 / 20" in carol
    bob = (course / "feedback" / "bob" / A01 / f"{A01}.html").read_text()
    assert "noch manuell bewertet" not in bob and "unverändert" in bob  # nothing to grade

    autograder(
        "export", A01, "--course", str(course), "--out", str(tmp_path / "final.csv"), cwd=course
    )
    rows = csv_rows(tmp_path / "final.csv")
    bob_tasks = {t["task_id"]: t for t in results["bob"]["tasks"]}
    bob_auto = sum(t["score"] for t in bob_tasks.values()) - bob_tasks["neuron"]["score"] + 1.0
    expected = {
        "alice": {
            "neuron": "2.00",
            "vorabfrage_xor": "1.50",
            "late_penalty": "0.00",
            "total": "19.50",
            "last_name": "",  # exchange students have no names; the export invents none
        },
        "bob": {
            "neuron": "1.00",
            "vorabfrage_xor": "0.00",
            "late_penalty": "0.00",
            "total": f"{bob_auto:.2f}",
        },
        "carol": {
            "neuron": "2.00",
            "vorabfrage_xor": "1.50",
            "late_penalty": "19.50",
            "total": "0.00",
        },
    }
    for student, values in expected.items():
        row = rows[student]
        assert row["status"] == "submitted" and row["max_total"] == "20.00", row
        for column, value in values.items():
            assert row[column] == value, (student, column, row)
        for task in results[student]["tasks"]:
            if task["kind"] == "auto" and (student, task["task_id"]) != ("bob", "neuron"):
                assert row[task["task_id"]] == f"{task['score']:.2f}", (student, task["task_id"])

    nbgrader("export", "--to", str(tmp_path / "nbgrader.csv"), cwd=course, exchange=exchange)
    with (tmp_path / "nbgrader.csv").open() as handle:
        theirs = {r["student_id"]: r for r in csv.DictReader(handle) if r["assignment"] == A01}
    for student in STUDENTS:
        assert float(theirs[student]["score"]) == pytest.approx(
            float(rows[student]["total"]), abs=0.01
        )
