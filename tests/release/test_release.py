"""The committed release is nbgrader's output for the current source and leaks nothing."""

import dataclasses
import shutil
from pathlib import Path

import pytest

from autograder.course import find_course
from autograder.release.generate import generate_all_into, out_of_sync
from autograder.release.leakcheck import find_leaks
from tests.conftest import REPO

COURSE = find_course(REPO)


@pytest.mark.parametrize("aid", COURSE.assignment_ids())
def test_committed_release_has_no_hidden_content(aid):
    assignment = COURSE.assignment(aid)
    assert find_leaks(assignment.release_dir, assignment, secret_seed="test-seed-not-secret") == []


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """Every assignment's fresh release, from one nbgrader run (not one per assignment)."""
    assignments = [COURSE.assignment(aid) for aid in COURSE.assignment_ids()]
    return generate_all_into(assignments, tmp_path_factory.mktemp("releases"))


@pytest.mark.slow
@pytest.mark.parametrize("aid", COURSE.assignment_ids())
def test_committed_release_is_in_sync_with_source(aid, generated):
    differing = out_of_sync(COURSE.assignment(aid), generated / aid)
    assert differing == [], f"run `autograder release {aid}` and commit"


@pytest.mark.slow
def test_release_check_generates_one_assignment_on_its_own(a01):
    """`autograder release --check`'s path: nbgrader run for this assignment alone."""
    assert out_of_sync(a01) == []


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


def test_release_all_writes_none_unless_every_release_passes_the_leak_check(tmp_path, monkeypatch):
    """The demo's one nbgrader run for all assignments: a leak in one refuses them all."""
    from autograder.release import generate

    aids = COURSE.assignment_ids()[:2]
    targets = [
        dataclasses.replace(COURSE.assignment(aid), release_dir=tmp_path / "out" / aid)
        for aid in aids
    ]
    leak = {"on": True}

    def one_run(assignments, workdir):  # nbgrader's output: here the committed releases
        for assignment in assignments:
            committed = COURSE.assignment(assignment.aid).release_dir
            shutil.copytree(committed, workdir / "assignments" / assignment.aid)
        if leak["on"]:
            (workdir / "assignments" / aids[1] / "helpers.py").write_text("x = 1\n")
        return workdir / "assignments"

    monkeypatch.setattr(generate, "generate_all_into", one_run)
    monkeypatch.setattr(generate, "sync_kit", lambda notebook: False)  # leave source/ alone
    with pytest.raises(generate.ReleaseError, match=r"helpers\.py"):
        generate.release_all(targets, "test-seed-not-secret")
    assert not (tmp_path / "out").exists()
    leak["on"] = False
    assert generate.release_all(targets, "test-seed-not-secret") == [t.release_dir for t in targets]
    for target in targets:
        assert generate.out_of_sync(target, COURSE.assignment(target.aid).release_dir) == []
