"""`autograder serve tokens`: one sign-in link per gradebook student (or named ones), each
working once handed out; tokens are kept unless renewed."""

from __future__ import annotations

import os
import re

import pytest
from nbgrader.api import Gradebook

from autograder.cli import main
from autograder.nbgrader.run import nbgrader_env
from autograder.reports.gradebook import nbgrader_settings
from tests.serve.conftest import make_course


def links(output: str) -> dict[str, str]:
    return dict(re.findall(r"^(\S+)\thttp://h/anmelden/(\S+)$", output, re.MULTILINE))


@pytest.mark.slow
def test_tokens_for_the_gradebook_students_and_named_ones(tmp_path, capsys) -> None:
    course = make_course(tmp_path, students=[])
    os.environ["PATH"] = nbgrader_env()["PATH"]
    with Gradebook(*nbgrader_settings(course.root)) as gradebook:
        for student in ("dora", "emil"):
            gradebook.update_or_create_student(student)
    assert main(["serve", "tokens", "--course", str(course.root), "--url", "http://h/"]) == 0
    first = links(capsys.readouterr().out)
    assert set(first) == {"dora", "emil"}
    assert all(course.store.student_for(token) == s for s, token in first.items())

    assert main(["serve", "tokens", "--course", str(course.root), "--url", "http://h"]) == 0
    assert links(capsys.readouterr().out) == {}  # everyone keeps their token
    args = ["serve", "tokens", "--course", str(course.root), "--url", "http://h", "--renew"]
    assert main([*args, "--student", "dora"]) == 0
    renewed = links(capsys.readouterr().out)
    assert set(renewed) == {"dora"} and course.store.student_for(first["dora"]) is None
    assert main([*args, "--student", "../evil"]) == 2  # an id that is no path, no markup
