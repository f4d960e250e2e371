"""The committed release is nbgrader's output for the current source and leaks nothing."""

import shutil

import pytest

from autograder.course import find_course
from autograder.release.generate import out_of_sync
from autograder.release.leakcheck import find_leaks
from tests.conftest import REPO

COURSE = find_course(REPO)


@pytest.mark.parametrize("aid", COURSE.assignment_ids())
def test_committed_release_has_no_hidden_content(aid):
    assignment = COURSE.assignment(aid)
    assert find_leaks(assignment.release_dir, assignment, secret_seed="test-seed-not-secret") == []


@pytest.mark.slow
@pytest.mark.parametrize("aid", COURSE.assignment_ids())
def test_committed_release_is_in_sync_with_source(aid):
    assert out_of_sync(COURSE.assignment(aid)) == [], f"run `autograder release {aid}` and commit"


def test_leak_check_catches_reference_code_markers_and_stray_files(a01, tmp_path):
    release = tmp_path / "release"
    shutil.copytree(a01.release_dir, release)
    notebook = release / f"{a01.aid}.ipynb"
    reference = a01.reference_path.read_text()
    text = notebook.read_text()
    # paste the reference's body into the first code cell, as a careless author might
    marker = '"source": ['
    index = text.index(marker) + len(marker)
    import json

    injected = json.dumps(reference + "\n### BEGIN SOLUTION\n")[1:-1]
    notebook.write_text(text[:index] + f'"{injected}",' + text[index:])
    shutil.copy(a01.reference_path, release / "helpers.py")
    (release / "secret.txt").write_text("the seed is test-seed-not-secret")

    leaks = find_leaks(release, a01, secret_seed="test-seed-not-secret")
    reasons = " | ".join(f"{leak.file}: {leak.reason}" for leak in leaks)
    assert "helpers.py: file type .py" in reasons
    assert "BEGIN SOLUTION" in reasons
    assert "code of the reference" in reasons
    assert "secret seed" in reasons


def test_leak_check_reads_the_graders_data_files(tmp_path):
    """A quiz's keys live in ``questions.toml``: its lines pasted into a release are a leak."""
    q01 = COURSE.assignment("q01_fragen")
    release = tmp_path / "release"
    shutil.copytree(q01.release_dir, release)
    keys = (q01.graders_dir / "questions.toml").read_text(encoding="utf-8")
    (release / "notes.md").write_text(keys.split("[antwort_2]")[0], encoding="utf-8")
    reasons = [leak.reason for leak in find_leaks(release, q01)]
    assert any("grader questions.toml" in reason for reason in reasons), reasons
