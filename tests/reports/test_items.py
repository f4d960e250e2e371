"""Item analysis: per quiz question the share of students who chose each option."""

import csv
import io

from autograder.reports.files import write_all
from autograder.reports.items import NO_ANSWER, item_rows, items_csv_text, write_items
from autograder.results.model import BatchResult, SubmissionResult, TaskResult


def task(task_id, answer, kind="auto"):
    return TaskResult(task_id, kind, 0.0, 1.0, "failed", "", answer=answer)


def submission(student, *tasks):
    return SubmissionResult(student, f"{student}.ipynb", "graded", 0.0, 2.0, list(tasks))


SUBMISSIONS = [
    submission("s1", task("antwort_1", ["c"]), task("antwort_3", ["a", "c"]), task("f", None)),
    submission("s2", task("antwort_1", ["a"]), task("antwort_3", ["b"]), task("f", None)),
    submission("s3", task("antwort_1", ["c"]), task("antwort_3", ["a"]), task("f", None)),
    submission("s4", task("antwort_1", None), task("antwort_3", ["ungültig"]), task("f", None)),
]


def shares(rows):
    return {(r.question, r.option): (r.chosen, r.students, r.share) for r in rows}


def test_shares_per_option_count_every_pick_and_missing_answers():
    got = shares(item_rows(SUBMISSIONS))
    assert got[("antwort_1", "c")] == (2, 4, 0.5)
    assert got[("antwort_1", "a")] == (1, 4, 0.25)
    assert got[("antwort_1", NO_ANSWER)] == (1, 4, 0.25)
    # multiple select: one student's {a, c} counts for a and for c
    assert got[("antwort_3", "a")] == (2, 4, 0.5)
    assert got[("antwort_3", "c")] == (1, 4, 0.25)
    assert got[("antwort_3", "ungültig")] == (1, 4, 0.25)
    assert not any(question == "f" for question, _ in got)  # code tasks are no items


def test_items_csv_columns_and_rows():
    rows = list(csv.DictReader(io.StringIO(items_csv_text(item_rows(SUBMISSIONS)))))
    assert list(rows[0]) == ["question", "option", "chosen", "students", "share"]
    assert {
        "question": "antwort_1",
        "option": "c",
        "chosen": "2",
        "students": "4",
        "share": "0.500",
    } in rows
    assert len(rows) == 7


def test_write_all_writes_items_only_for_quizzes(tmp_path):
    quiz = BatchResult("q01_fragen", "de", "2026-01-01T00:00:00Z", "fp", SUBMISSIONS)
    paths = write_all(quiz, tmp_path / "quiz")
    assert tmp_path / "quiz" / "items.csv" in paths
    assert (tmp_path / "quiz" / "items.csv").read_text().startswith("question,option")
    png = tmp_path / "quiz" / "items.png"
    if png in paths:  # matplotlib is optional
        assert png.read_bytes()[:4] == b"\x89PNG"
    code = BatchResult(
        "a01", "de", "2026-01-01T00:00:00Z", "fp", [submission("s", task("f", None))]
    )
    assert write_items(code, tmp_path / "code") == []
    assert not (tmp_path / "code" / "items.csv").exists()


def test_options_nobody_chose_get_a_row_of_their_own():
    got = shares(item_rows(SUBMISSIONS, {"antwort_1": ("a", "b", "c", "d")}))
    assert got[("antwort_1", "b")] == (0, 4, 0.0) and got[("antwort_1", "d")] == (0, 4, 0.0)
    assert got[("antwort_1", "c")] == (2, 4, 0.5)


def test_the_quiz_assignment_knows_its_options():
    from autograder.engine.runner import load_catalogue

    choices = load_catalogue("q01_fragen").choices
    assert choices and all(len(letters) >= 2 for letters in choices.values())
