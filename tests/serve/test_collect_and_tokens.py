"""The gradebook side of the service: `autograder collect --service` takes each student's last
upload before the deadline into nbgrader's `submitted/` layout, and `autograder serve tokens`
makes one sign-in link per gradebook student (or named ones), kept unless renewed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from autograder.cli import main
from autograder.nbgrader.roster import gradebook_students
from autograder.serve.config import Window, write_serve_config
from autograder.serve.store import QUEUED, REJECTED, now_utc
from tests.conftest import A01
from tests.serve.conftest import EXAMPLES, make_course

NAMES = ["perfect.ipynb", "partly_wrong.ipynb", "stub.ipynb"]


def links(output: str) -> dict[str, str]:
    return dict(re.findall(r"^(\S+)\thttp://h/anmelden/(\S+)$", output, re.MULTILINE))


@pytest.mark.slow
def test_collect_takes_the_last_upload_before_the_deadline_then_tokens_for_the_gradebook(
    tmp_path, capsys
) -> None:
    course = make_course(tmp_path, students=[])
    assert gradebook_students(course.root) == set()  # no gradebook yet: nobody (the Hub roster)
    store, start = course.store, now_utc() - timedelta(hours=3)
    for hour, name in enumerate(NAMES):
        data = (EXAMPLES / name).read_bytes()
        store.add_upload("anna", A01, name, data, QUEUED, received=start + timedelta(hours=hour))
    store.add_upload("anna", A01, "x.ipynb", b"{", REJECTED, "kaputt", now_utc())
    taken = course.root / "submitted" / "anna" / A01 / f"{A01}.ipynb"

    assert main(["collect", A01, "--service", "--course", str(course.root)]) == 0
    assert taken.read_bytes() == (EXAMPLES / NAMES[2]).read_bytes()  # the last one, not rejected
    write_serve_config(course.root, {A01: Window(start + timedelta(hours=1, minutes=30))})
    assert main(["collect", A01, "--service", "--course", str(course.root)]) == 0
    assert taken.read_bytes() == (EXAMPLES / NAMES[1]).read_bytes()  # the third came too late
    assert (
        (taken.parent / "timestamp.txt")
        .read_text()
        .startswith((start + timedelta(hours=1)).strftime("%Y-%m-%d %H:%M:%S"))
    )
    capsys.readouterr()

    # collect put anna into the gradebook: the Hub sign-in's roster reads her, and
    # `serve tokens` makes her link
    assert gradebook_students(course.root) == {"anna"}
    assert main(["serve", "tokens", "--course", str(course.root), "--url", "http://h/"]) == 0
    first = links(capsys.readouterr().out)
    assert set(first) == {"anna"} and store.student_for(first["anna"]) == "anna"
    assert main(["serve", "tokens", "--course", str(course.root), "--url", "http://h"]) == 0
    assert links(capsys.readouterr().out) == {}  # everyone keeps their token
    args = ["serve", "tokens", "--course", str(course.root), "--url", "http://h", "--renew"]
    assert main(args) == 0
    renewed = links(capsys.readouterr().out)
    assert set(renewed) == {"anna"} and store.student_for(first["anna"]) is None
    assert main([*args, "--student", "dora"]) == 0
    assert set(links(capsys.readouterr().out)) == {"dora"}
    assert main([*args, "--student", "../evil"]) == 2  # an id that is no path, no markup
