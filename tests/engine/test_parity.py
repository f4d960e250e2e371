"""Grading results equal their recorded snapshot (see ``parity.py``). Each catalogue entry's row
is compared where ``test_catalogues.py`` grades it; here: the set of entries and the examples."""

from __future__ import annotations

import pytest

from autograder.engine.runner import load_catalogue
from tests.engine.parity import RECORDS, check_recorded, entry_key, example_rows, recorded

RECORDED = sorted(p.stem for p in RECORDS.glob("*.json"))


@pytest.mark.parametrize("aid", RECORDED)
def test_the_catalogue_is_the_recorded_one(aid: str) -> None:
    rows = recorded(aid)
    assert rows is not None
    entries = {entry_key(e) for e in load_catalogue(aid).entries}
    assert entries == {k for k in rows if not k.startswith("example/")}


@pytest.mark.slow
@pytest.mark.parametrize("aid", RECORDED)
def test_the_examples_grade_as_recorded(aid: str) -> None:
    current = example_rows(aid)
    rows = recorded(aid)
    assert rows is not None
    assert set(current) == {k for k in rows if k.startswith("example/")}
    for key, value in current.items():
        check_recorded(aid, key, value)
