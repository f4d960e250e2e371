"""A batch's report files: a submission's own files as soon as it is graded, the rest at the end."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest

from autograder import cli
from autograder.cli import grading
from autograder.notebook.discover import Found
from autograder.reports import files
from autograder.reports.feedback import feedback_name
from autograder.reports.files import ReportWriter
from autograder.results import atomic
from autograder.results.journal import Journal
from autograder.results.model import BatchResult, Figure, Series, SubmissionResult
from tests.conftest import A01, REPO
from tests.reports.test_gradescope import submission


def _batch(*results: SubmissionResult) -> BatchResult:
    return BatchResult(A01, "de", "2026-01-01T00:00:00Z", "fp", list(results))


def _writer(out: Path) -> ReportWriter:
    return ReportWriter(out, A01, "de", "Übung 1")


def _count_pages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    written: list[str] = []
    page = files.write_feedback_page

    def counted(result: SubmissionResult, *args: object, **kwargs: object) -> Path:
        written.append(result.student_id)
        return page(result, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(files, "write_feedback_page", counted)
    return written


def test_a_graded_submission_gets_its_files_at_once_and_not_again_at_the_end(tmp_path, monkeypatch):
    written = _count_pages(monkeypatch)
    alice, bob = submission(), dataclasses.replace(submission(), student_id="bob")
    writer = _writer(tmp_path)
    writer.submission(alice)
    assert (tmp_path / "feedback" / feedback_name("alice")).is_file()
    assert json.loads((tmp_path / "gradescope" / "alice.json").read_text())["score"] == 3.5
    assert not (tmp_path / "results.json").exists()  # the batch's files wait for its end
    paths = writer.finish(_batch(alice, bob))
    assert written == ["alice", "bob"]  # bob's page at the end, alice's not twice
    assert (tmp_path / "feedback" / feedback_name("bob")).is_file()
    assert (tmp_path / "gradescope" / "bob.json").is_file()
    assert paths[0] == tmp_path / "results.json" and (tmp_path / "grades.csv").is_file()
    assert "Übung 1" in (tmp_path / "feedback" / feedback_name("bob")).read_text()


def _scored(points: float) -> SubmissionResult:
    return dataclasses.replace(submission(), score=points)


def test_a_student_id_that_occurs_twice_keeps_the_last_one_in_batch_order(tmp_path):
    first, second = _scored(0.0), _scored(1.0)
    writer = _writer(tmp_path)
    writer.submission(second)  # graded first, but last in the batch
    writer.submission(first)
    writer.finish(_batch(first, second))
    assert json.loads((tmp_path / "gradescope" / "alice.json").read_text())["score"] == 1.0


def test_an_exams_writer_writes_no_feedback_pages(tmp_path):
    writer = ReportWriter(tmp_path, A01, "de", feedback_pages=False)
    paths = writer.finish(_batch(submission()))
    assert not (tmp_path / "feedback").exists() and tmp_path / "feedback" not in paths
    assert (tmp_path / "gradescope" / "alice.json").is_file()


def test_grade_writes_each_page_while_the_batch_is_still_grading(tmp_path, monkeypatch):
    """``autograder grade`` hands every result to the writer the moment it arrives."""
    seen: list[bool] = []
    graded = submission()

    def fake_grade_batch(assignment, found, options, progress, jobs, journal, prove):
        if prove is not None:
            prove()  # the sandbox's check, as the real batch runs it before the first result
        progress(found[0], graded, False)
        seen.append((tmp_path / "feedback" / feedback_name("alice")).is_file())
        seen.append((tmp_path / "gradescope" / "alice.json").is_file())
        return _batch(graded)

    monkeypatch.setattr(grading, "grade_batch", fake_grade_batch)
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", "report-writer-test")
    stub = REPO / "examples" / A01 / "stub.ipynb"
    assert cli.main(["grade", A01, str(stub), "--out", str(tmp_path), "-q"]) == 0
    assert seen == [True, True]
    assert (tmp_path / "results.json").is_file()


def test_results_json_is_written_as_asdict_and_json_would_write_it(tmp_path):
    """orjson writes the dataclasses directly: byte for byte what ``json.dumps(asdict(…),
    indent=2, ensure_ascii=False)`` wrote before (umlauts as they are, tiny floats, a figure,
    None), only faster; and the journal's entry reads back as the same result."""
    figure = Figure("Verlust J", "curves", [Series("Ihre", [0.0, 1e-05, 2.5], [0.7, 1e-300, 3.0])])
    task = dataclasses.replace(submission().tasks[2], figures=[figure], label="Aufgabe 2 – ä")
    alice = dataclasses.replace(submission(), tasks=[task], duration_s=0.123456789)
    batch = _batch(alice, dataclasses.replace(alice, student_id="bob", score=1 / 3))
    path = files.write_results_json(batch, tmp_path)
    expected = json.dumps(dataclasses.asdict(batch), indent=2, ensure_ascii=False) + "\n"
    written = path.read_text()
    assert json.loads(written) == json.loads(expected)
    different = [
        (ours, theirs)
        for ours, theirs in zip(written.splitlines(), expected.splitlines(), strict=True)
        if ours != theirs
    ]  # line by line the same, but a number may be spelled otherwise (0.00001 for 1e-05)
    assert all(float(a.strip(" ,")) == float(b.strip(" ,")) for a, b in different)
    journal = Journal(tmp_path / "journal", "context")
    notebook = tmp_path / "alice.ipynb"
    notebook.write_text("{}")
    journal.record(Found("alice", notebook), alice)
    assert journal.lookup(Found("alice", notebook)) == alice


def test_a_non_finite_number_is_written_as_null_not_as_invalid_json(tmp_path):
    atomic.write_json(tmp_path / "x.json", {"loss": float("nan"), "1": float("inf")})
    assert json.loads((tmp_path / "x.json").read_text()) == {"loss": None, "1": None}
