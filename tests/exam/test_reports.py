"""Fairness and collusion reports on a simulated cohort of 60 (judged as the hidden tests judge,
without the sandbox): the planted copying pair comes out on top; a harder variant is flagged."""

from __future__ import annotations

from typing import Any

import numpy as np

from autograder.authoring.exam import response
from autograder.authoring.questions import grade
from autograder.exam.cohort import Sitting
from autograder.exam.collusion import code_similarity, collusion_csv, pair_rows, write_collusion
from autograder.exam.fairness import fairness_rows, question_rows, write_fairness
from autograder.results.model import SubmissionResult
from tests.conftest import TEST_SEED
from tests.exam.simulate import EXAM, IDS, Cohort, code_source, cohort

QIDS = [q.qid for q in EXAM.questions]
NOBODY = SubmissionResult("", "", "graded", 0.0, 0.0)


def value(source: str, qid: str) -> Any:
    namespace: dict[str, Any] = {}
    exec(source, namespace)
    return namespace[qid]


def sitting(student_id: str, sources: dict[str, str]) -> Sitting:
    variants = EXAM.variants(student_id, TEST_SEED)
    responses, fractions = {}, {}
    for qid in QIDS:
        question = variants[qid].question
        assert question is not None
        answer = value(sources[qid], qid)
        responses[qid] = response(variants[qid], answer)
        fractions[qid] = grade(question, answer).fraction
    return Sitting(student_id, variants, responses, fractions, NOBODY)


def simulated(seed: int = 0) -> tuple[Cohort, list[Sitting]]:
    planted = cohort(IDS, TEST_SEED, seed)
    return planted, [sitting(sid, planted.sources[sid]) for sid in IDS]


def test_the_planted_pair_tops_the_collusion_report(tmp_path):
    planted, sittings = simulated()
    rows = pair_rows(sittings, QIDS)
    top = rows[0]
    assert {top.student_a, top.student_b} == {planted.source, planted.copier}
    assert top.suspicious and top.others_key + top.identical_wrong >= len(QIDS) // 2
    assert rows[1].score < top.score / 2  # nobody else comes close
    paths = write_collusion(rows, tmp_path, "Probeklausur")
    text = paths[0].read_text()
    assert text.splitlines()[1].startswith(f"{top.student_a},{top.student_b},")
    assert (
        "suspicious" in paths[1].read_text()
        and len(text.splitlines()) == 1 + len(IDS) * (len(IDS) - 1) // 2
    )


def test_the_planted_pair_is_found_in_other_cohorts_too():
    for seed in (1, 2):
        planted, sittings = simulated(seed)
        top = pair_rows(sittings, QIDS)[0]
        assert {top.student_a, top.student_b} == {planted.source, planted.copier}, seed


def test_an_honest_cohort_has_no_suspicious_pair():
    planted, sittings = simulated(3)
    honest = [s for s in sittings if s.student_id != planted.copier]
    rows = pair_rows(honest, QIDS)
    assert not any(r.suspicious for r in rows)
    assert rows[0].others_key + rows[0].identical_wrong <= 3


def test_identical_code_is_most_similar_by_copydetect():
    sources = {
        "a": code_source("tanh") + "# eigene Lösung\n",
        "b": code_source("tanh") + "# eigene Lösung\n",
        "c": "def ableitung(z):\n    t = np.tanh(z)\n    return 1 - t * t\n",
        "d": code_source("relu", 1),
    }
    stub = "def ableitung(z):\n    raise NotImplementedError()\n"
    similarity = code_similarity(sources, stub, k=5)
    assert similarity[("a", "b")] == 1.0
    assert similarity[("a", "b")] > max(v for pair, v in similarity.items() if pair != ("a", "b"))
    rows = pair_rows([], [], similarity)
    assert rows == []  # code similarity only annotates pairs of graded sittings
    assert "code_similarity" in collusion_csv(rows)


def fake_cohort(success: dict[str, float], n: int, rng: np.random.Generator) -> list[Sitting]:
    """Sittings whose antwort_4 score depends only on the variant's label (BCE / MSE)."""
    found = []
    for index in range(n):
        sid = f"f{index:03d}"
        variants = EXAM.variants(sid, TEST_SEED)
        label = variants["antwort_4"].label
        fraction = float(rng.random() < success[label])
        found.append(Sitting(sid, variants, {}, {"antwort_4": fraction}, NOBODY))
    return found


def test_a_harder_variant_is_flagged_and_equal_ones_are_not(tmp_path):
    rng = np.random.default_rng(7)
    unfair = fairness_rows(fake_cohort({"BCE": 0.85, "MSE": 0.35}, 80, rng), ["antwort_4"])
    flags = {r.variant: r.flag for r in unfair}
    assert flags == {"BCE": "easier", "MSE": "harder"}
    mse = next(r for r in unfair if r.variant == "MSE")
    assert mse.ci_low < mse.mean < mse.ci_high and mse.p_value < 0.025
    fair = fairness_rows(fake_cohort({"BCE": 0.6, "MSE": 0.6}, 80, rng), ["antwort_4"])
    assert not any(r.flag for r in fair)
    paths = write_fairness(unfair, tmp_path, "Probeklausur")
    assert "MSE" in paths[0].read_text() and 'class="flag"' in paths[1].read_text()


def test_small_groups_get_an_interval_but_no_flag():
    rows = question_rows("q", {"A": [1.0, 1.0, 1.0], "B": [0.0, 0.0, 0.0]})
    assert [r.flag for r in rows] == ["", ""]
