"""Getting submissions in: LMS zips and folders; every bad file reported and kept aside."""

import csv
import json
import zipfile

import pytest

from autograder.collect.run import CollectSource, run_collect
from autograder.collect.sources import FORMATS, SourceError, claim, custom_format
from autograder.course import find_course
from autograder.course_init import init_course
from tests.conftest import A01


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    return find_course(init_course(tmp_path_factory.mktemp("c") / "course", term="t"))


@pytest.fixture
def assignment(course):
    return course.assignment(A01)


def notebook_bytes(release_notebook, marker: str = "") -> bytes:
    data = json.loads(json.dumps(release_notebook))
    data["metadata"]["marker"] = marker
    return json.dumps(data).encode()


def other_assignment_bytes() -> bytes:
    cell = {
        "cell_type": "code",
        "metadata": {"nbgrader": {"grade_id": "softmax", "solution": True}},
        "source": "def softmax(z): ...",
        "outputs": [],
        "execution_count": None,
    }
    return json.dumps(
        {"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}
    ).encode()


def add(archive: zipfile.ZipFile, name: str, data: bytes, when=(2026, 11, 20, 12, 0, 0)) -> None:
    archive.writestr(zipfile.ZipInfo(name, date_time=when), data)


def rows(report_path):
    with report_path.open() as handle:
        return {(r["origin"], r["status"]): r for r in csv.DictReader(handle)}


def test_moodle_names_give_ids_and_names():
    fields = claim("Anna Maria Schmidt_4711_assignsubmission_file_/a01.ipynb", FORMATS["moodle"])
    assert fields == {"student_id": "4711", "first_name": "Anna Maria", "last_name": "Schmidt"}
    fields = claim("Uebung 1/Abgabe/Schmidt_Anna_aschmidt_123/a01.ipynb", FORMATS["ilias"])
    assert fields == {"student_id": "aschmidt", "first_name": "Anna", "last_name": "Schmidt"}
    assert claim("README.txt", FORMATS["moodle"]) is None


def test_custom_regex_needs_a_student_id_group():
    with pytest.raises(SourceError, match="student_id"):
        custom_format(r"(?P<name>.*)\.ipynb")
    assert claim("sub/ab12.ipynb", custom_format(r"sub/(?P<student_id>\w+)\.ipynb")) == {
        "student_id": "ab12"
    }


def test_moodle_zip_bad_files_are_reported_and_kept_aside(assignment, release_notebook, tmp_path):
    upload = tmp_path / "moodle.zip"
    good = notebook_bytes(release_notebook)
    with zipfile.ZipFile(upload, "w") as archive:
        add(archive, "Alice A_1001_assignsubmission_file_/a01_perceptron_xor.ipynb", good)
        add(
            archive,
            "Bob B_1002_assignsubmission_file_/v1.ipynb",
            notebook_bytes(release_notebook, "old"),
            (2026, 11, 19, 9, 0, 0),
        )
        add(
            archive,
            "Bob B_1002_assignsubmission_file_/v2.ipynb",
            notebook_bytes(release_notebook, "new"),
        )
        add(archive, "Carol C_1003_assignsubmission_file_/a01.ipynb", b"")
        add(archive, "Dave D_1004_assignsubmission_file_/Bericht.pdf", b"%PDF-1.4")
        add(archive, "Eve E_1005_assignsubmission_file_/a02.ipynb", other_assignment_bytes())
        add(archive, "Frank F_1006_assignsubmission_file_/a01.ipynb", good[: len(good) // 2])
        add(archive, "../../etc_1007_assignsubmission_file_/a01.ipynb", good)
        add(archive, "index.html", b"<html>")
    report = run_collect(assignment, CollectSource(zip_path=upload, zip_format="moodle"), "de")
    submitted = assignment.course_root / "submitted"
    assert sorted(v.student_id for v in report.accepted) == ["1001", "1002", "1007"]
    bob = json.loads((submitted / "1002" / A01 / f"{A01}.ipynb").read_text())
    assert bob["metadata"]["marker"] == "new"
    # zip-entry times pick Bob's newest file but are no submission times (unknown time zone,
    # upload or download time): no timestamp.txt, so no late penalty comes from them
    assert not (submitted / "1002" / A01 / "timestamp.txt").exists()
    table = rows(report.report_path)
    assert (
        "ältere Abgabe"
        in table[("Bob B_1002_assignsubmission_file_/v1.ipynb", "superseded")]["reason"]
    )
    assert "leer" in table[("Carol C_1003_assignsubmission_file_/a01.ipynb", "rejected")]["reason"]
    assert (
        "keine Notebook-Datei"
        in table[("Dave D_1004_assignsubmission_file_/Bericht.pdf", "rejected")]["reason"]
    )
    assert (
        "keine Lösungszelle"
        in table[("Eve E_1005_assignsubmission_file_/a02.ipynb", "rejected")]["reason"]
    )
    assert "JSON" in table[("Frank F_1006_assignsubmission_file_/a01.ipynb", "rejected")]["reason"]
    assert ("index.html", "rejected") in table
    assert len(table) == 9  # every file has a row
    rejected = assignment.course_root / "rejected" / A01
    assert len(list(rejected.glob("*.reason.txt"))) == 6
    assert not (assignment.course_root.parent / "etc").exists()  # names never become paths


def test_duplicates_without_a_newest_are_all_rejected(assignment, release_notebook, tmp_path):
    folder = tmp_path / "plain"
    (folder / "x").mkdir(parents=True)
    (folder / "zoe.ipynb").write_bytes(notebook_bytes(release_notebook))
    (folder / "x" / "zoe.ipynb").write_bytes(notebook_bytes(release_notebook))
    import os

    for path in folder.rglob("zoe.ipynb"):
        os.utime(path, (1_700_000_000, 1_700_000_000))
    report = run_collect(assignment, CollectSource(folder=folder), "en")
    assert report.accepted == []
    assert {v.status for v in report.verdicts} == {"rejected"}
    assert all("no unique newest" in v.reason.en for v in report.verdicts)


def test_unusable_ids_are_rejected(assignment, release_notebook, tmp_path):
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "bad id;rm.ipynb").write_bytes(notebook_bytes(release_notebook))
    [verdict] = run_collect(assignment, CollectSource(folder=folder)).verdicts
    assert verdict.status == "rejected" and "Kennung" in verdict.reason.de


def test_not_a_zip_is_a_clear_error(assignment, tmp_path):
    bogus = tmp_path / "x.zip"
    bogus.write_text("no zip")
    with pytest.raises(SourceError, match="not a readable zip"):
        run_collect(assignment, CollectSource(zip_path=bogus))


def test_ilias_zip_gives_logins_and_names(assignment, release_notebook, tmp_path):
    upload = tmp_path / "ilias.zip"
    good = notebook_bytes(release_notebook)
    with zipfile.ZipFile(upload, "w") as archive:
        add(archive, "Übung 1/Abgaben/Schmidt_Anna_aschmidt_123/a01.ipynb", good)
        add(archive, "Übung 1/Abgaben/von der Heide_Max_mvdh/abgabe.ipynb", good)
        add(archive, "Übung 1/Abgaben/Kunz_Karl_kkunz_7/notizen.txt", b"text")
    report = run_collect(assignment, CollectSource(zip_path=upload, zip_format="ilias"), "en")
    accepted = {v.student_id: v.candidate for v in report.accepted}
    assert sorted(accepted) == ["aschmidt", "mvdh"]
    assert (accepted["mvdh"].first_name, accepted["mvdh"].last_name) == ("Max", "von der Heide")
    [rejected] = [v for v in report.verdicts if v.status == "rejected"]
    assert rejected.student_id == "kkunz" and "not a notebook" in rejected.reason.en
    assert (assignment.course_root / "submitted" / "aschmidt" / A01 / f"{A01}.ipynb").exists()


def test_custom_regex_zip_like_nbgrader_zip_collect(assignment, release_notebook, tmp_path):
    upload = tmp_path / "lms.zip"
    with zipfile.ZipFile(upload, "w") as archive:
        add(archive, "abgaben/ab12.ipynb", notebook_bytes(release_notebook))
        add(archive, "abgaben/cd34.ipynb", notebook_bytes(release_notebook))
        add(archive, "liesmich.md", b"# nichts")
    source = CollectSource(zip_path=upload, regex=r"abgaben/(?P<student_id>\w+)\.ipynb")
    report = run_collect(assignment, source, "en")
    assert sorted(v.student_id for v in report.accepted) == ["ab12", "cd34"]
    [rejected] = [v for v in report.verdicts if v.status == "rejected"]
    assert rejected.origin == "liesmich.md"


def test_folder_of_notebooks(assignment, release_notebook, tmp_path):
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "alice.ipynb").write_bytes(notebook_bytes(release_notebook))
    (folder / "bob.ipynb").write_bytes(notebook_bytes(release_notebook))
    (folder / "carol.ipynb").write_bytes(b"")
    report = run_collect(assignment, CollectSource(folder=folder), "en")
    assert sorted(v.student_id for v in report.accepted) == ["alice", "bob"]
    [carol] = [v for v in report.verdicts if v.status == "rejected"]
    assert carol.student_id == "carol" and "empty" in carol.reason.en
    alice = assignment.course_root / "submitted" / "alice" / A01
    assert (alice / f"{A01}.ipynb").exists()
    assert not (alice / "timestamp.txt").exists()  # a file's mtime is no submission time


def test_notebooks_as_saved_by_editors_are_accepted_and_stored_as_utf8(
    assignment, release_notebook, tmp_path
):
    """A BOM, UTF-16 and 30 MiB of plot outputs pass the same rules as in `grade` (issue 22)."""
    import base64
    import os

    import nbformat

    data = json.loads(notebook_bytes(release_notebook))
    text = json.dumps(data, ensure_ascii=False)
    plots = json.loads(text)
    image = base64.b64encode(os.urandom(30 << 20)).decode()
    plots["cells"][1]["outputs"] = [
        {"output_type": "display_data", "data": {"image/png": image}, "metadata": {}}
    ]
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "dora.ipynb").write_bytes(b"\xef\xbb\xbf" + text.encode())
    (folder / "emil.ipynb").write_bytes(text.encode("utf-16"))
    (folder / "frida.ipynb").write_text(json.dumps(plots))
    report = run_collect(assignment, CollectSource(folder=folder), "de")
    assert sorted(v.student_id for v in report.accepted) == ["dora", "emil", "frida"]
    for student in ("dora", "emil"):
        stored = assignment.course_root / "submitted" / student / A01 / f"{A01}.ipynb"
        assert json.loads(stored.read_bytes().decode("utf-8")) == data
        nbformat.read(stored, as_version=4)  # nbgrader's reader takes it
