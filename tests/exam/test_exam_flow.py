"""An exam end to end through the command line and the sandbox: the variant table for the
release, grading by the id a submission came from, the time window, pages withheld until
``autograder exam publish``, the Einsicht, and the instructors' reports."""

from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

import pytest

from autograder import cli
from autograder.authoring.exam import key_text
from autograder.exam.pages import shown_answer
from autograder.reports.feedback import feedback_name
from tests.conftest import REPO, TEST_SEED
from tests.exam.simulate import E01, EXAM, IDS, answers, cohort, write_submission

STUDENTS = IDS[:6]
ON_TIME = dt.datetime(2027, 2, 1, 10, 50, tzinfo=dt.timezone(dt.timedelta(hours=1)))
LATE = ON_TIME + dt.timedelta(minutes=15)
PERFECT, COPIER, LATE_ONE, NO_STAMP = STUDENTS[0], STUDENTS[-1], STUDENTS[2], STUDENTS[3]


def run(*args: str) -> int:
    return cli.main([*args, "--course", str(REPO)])


@pytest.fixture(scope="module")
def graded(tmp_path_factory) -> Path:
    """Six students: the first answers everything right, the last hands in the first one's
    notebook (its answers are the first one's keys), one is late, one has no timestamp."""
    root = tmp_path_factory.mktemp("exam")
    mp = pytest.MonkeyPatch()
    mp.setenv("AUTOGRADER_SECRET_SEED", TEST_SEED)
    import numpy as np

    sources = cohort(STUDENTS, TEST_SEED, seed=5).sources
    sources[PERFECT] = answers(PERFECT, TEST_SEED, 1.0, np.random.default_rng(0))
    sources[COPIER] = dict(sources[PERFECT])
    for sid in STUDENTS:
        stamp = None if sid == NO_STAMP else LATE if sid == LATE_ONE else ON_TIME
        typed = PERFECT if sid == COPIER else sid  # the copier kept the other's Matrikelnummer
        write_submission(root / "submitted", sid, sources[sid], stamp, typed)
    out = root / "graded"
    assert run("grade", E01, str(root / "submitted"), "--out", str(out), "--jobs", "1", "-q") == 0
    yield out
    mp.undo()


def results(out: Path) -> dict[str, dict]:
    data = json.loads((out / "results.json").read_text())
    return {s["student_id"]: s for s in data["submissions"]}


def tasks(submission: dict) -> dict[str, dict]:
    return {t["task_id"]: t for t in submission["tasks"]}


@pytest.mark.slow
def test_graded_by_the_id_the_submission_came_from(graded):
    by_id = results(graded)
    assert by_id[PERFECT]["score"] == by_id[PERFECT]["max_score"] == 20
    mine, theirs = EXAM.variants(COPIER, TEST_SEED), EXAM.variants(PERFECT, TEST_SEED)
    copied = tasks(by_id[COPIER])
    for qid, task in copied.items():
        if qid not in mine:
            continue
        if key_text(mine[qid]) != key_text(theirs[qid]) or mine[qid].params != theirs[qid].params:
            assert task["score"] < task["max_score"], qid  # the other id's keys cost points here
        else:
            assert task["score"] == task["max_score"], qid
    assert by_id[COPIER]["score"] < 20
    assert any(f"Kennung '{PERFECT}' eingetragen" in note for note in by_id[COPIER]["notes"])
    assert not any("eingetragen" in note for note in by_id[PERFECT]["notes"])


@pytest.mark.slow
def test_late_submissions_follow_the_rule_and_are_listed(graded):
    by_id = results(graded)
    late = by_id[LATE_ONE]
    assert late["score"] == 0 and any("0 Punkten" in note for note in late["notes"])
    assert any("timestamp.txt" in note for note in by_id[NO_STAMP]["notes"])
    rows = {r["student_id"]: r for r in csv.DictReader((graded / "exam_window.csv").open())}
    assert rows[LATE_ONE]["late"] == "yes" and rows[LATE_ONE]["rule"] == "zero"
    assert rows[PERFECT]["late"] == "" and rows[NO_STAMP]["submitted"] == ""


@pytest.mark.slow
def test_feedback_is_withheld_until_published_then_the_einsicht_shows_everything(graded, capsys):
    page = (graded / "feedback" / feedback_name(PERFECT)).read_text()
    variants = EXAM.variants(PERFECT, TEST_SEED)
    assert "Abgabe eingegangen" in page and "20 / 20" not in page and "Punkte:" not in page
    for variant in variants.values():
        if variant.question is not None:
            assert f"<td>{key_text(variant)}</td>" not in page
    gradescope = json.loads((graded / "gradescope" / f"{PERFECT}.json").read_text())
    assert {t["visibility"] for t in gradescope["tests"]} == {"after_published"}
    assert run("feedback", E01, "--results", str(graded)) == cli.USAGE_ERROR
    assert "exam publish" in " ".join(capsys.readouterr().err.split())

    assert run("exam", "publish", E01, "--results", str(graded)) == 0
    review = (graded / "feedback" / feedback_name(COPIER)).read_text()
    mine = EXAM.variants(COPIER, TEST_SEED)
    copied = tasks(results(graded)[COPIER])
    assert "Einsicht" in review and f"{copied['antwort_3']['score']:g} / 2" in review
    for qid, variant in mine.items():
        if variant.question is not None:
            assert f"<td>{key_text(variant)}</td>" in review, qid
            assert shown_answer(variant, copied[qid]["response"]) in review
    assert "Ihre Aktivierungsfunktion ist aber" in review  # the code task's named mistake
    assert run("feedback", E01, "--results", str(graded)) == 0


@pytest.mark.slow
def test_reports_put_the_copying_pair_on_top(graded, capsys):
    assert run("exam", "reports", E01, "--results", str(graded)) == 0
    assert f"most similar pair: {PERFECT} and {COPIER}" in capsys.readouterr().out
    rows = list(csv.DictReader((graded / "collusion.csv").open()))
    assert (rows[0]["student_a"], rows[0]["student_b"]) == (PERFECT, COPIER)
    assert float(rows[0]["code_similarity"]) == 1.0
    fairness = list(csv.DictReader((graded / "fairness.csv").open()))
    assert {r["question"] for r in fairness} == set(EXAM.ids())
    assert LATE_ONE not in (graded / "fairness.csv").read_text()  # ids are not listed anyway
    assert (graded / "fairness.html").exists() and (graded / "collusion.html").exists()


def test_variant_table_for_the_release_has_texts_only(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", TEST_SEED)
    roster = tmp_path / "roster.csv"
    roster.write_text("student_id,name\n" + "\n".join(f"{s},X" for s in STUDENTS) + "\n")
    target = tmp_path / "varianten.json"
    assert run("exam", "variants", E01, "--students", str(roster), "--out", str(target)) == 0
    table = json.loads(target.read_text())
    assert sorted(table["varianten"]) == sorted(STUDENTS)
    text = target.read_text()
    assert TEST_SEED not in text
    for sid in STUDENTS:
        shown = table["varianten"][sid]
        for qid, variant in EXAM.variants(sid, TEST_SEED).items():
            assert shown[qid] == variant.text  # exactly the text, nothing else
    assert (
        run("exam", "variants", "a01_perceptron_xor", "--students", str(roster)) == cli.USAGE_ERROR
    )
    assert "no exam" in capsys.readouterr().err
