"""Collusion report: pairs of students whose answers agree more than chance explains, given
their variants. A sorted CSV/HTML for instructors, never a penalty.

For every pair and question whose keys differ between the two variants, two events count:

- both answered wrong with the *same* answer (a copied mistake), and
- one student's answer is the *other's key* (copied from the neighbour, wrong for one's own
  variant: the strongest sign, since nobody reaches another variant's key by their own mistake).

Each event weighs ``-ln(share)`` where ``share`` is how many of all students gave that answer to
the question (a rare shared answer says more than a common slip); pairs are sorted by the sum.
``p_value`` is the chance of at least that many events for one pair if events struck pairs at
random (Poisson with the cohort's mean per pair); a pair is *suspicious* below 0.01 divided by
the number of pairs (Bonferroni). Code tasks add the similarity of the two solution cells
measured by copydetect (winnowed k-gram fingerprints, the released stub as boilerplate).
"""

from __future__ import annotations

import io
import itertools
import math
import statistics
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from autograder.authoring.exam import Variant, key_response
from autograder.authoring.questions import Numeric
from autograder.exam.cohort import Sitting
from autograder.exam.tables import csv_text, write_report

ALPHA = 0.01


@dataclass(frozen=True)
class PairRow:
    student_a: str
    student_b: str
    identical_wrong: int
    others_key: int
    score: float
    p_value: float
    suspicious: bool
    code_similarity: float | None
    questions: tuple[str, ...] = field(default_factory=tuple)


def same_answer(variant: Variant, a: str, b: str) -> bool:
    """Two answers agree: equal options, or numbers within the question's tolerance."""
    if not a or not b:
        return False
    if isinstance(variant.question, Numeric):
        return variant.question.close(float(a), float(b))
    return a == b


def _shares(cohort: list[Sitting], qid: str) -> Counter[str]:
    return Counter(s.responses.get(qid, "") for s in cohort)


def _weight(shares: Counter[str], answer: str, total: int) -> float:
    return -math.log(max(shares[answer], 1) / total)


def pair_events(
    a: Sitting, b: Sitting, qids: list[str], shares: dict[str, Counter[str]], total: int
) -> tuple[int, int, float, list[str]]:
    """(identical wrong answers, answers equal to the other's key, weighted score, questions)."""
    identical = others_key = 0
    score = 0.0
    where = []
    for qid in qids:
        va, vb = a.variants[qid], b.variants[qid]
        ka, kb = key_response(va), key_response(vb)
        ra, rb = a.responses.get(qid, ""), b.responses.get(qid, "")
        if same_answer(va, ka, kb):
            continue  # the same key: agreeing answers are expected
        wrong_a, wrong_b = a.fractions.get(qid, 0) < 1, b.fractions.get(qid, 0) < 1
        if wrong_a and wrong_b and same_answer(va, ra, rb):
            identical += 1
            score += _weight(shares[qid], ra, total)
            where.append(qid)
        elif (wrong_b and same_answer(va, ka, rb)) or (wrong_a and same_answer(vb, kb, ra)):
            others_key += 1
            score += _weight(shares[qid], rb if same_answer(va, ka, rb) else ra, total)
            where.append(qid)
    return identical, others_key, score, where


def pair_rows(
    cohort: list[Sitting], qids: list[str], code: dict[tuple[str, str], float] | None = None
) -> list[PairRow]:
    """Every pair, most suspicious first."""
    shares = {qid: _shares(cohort, qid) for qid in qids}
    total = max(len(cohort), 1)
    raw = []
    for a, b in itertools.combinations(sorted(cohort, key=lambda s: s.student_id), 2):
        identical, others_key, score, where = pair_events(a, b, qids, shares, total)
        similarity = (code or {}).get((a.student_id, b.student_id))
        raw.append((a.student_id, b.student_id, identical, others_key, score, similarity, where))
    rate = statistics.fmean(r[2] + r[3] for r in raw) if raw else 0.0
    threshold = ALPHA / max(len(raw), 1)
    rows = []
    for sa, sb, i, k, s, sim, w in raw:
        p = poisson_tail(i + k, rate)
        rows.append(PairRow(sa, sb, i, k, s, p, p < threshold, sim, tuple(w)))
    return sorted(
        rows, key=lambda r: (-r.score, -(r.code_similarity or 0.0), r.student_a, r.student_b)
    )


def poisson_tail(count: int, rate: float) -> float:
    """P(X ≥ count) for X ~ Poisson(rate)."""
    if count <= 0:
        return 1.0
    if rate <= 0:
        return 0.0
    below = sum(math.exp(-rate + i * math.log(rate) - math.lgamma(i + 1)) for i in range(count))
    return max(0.0, 1.0 - below)


def code_similarity(
    sources: dict[str, str], boilerplate: str, k: int = 10
) -> dict[tuple[str, str], float]:
    """copydetect's similarity of every pair's code (the larger of the two overlap shares), with
    the released stub's fingerprints discarded."""
    from copydetect import CodeFingerprint, compare_files

    def fingerprint(code: str, skip: list[int] | None = None) -> CodeFingerprint:
        return CodeFingerprint("cell.py", k, 1, boilerplate=skip, fp=io.StringIO(code))

    stub = list(fingerprint(boilerplate).hashes) if boilerplate.strip() else None
    prints = {sid: fingerprint(code, stub) for sid, code in sources.items() if code.strip()}
    found = {}
    for a, b in itertools.combinations(sorted(prints), 2):
        if len(prints[a].hashes) and len(prints[b].hashes):
            _, (share_a, share_b), _ = compare_files(prints[a], prints[b])
            found[(a, b)] = float(max(share_a, share_b))
    return found


HEADER = [
    "student_a",
    "student_b",
    "identical_wrong",
    "answer_is_others_key",
    "score",
    "p_value",
    "code_similarity",
    "questions",
    "suspicious",
]


def _code(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def collusion_csv(rows: list[PairRow]) -> str:
    return csv_text(
        HEADER,
        (
            [
                r.student_a,
                r.student_b,
                r.identical_wrong,
                r.others_key,
                f"{r.score:.2f}",
                f"{r.p_value:.3g}",
                _code(r.code_similarity),
                " ".join(r.questions),
                "yes" if r.suspicious else "",
            ]
            for r in rows
        ),
    )


def write_collusion(rows: list[PairRow], out: Path, title: str, shown: int = 50) -> list[Path]:
    return write_report(
        out,
        "collusion",
        collusion_csv(rows),
        rows=rows[:shown],
        total=len(rows),
        title=title,
        code=_code,
        alpha=ALPHA,
    )
