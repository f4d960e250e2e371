"""The embedded service as students use it, over HTTP against a real `autograder serve` process:
sign-in, uploads, queue, feedback, history, who may see what, and every kind of bad input."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from tests.conftest import A01, REPO
from tests.serve.conftest import (
    CLOSED,
    EXAM,
    EXAMPLES,
    Running,
    ServiceCourse,
    attempt_id,
    upload,
    wait_graded,
)

pytestmark = pytest.mark.slow
A02 = "a02_mlp_backprop"
EMPTY = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def test_partly_wrong_upload_gets_the_named_mistake_and_is_in_the_history(
    service: Running, service_course: ServiceCourse
) -> None:
    anna = service.client("anna")
    public_id = attempt_id(upload(anna, "partly_wrong.ipynb"))
    row = next(u for u in service_course.store.history("anna") if u.public_id == public_id)
    assert row.sha256 and row.size == len((EXAMPLES / "partly_wrong.ipynb").read_bytes())
    assert wait_graded(anna, public_id)["status"] == "graded"
    page = anna.get(f"/versuch/{public_id}").text
    assert "typischen Fehler" in page and "log₁₀ statt natürlichem Logarithmus" in page
    assert "Rückmeldung zu" in page  # the same feedback page as `autograder feedback` writes
    home = anna.get("/").text
    assert public_id in home and "Rückmeldung:" in home and "Punkte" in home


def test_a_student_sees_only_their_own_uploads(
    service: Running, service_course: ServiceCourse
) -> None:
    anna, ben, nobody = service.client("anna"), service.client("ben"), service.client()
    public_id = attempt_id(upload(anna, "perfect.ipynb"))
    wait_graded(anna, public_id)
    status = f"/versuch/{public_id}/status"
    for route in (f"/versuch/{public_id}", status, status + "?warten=25"):
        assert anna.get(route, timeout=5).status_code == 200  # done: answered without waiting
        assert ben.get(route, timeout=5).status_code == 404  # another student's id: as if unknown
        assert nobody.get(route).status_code == 303  # not signed in: to the sign-in page
        guessed = route.replace(public_id, public_id[:-1] + ("A" if public_id[-1] != "A" else "B"))
        assert anna.get(guessed).status_code == 404
        assert anna.get(route.replace(public_id, "1")).status_code == 404  # a row number
    assert public_id not in ben.get("/").text
    stored = len(service_course.store.all_uploads())
    assert upload(nobody, "perfect.ipynb").status_code == 303  # no upload without sign-in
    assert len(service_course.store.all_uploads()) == stored
    assert "Anmelden" in nobody.get("/").text
    wrong = nobody.post("/anmelden", data={"token": "not-a-token"})
    assert wrong.status_code == 401 and "ungültig" in wrong.text
    assert nobody.get("/anmelden/not-a-token").status_code == 401
    for wait in ("abc", "nan", "-1", "1e9", ""):  # any value: an answer, never an error
        assert anna.get(f"{status}?warten={wait}", timeout=5).json()["status"] == "graded"
    ben.post("/abmelden")
    assert ben.get(f"/versuch/{public_id}/status").status_code == 303  # signed out


@pytest.mark.parametrize(
    ("name", "data", "aid", "message"),
    [
        ("notes.txt", b"hello", A01, "keine Notebook-Datei"),
        ("big.ipynb", b"{" + b" " * (2 << 20) + b"}", A01, "zu groß"),
        ("perfect.ipynb", None, "a99_unknown", "gibt es hier nicht"),
        ("perfect.ipynb", None, CLOSED, "nicht zur Abgabe geöffnet"),
        ("broken.ipynb", b'{"cells": [', A01, "nicht angenommen"),
        ("empty.ipynb", json.dumps(EMPTY).encode(), A01, "keine Lösungszelle"),
        ("a02.ipynb", (REPO / "source" / A02 / f"{A02}.ipynb").read_bytes(), A01, "Lösungszelle"),
    ],
)
def test_bad_input_is_stored_as_rejected_with_a_german_message(
    service: Running, service_course: ServiceCourse, name, data, aid, message
) -> None:
    carla = service.client("carla")
    public_id = attempt_id(upload(carla, name, data, aid))
    status = carla.get(f"/versuch/{public_id}/status?warten=25", timeout=5).json()  # no wait
    assert status["status"] == "rejected" and message in status["reason"]
    assert message in carla.get(f"/versuch/{public_id}").text
    row = next(u for u in service_course.store.history("carla") if u.public_id == public_id)
    assert row.status == "rejected"
    assert carla.get("/").status_code == 200  # the service lives on


def test_attempts_are_limited_per_hour_and_exams_give_no_feedback(
    service: Running, service_course: ServiceCourse
) -> None:
    ben = service.client("ben")
    used = service_course.store.attempts_since("ben", A01, datetime(2000, 1, 1, tzinfo=UTC))
    limit = service_course.extra["attempts_per_hour"]
    ids = [attempt_id(upload(ben, "stub.ipynb")) for _ in range(limit - used)]
    refused = ben.get(f"/versuch/{attempt_id(upload(ben, 'stub.ipynb'))}/status").json()
    assert refused["status"] == "rejected" and "höchstens 4 pro Stunde" in refused["reason"]
    assert all(wait_graded(ben, i)["status"] == "graded" for i in ids)
    exam = (service_course.root / "source" / EXAM / f"{EXAM}.ipynb").read_bytes()
    stored = ben.get(f"/versuch/{attempt_id(upload(ben, 'q.ipynb', exam, EXAM))}/status").json()
    assert stored["status"] == "stored" and "keine Rückmeldung" in stored["reason"]
