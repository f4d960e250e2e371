"""What `autograder collect` prints and records: one language per table, names or ids."""

import json
import re
import zipfile

from nbgrader.api import Gradebook
from rich.console import Console

from autograder.collect.run import CollectSource, run_collect
from autograder.course import find_course
from autograder.course_init import init_course
from autograder.nbgrader.export import final_rows
from autograder.nbgrader.gradebook import nbgrader_settings, register_assignment
from autograder.reports.summary import print_collect
from tests.conftest import A01

ENGLISH = ("file", "student", "status", "reason", "accepted", "rejected", "report")
GERMAN = ("Datei", "Kennung", "Ergebnis", "Grund", "übernommen", "abgelehnt", "Bericht")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text))


def test_the_table_speaks_one_language(tmp_path, release_notebook):
    course = find_course(init_course(tmp_path / "course"))
    folder = tmp_path / "downloads"
    folder.mkdir()
    (folder / "alice.ipynb").write_text(json.dumps(release_notebook))
    (folder / "bob.ipynb").write_bytes(b"")
    for lang, own, other in (("de", GERMAN, ENGLISH), ("en", ENGLISH, GERMAN)):
        report = run_collect(course.assignment(A01), CollectSource(folder=folder), lang)
        console = Console(record=True, width=200)
        print_collect(report, lang, console)
        shown = words(console.export_text())
        assert set(own) <= shown, (lang, shown)
        assert not set(other) & shown, (lang, set(other) & shown)


def test_names_come_from_the_source_else_the_id(tmp_path, release_notebook):
    course = find_course(init_course(tmp_path / "course"))
    assignment = course.assignment(A01)
    register_assignment(assignment)
    with Gradebook(*nbgrader_settings(course.root)) as gb:  # a roster imported earlier
        gb.update_or_create_student("kept", first_name="Karla", last_name="Kunz")
    upload, good = tmp_path / "ilias.zip", json.dumps(release_notebook)
    with zipfile.ZipFile(upload, "w") as archive:
        archive.writestr("Abgaben/Schmidt_Anna_aschmidt_123/a01.ipynb", good)
    run_collect(assignment, CollectSource(zip_path=upload, zip_format="ilias"))
    folder = tmp_path / "downloads"
    folder.mkdir()
    for student in ("alice", "kept"):
        (folder / f"{student}.ipynb").write_text(good)
    run_collect(assignment, CollectSource(folder=folder))
    with Gradebook(*nbgrader_settings(course.root)) as gb:
        names = {s.id: (s.last_name, s.first_name) for s in gb.students}
    # formgrader shows "last, first": never "None, None"
    assert names == {
        "aschmidt": ("Schmidt", "Anna"),
        "alice": ("alice", ""),
        "kept": ("Kunz", "Karla"),
    }
    exported = {r.student_id: (r.last_name, r.first_name) for r in final_rows(assignment)}
    assert exported["alice"] == ("", "")  # the export invents no name
    assert exported["aschmidt"] == ("Schmidt", "Anna")
