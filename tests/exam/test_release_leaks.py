"""The exam's release gives nothing away: no key of any student's variant, no grader or
reference line, no secret (the secret part of the variants' salt); the variant table students
get holds texts only, and the table's own leak check refuses a key printed in a question."""

from __future__ import annotations

import dataclasses
import json

import pytest

from autograder.authoring.exam import Exam, key_text
from autograder.authoring.questions import MultiSelect, Numeric, SingleChoice
from autograder.exam.settings import ExamError
from autograder.exam.variants import (
    key_in_text,
    read_roster,
    table_leaks,
    variants_table,
    write_variants,
)
from autograder.release.leakcheck import find_leaks
from tests.conftest import TEST_SEED
from tests.exam.simulate import ASSIGNMENT, E01, EXAM, IDS

RELEASE = ASSIGNMENT.release_dir / f"{E01}.ipynb"


def test_the_release_passes_the_leak_check_with_the_exams_secret():
    assert find_leaks(ASSIGNMENT.release_dir, ASSIGNMENT, secret_seed=TEST_SEED) == []
    assert sorted(p.name for p in ASSIGNMENT.release_dir.iterdir()) == [f"{E01}.ipynb"]


def test_no_students_key_and_no_option_text_is_in_the_release():
    text = RELEASE.read_text()
    assert TEST_SEED not in text and EXAM.salt not in text
    for sid in IDS:
        for qid, variant in EXAM.variants(sid, TEST_SEED).items():
            question = variant.question
            if isinstance(question, Numeric):
                assert not key_in_text(variant, text), (sid, qid)
            elif isinstance(question, SingleChoice | MultiSelect) and qid != "antwort_1":
                for option in question.options:  # option texts come only with the variants
                    assert option.text not in text, (qid, option.text)


def test_the_variant_table_holds_only_the_texts_students_read(tmp_path):
    path = write_variants(EXAM, IDS, TEST_SEED, tmp_path / "varianten.json")
    table = json.loads(path.read_text())
    assert set(table) == {"klausur", "varianten"} and set(table["varianten"]) == set(IDS)
    raw = path.read_text()
    assert TEST_SEED not in raw
    for sid in IDS:
        variants = EXAM.variants(sid, TEST_SEED)
        assert table["varianten"][sid] == {qid: v.text for qid, v in variants.items()}
        assert not any(key_in_text(v, raw) for v in variants.values()), sid


def test_a_key_in_a_question_text_is_refused(tmp_path):
    leaky = Exam.__new__(Exam)
    leaky.__dict__.update(EXAM.__dict__)
    original = EXAM.questions[2]  # antwort_3: a computed cost

    def telling(rng):
        variant = original.make(rng)
        return dataclasses.replace(variant, text=variant.text + f" (Lösung: {key_text(variant)})")

    leaky.questions = (
        *EXAM.questions[:2],
        dataclasses.replace(original, make=telling),
        *EXAM.questions[3:],
    )
    assert table_leaks(leaky, variants_table(leaky, IDS[:3], TEST_SEED), TEST_SEED)
    with pytest.raises(ExamError, match="would leak"):
        write_variants(leaky, IDS[:3], TEST_SEED, tmp_path / "varianten.json")
    assert not (tmp_path / "varianten.json").exists()


def test_rosters(tmp_path):
    plain = tmp_path / "ids.txt"
    plain.write_text("# Klausur\ns1\n\ns2\n")
    assert read_roster(plain) == ["s1", "s2"]
    twice = tmp_path / "twice.txt"
    twice.write_text("s1\ns1\n")
    with pytest.raises(ExamError, match="twice"):
        read_roster(twice)
    no_column = tmp_path / "bad.csv"
    no_column.write_text("name,mail\nA,a@x\n")
    with pytest.raises(ExamError, match="student_id"):
        read_roster(no_column)
