"""Per-student variants of e01_probeklausur, judged with the same function the hidden tests use,
over 60 simulated students: every id its own variants, one's own key full marks, another id's
key loses points wherever the keys differ, every misconception named."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from autograder.authoring.exam import Variant, key_source, variant_rng
from autograder.authoring.questions import MultiSelect, Numeric, SingleChoice, grade
from tests.conftest import TEST_SEED
from tests.exam.simulate import ASSIGNMENT, EXAM, IDS

QIDS = [q.qid for q in EXAM.questions]
ALL = {sid: EXAM.variants(sid, TEST_SEED) for sid in IDS}


def answer_of(qid: str, variant: Variant) -> Any:
    namespace: dict[str, Any] = {}
    exec(key_source(qid, variant), namespace)
    return namespace[qid]


def same_key(a: Variant, b: Variant) -> bool:
    """Would the same answer be right for both variants (as a student writes it)?"""
    qa, qb = a.question, b.question
    if isinstance(qa, Numeric) and isinstance(qb, Numeric):
        return qa.close(qb.value, qa.value)
    assert isinstance(qa, SingleChoice | MultiSelect) and isinstance(qb, SingleChoice | MultiSelect)
    return qa.key == qb.key


def test_the_exam_has_at_least_ten_questions_and_a_code_task():
    assert len(EXAM.questions) >= 10 and [c.qid for c in EXAM.code] == ["ableitung"]
    assert list(ASSIGNMENT.spec().task_ids) == [*QIDS, "ableitung"]


@pytest.mark.parametrize("qid", [*QIDS, "ableitung"])
def test_every_question_varies_between_students(qid):
    texts = [ALL[sid][qid].text for sid in IDS]
    distinct = len(set(texts))
    minimum = 4 if qid in ("antwort_1", "antwort_2", "antwort_11", "ableitung") else 30
    assert distinct >= minimum, f"{qid}: only {distinct} variants among {len(IDS)} students"


def test_two_students_never_share_their_whole_exam():
    for a, b in itertools.combinations(IDS, 2):
        differing = [q for q in QIDS if ALL[a][q].text != ALL[b][q].text]
        assert len(differing) >= len(QIDS) // 2, (a, b, differing)


def test_variants_are_deterministic_and_need_the_secret():
    again = EXAM.variants(IDS[0], TEST_SEED)
    assert {q: v.text for q, v in again.items()} == {q: v.text for q, v in ALL[IDS[0]].items()}
    other = EXAM.variants(IDS[0], "another-secret")
    assert sum(other[q].text != ALL[IDS[0]][q].text for q in QIDS) >= len(QIDS) // 2
    first = variant_rng(TEST_SEED, EXAM.salt, EXAM.aid, "antwort_3", IDS[0]).random()
    assert first != variant_rng(TEST_SEED, "other-salt", EXAM.aid, "antwort_3", IDS[0]).random()


@pytest.mark.parametrize("sid", IDS)
def test_own_key_scores_full_marks(sid):
    for qid in QIDS:
        variant = ALL[sid][qid]
        assert variant.question is not None
        assert grade(variant.question, answer_of(qid, variant)).fraction == 1.0, (sid, qid)


def test_answers_under_another_id_lose_points_wherever_the_keys_differ():
    differing_total = 0
    for owner, grader_id in zip(IDS, IDS[1:] + IDS[:1]):
        for qid in QIDS:
            own, theirs = ALL[owner][qid], ALL[grader_id][qid]
            assert theirs.question is not None
            fraction = grade(theirs.question, answer_of(qid, own)).fraction
            if same_key(own, theirs):
                assert fraction == 1.0, (owner, grader_id, qid)
            else:
                differing_total += 1
                assert fraction < 1.0, (owner, grader_id, qid)
    assert differing_total >= 0.7 * len(IDS) * len(QIDS)  # most keys differ between neighbours


@pytest.mark.parametrize("sid", IDS[:20])
def test_every_misconception_loses_points_and_is_named(sid):
    for qid in QIDS:
        question = ALL[sid][qid].question
        if isinstance(question, Numeric):
            assert len(question.wrong) >= 2, (sid, qid)
            for wrong in question.wrong:
                judged = grade(question, wrong.value)
                assert judged.fraction == 0.0 and wrong.misconception.de in judged.feedback.de
        else:
            assert isinstance(question, SingleChoice | MultiSelect)
            named = [o for o in question.options if o.misconception is not None]
            assert len(named) >= 2, (sid, qid)
            for option in named:
                key = {question.key} if isinstance(question, SingleChoice) else set(question.key)
                if option.letter in key:
                    continue
                chosen = (
                    {option.letter} if isinstance(question, SingleChoice) else key | {option.letter}
                )
                judged = grade(question, chosen)
                assert judged.fraction < 1.0 and option.misconception.de in judged.feedback.de


def test_options_are_shuffled_per_student():
    for qid in ("antwort_1", "antwort_2", "antwort_11"):
        keys = {ALL[sid][qid].question.key for sid in IDS}  # type: ignore[union-attr]
        assert len(keys) >= 3, qid  # the right letter moves


def test_numeric_leaves_out_misconceptions_that_coincide_with_the_key():
    from autograder.authoring import Text, numeric

    name = Text("x", "x")
    variant = numeric(
        "q", "", 2.0, "", [("same", 2.0, name), ("half", 1.0, name), ("again", 1.0, name)]
    )
    assert variant.question is not None
    assert [w.key for w in variant.question.wrong] == ["half"]  # type: ignore[union-attr]


def test_shuffled_checks_its_scoring_and_an_exam_needs_a_salt(tmp_path):
    import numpy as np

    from autograder.authoring import Choice, Exam, shuffled

    choices = [Choice("x", "X"), Choice("y", "Y")]
    with pytest.raises(ValueError, match="scoring 'single'"):
        shuffled("q", np.random.default_rng(0), "", choices, frozenset({"x", "y"}), "", "single")
    with pytest.raises(ValueError, match="salt"):
        Exam([], here=tmp_path)
