"""Fairness report: per question and variant kind, the mean score with its 95 % confidence
interval; a variant is flagged when it is significantly harder or easier than the question's
other variants (Welch's z-test, two-sided, Bonferroni-corrected over the question's variants).

Scores are fractions of a task's points (0–1). Submissions scored zero for lateness are left
out (their scores say nothing about a variant). A flag is a hint for the instructor (regrade or
drop the variant), never an automatic change.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from pathlib import Path

from autograder.exam.cohort import Sitting
from autograder.exam.tables import records_csv, write_report

ALPHA = 0.05
MIN_GROUP = 5  # smaller groups get an interval but no flag
Z95 = 1.959964


@dataclass(frozen=True)
class FairnessRow:
    question: str
    variant: str
    students: int
    mean: float
    ci_low: float
    ci_high: float
    others_mean: float
    p_value: float
    flag: str  # "harder" | "easier" | ""


def _interval(values: list[float]) -> tuple[float, float, float]:
    mean = statistics.fmean(values)
    if len(values) < 2:
        return mean, math.nan, math.nan
    half = Z95 * statistics.stdev(values) / math.sqrt(len(values))
    return mean, max(0.0, mean - half), min(1.0, mean + half)


def welch_p(a: list[float], b: list[float]) -> float:
    """Two-sided p-value of the difference of two means (normal approximation)."""
    if len(a) < 2 or len(b) < 2:
        return 1.0
    diff = statistics.fmean(a) - statistics.fmean(b)
    se = math.sqrt(statistics.variance(a) / len(a) + statistics.variance(b) / len(b))
    if se == 0:
        return 1.0 if diff == 0 else 0.0
    return math.erfc(abs(diff) / se / math.sqrt(2))


def question_rows(question: str, groups: dict[str, list[float]]) -> list[FairnessRow]:
    rows = []
    for variant, values in sorted(groups.items()):
        others = [v for name, vs in groups.items() if name != variant for v in vs]
        mean, low, high = _interval(values)
        p = welch_p(values, others)
        significant = (
            len(groups) > 1
            and len(values) >= MIN_GROUP
            and len(others) >= MIN_GROUP
            and p < ALPHA / len(groups)
        )
        others_mean = statistics.fmean(others) if others else math.nan
        flag = ("harder" if mean < others_mean else "easier") if significant else ""
        rows.append(
            FairnessRow(question, variant, len(values), mean, low, high, others_mean, p, flag)
        )
    return rows


def fairness_rows(cohort: list[Sitting], task_ids: list[str]) -> list[FairnessRow]:
    rows = []
    for qid in task_ids:
        groups: dict[str, list[float]] = {}
        for sitting in cohort:
            if qid in sitting.fractions:
                groups.setdefault(sitting.variants[qid].label or "-", []).append(
                    sitting.fractions[qid]
                )
        rows += question_rows(qid, groups)
    return rows


def _fmt(x: float) -> str:
    return "" if math.isnan(x) else f"{x:.3f}"


def fairness_csv(rows: list[FairnessRow]) -> str:
    columns = ("mean", "ci_low", "ci_high", "others_mean")
    formats = {"p_value": "{:.4g}".format, **dict.fromkeys(columns, _fmt)}
    return records_csv(FairnessRow, rows, formats)


def write_fairness(rows: list[FairnessRow], out: Path, title: str) -> list[Path]:
    return write_report(
        out,
        "fairness",
        fairness_csv(rows),
        rows=rows,
        title=title,
        fmt=_fmt,
        alpha=ALPHA,
        min_group=MIN_GROUP,
    )
