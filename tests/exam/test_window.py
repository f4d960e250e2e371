"""The exam's time window with nbgrader's timestamps: on time, late (zero or accepted, with a
note), early (refused), a student's extension, a missing timestamp."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from autograder.exam.run import late_zeroed, window_csv
from autograder.exam.settings import ExamError, ExamSettings, exam_settings
from autograder.exam.window import apply_window
from autograder.results.model import BatchResult, SubmissionResult, TaskResult
from tests.exam.simulate import ASSIGNMENT

CET = dt.timezone(dt.timedelta(hours=1))
SETTINGS = ExamSettings(
    "salt",
    60,
    dt.datetime(2027, 2, 1, 10, tzinfo=CET),
    dt.datetime(2027, 2, 1, 11, tzinfo=CET),
    "zero",
    {"extra": 15},
)


def submission(tmp_path, student: str, minute: int | None) -> SubmissionResult:
    folder = tmp_path / student / "e01_probeklausur"
    folder.mkdir(parents=True)
    if minute is not None:  # nbgrader writes UTC: 11:00 CET is 10:00 UTC
        stamp = dt.datetime(2027, 2, 1, 9, 0) + dt.timedelta(minutes=minute)
        (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f UTC"))
    tasks = [TaskResult("antwort_1", "auto", 1.0, 1.0, "passed", "Richtig.")]
    return SubmissionResult(
        student, str(folder / "e01_probeklausur.ipynb"), "graded", 1.0, 1.0, tasks
    )


def batch(tmp_path, **minutes: int | None) -> BatchResult:
    subs = [submission(tmp_path, sid, m) for sid, m in minutes.items()]
    return BatchResult("e01_probeklausur", "de", "2027-02-01T12:00:00Z", "fp", subs)


def test_on_time_and_late_by_the_zero_rule(tmp_path):
    graded = batch(tmp_path, punkt=60, frueh=30, spaet=61)
    timings = {t.student_id: t for t in apply_window(graded, SETTINGS)}
    assert not timings["punkt"].late and not timings["frueh"].late and timings["spaet"].late
    on_time, early, late = graded.submissions
    assert on_time.score == early.score == 1.0 and not on_time.notes
    assert late.score == 0.0 and late.tasks[0].score == 0.0
    assert "1.0 Minuten nach dem Ende" in late.notes[0] and "0 Punkten" in late.notes[0]


def test_late_accepted_keeps_the_points_with_a_note(tmp_path):
    graded = batch(tmp_path, spaet=70)
    apply_window(graded, dataclasses.replace(SETTINGS, late="accept"))
    late = graded.submissions[0]
    assert late.score == 1.0 and "angenommen und bewertet" in late.notes[0]


def test_an_extension_moves_the_deadline_for_that_student_only(tmp_path):
    graded = batch(tmp_path, extra=74, other=74)
    apply_window(graded, SETTINGS)
    extra, other = graded.submissions
    assert extra.score == 1.0 and not extra.notes
    assert other.score == 0.0


def test_before_the_start_is_refused_with_a_note(tmp_path):
    graded = batch(tmp_path, frueh=-5, beginn=0)
    timings = {t.student_id: t for t in apply_window(graded, SETTINGS)}
    assert timings["frueh"].early and not timings["frueh"].late
    assert not timings["beginn"].early  # at the start exactly is on time
    early, at_start = graded.submissions
    assert early.score == 0.0 and early.tasks[0].score == 0.0
    assert early.notes == [
        "Abgabe 5.0 Minuten vor dem Beginn der Bearbeitungszeit (01.02.2027 10:00:00): vor "
        "Beginn der Klausur wird keine Abgabe angenommen; mit 0 Punkten bewertet."
    ]
    assert at_start.score == 1.0 and not at_start.notes


def test_early_is_refused_whatever_the_late_rule(tmp_path):
    graded = batch(tmp_path, frueh=-1)
    graded.lang = "en"
    apply_window(graded, dataclasses.replace(SETTINGS, late="accept"))
    assert graded.submissions[0].score == 0.0
    assert "1.0 minutes before the start of the exam" in graded.submissions[0].notes[0]


def test_the_window_csv_lists_early_ones_and_the_fairness_report_leaves_them_out(tmp_path):
    graded = batch(tmp_path, frueh=-5, punkt=60, spaet=61, ohne=None)
    rows = window_csv(apply_window(graded, SETTINGS), SETTINGS).splitlines()
    assert rows[0] == "student_id,submitted,deadline,late,rule,early"
    assert rows[1] == "frueh,2027-02-01T08:55:00+00:00,2027-02-01T11:00:00+01:00,,zero,yes"
    assert rows[2] == "punkt,2027-02-01T10:00:00+00:00,2027-02-01T11:00:00+01:00,,,"
    (tmp_path / "exam_window.csv").write_text("\n".join(rows) + "\n")
    assert late_zeroed(tmp_path) == {"frueh", "spaet"}


def test_a_missing_timestamp_is_noted_not_punished(tmp_path):
    graded = batch(tmp_path, ohne=None)
    apply_window(graded, SETTINGS)
    assert graded.submissions[0].score == 1.0
    assert "timestamp.txt" in graded.submissions[0].notes[0]


def test_english_notes(tmp_path):
    graded = batch(tmp_path, late=65)
    graded.lang = "en"
    apply_window(graded, SETTINGS)
    assert "5.0 minutes after the end" in graded.submissions[0].notes[0]


def test_e01_settings_and_invalid_tables(tmp_path, monkeypatch):
    settings = exam_settings(ASSIGNMENT)
    assert settings is not None and settings.minutes == 60 and settings.late == "zero"
    assert settings.end - settings.start == dt.timedelta(minutes=60)
    broken = tmp_path / "e01_probeklausur"
    broken.mkdir()
    (broken / "assignment.toml").write_text(
        '[exam]\nsalt = "x"\nminutes = 60\nstart = "2027-02-01T10:00:00"\nend = "2027-02-01T11:00:00+01:00"\n'
    )
    with pytest.raises(ExamError, match="needs a UTC offset"):
        exam_settings(dataclasses.replace(ASSIGNMENT, graders_dir=broken))
    (broken / "assignment.toml").write_text(
        '[exam]\nsalt = "x"\nminutes = 90\nstart = "2027-02-01T10:00:00+01:00"\nend = "2027-02-01T11:00:00+01:00"\n'
    )
    with pytest.raises(ExamError, match="shorter than 90 minutes"):
        exam_settings(dataclasses.replace(ASSIGNMENT, graders_dir=broken))
    (broken / "assignment.toml").write_text('[exam]\nsalt = "x"\nminutes = 60\nlate = "half"\n')
    with pytest.raises(ExamError, match="late = 'half'"):
        exam_settings(dataclasses.replace(ASSIGNMENT, graders_dir=broken))
