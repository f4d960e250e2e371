"""The instructor's whole workflow with real nbgrader, end to end (docs/instructor.md):

course init → release to the exchange → three students fetch and submit → collect → grade into
the gradebook → a manual score and an override through nbgrader's API → feedback through the
exchange → export; every number of the final CSV is checked.
"""

import csv
import json
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from nbgrader.api import Gradebook

from autograder.release.generate import nbgrader_env
from autograder.reports.gradebook import nbgrader_settings
from tests.conftest import A01, REPO

EXAMPLES = REPO / "examples" / A01
COURSE_ID = "dl-th-koeln"
STUDENTS = {"alice": "perfect", "bob": "partly_wrong", "carol": "perfect"}  # carol is late


def run(*args, cwd, check=True):
    done = subprocess.run(
        args, cwd=cwd, capture_output=True, text=True, env=nbgrader_env(), timeout=900
    )
    if check:
        assert done.returncode == 0, done.stdout + done.stderr
    return done


def nbgrader(*args, cwd, user=None, exchange):
    """Students are told apart by nbgrader's --student (one OS user runs the whole test)."""
    who = [f"--student={user}", f"--Exchange.cache={cwd / '.nbgrader_cache'}"] if user else []
    command = [sys.executable, "-m", "nbgrader", *args, *who, f"--Exchange.root={exchange}"]
    return run(*command, cwd=cwd)


def autograder(*args, cwd):
    return run(sys.executable, "-m", "autograder", *args, cwd=cwd)


def csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with path.open() as handle:
        return {row["student_id"]: row for row in csv.DictReader(handle)}


def set_duedate(when: datetime, course: Path, exchange: Path) -> None:
    stamp = f"--duedate={when:%Y-%m-%d %H:%M:%S} UTC"
    nbgrader("db", "assignment", "add", A01, stamp, cwd=course, exchange=exchange)


@pytest.mark.slow
def test_instructor_workflow_through_the_exchange(tmp_path):
    course, exchange = tmp_path / "course", tmp_path / "exchange"
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
        home = tmp_path / "home" / student
        home.mkdir(parents=True)
        nbgrader(
            "fetch_assignment",
            A01,
            f"--course={COURSE_ID}",
            cwd=home,
            user=student,
            exchange=exchange,
        )
        (home / A01 / f"{A01}.ipynb").write_bytes((EXAMPLES / f"{example}.ipynb").read_bytes())
        nbgrader("submit", A01, f"--course={COURSE_ID}", cwd=home, user=student, exchange=exchange)

    collected = autograder("collect", A01, "--exchange", "--course", str(course), cwd=course)
    assert collected.stdout.count("accepted") == 3, collected.stdout
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
    with Gradebook(db_url, course_id) as gb:  # what an instructor does in formgrader
        gb.find_grade("vorabfrage_xor", A01, A01, "alice").manual_score = 1.5
        gb.find_grade("test_neuron", A01, A01, "bob").manual_score = 1.0  # an override wins
        gb.find_comment("vorabfrage_xor", A01, A01, "alice").manual_comment = "Gut <begründet>."
        gb.db.commit()

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
    alice_home = tmp_path / "home" / "alice"
    nbgrader(
        "fetch_feedback",
        A01,
        f"--course={COURSE_ID}",
        cwd=alice_home,
        user="alice",
        exchange=exchange,
    )
    [page] = (alice_home / A01 / "feedback").glob(f"*/{A01}.html")
    html = page.read_text()
    # the gradebook's final state: 18 auto + 1.5 manual, the comment (escaped), nothing pending
    assert "Rückmeldung" in html and "19.5 / 20" in html and "1.5 / 2" in html
    assert "Gut &lt;begründet&gt;." in html and "manuell bewertet" not in html.replace(
        "Manuell", ""
    )
    carol = (course / "feedback" / "carol" / A01 / f"{A01}.html").read_text()
    assert "Abzug für verspätete Abgabe: −18" in carol and "0 / 20" in carol
    bob = (course / "feedback" / "bob" / A01 / f"{A01}.html").read_text()
    assert "noch manuell bewertet" in bob  # his free text has no score yet

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
        },
        "bob": {
            "neuron": "1.00",
            "vorabfrage_xor": "",
            "late_penalty": "0.00",
            "total": f"{bob_auto:.2f}",
        },
        "carol": {"neuron": "2.00", "vorabfrage_xor": "", "late_penalty": "18.00", "total": "0.00"},
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
