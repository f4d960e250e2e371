"""Grading results equal their recorded snapshot (see ``parity.py``): a rewrite of an
assignment's graders keeps every score and every diagnosis of its catalogue and examples."""

from __future__ import annotations

import json

import pytest

from tests.grading.parity import RECORDS, snapshot

RECORDED = sorted(p.stem for p in RECORDS.glob("*.json"))


@pytest.mark.slow
@pytest.mark.parametrize("aid", RECORDED)
def test_grading_matches_the_recorded_snapshot(aid: str) -> None:
    recorded = json.loads((RECORDS / f"{aid}.json").read_text())
    current = snapshot(aid)
    assert sorted(current) == sorted(recorded), "catalogue entries or examples changed"
    differing = {
        key: (recorded[key], current[key]) for key in recorded if recorded[key] != current[key]
    }
    assert not differing, differing
