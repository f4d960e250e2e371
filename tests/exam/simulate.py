"""Simulated exam cohorts for the exam tests: students with their own variants who answer
right (their own key), wrong with a named misconception, or copy from a neighbour."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from autograder.authoring.exam import Exam, Variant, key_source
from autograder.authoring.questions import MultiSelect, Numeric, SingleChoice
from autograder.course import find_course
from autograder.exam.settings import declared_exam
from autograder.notebook.compose import fill_solutions, read_notebook, write_notebook
from tests.conftest import REPO

E01 = "e01_probeklausur"
COURSE = find_course(REPO)
ASSIGNMENT = COURSE.assignment(E01)
EXAM: Exam = declared_exam(ASSIGNMENT)
IDS = [f"s{n:04d}" for n in range(60)]

DERIVATIVES = {
    "sigmoid": "s = 1.0 / (1.0 + np.exp(-z))\n    return s * (1.0 - s)",
    "tanh": "return 1.0 - np.tanh(z) ** 2",
    "relu": "return np.where(z > 0, 1.0, 0.0)",
    "leaky_relu": "return np.where(z > 0, 1.0, 0.01)",
}


def code_source(activation: str, style: int = 0) -> str:
    """A correct ``ableitung`` for ``activation``; ``style`` varies how it is written."""
    body = DERIVATIVES[activation]
    if style % 2:
        body = f"z = np.asarray(z, dtype=float)\n    {body}"
    return f"def ableitung(z):\n    {body}\n"


def wrong_source(qid: str, variant: Variant, rng: np.random.Generator) -> str:
    """A wrong answer: a named misconception where the question has one, else another option
    or a number off by a few percent."""
    question = variant.question
    if isinstance(question, Numeric):
        if question.wrong and rng.random() < 0.7:
            return f"{qid} = {question.wrong[int(rng.integers(len(question.wrong)))].value!r}\n"
        return f"{qid} = {question.value * (1.13 + rng.random()) + 0.37!r}\n"
    assert isinstance(question, SingleChoice | MultiSelect)
    key = {question.key} if isinstance(question, SingleChoice) else set(question.key)
    wrong = sorted({o.letter for o in question.options} - key)
    return f'{qid} = {{"{wrong[int(rng.integers(len(wrong)))]}"}}\n'


def answers(student_id: str, secret: str, skill: float, rng: np.random.Generator) -> dict[str, str]:
    """The solution cells of one simulated student (right with probability ``skill``)."""
    sources = {}
    for qid, variant in EXAM.variants(student_id, secret).items():
        right = rng.random() < skill
        if variant.question is None:
            activation = str(variant.params["aktivierung"])
            sources[qid] = code_source(activation if right else "sigmoid", int(rng.integers(2)))
        else:
            sources[qid] = key_source(qid, variant) if right else wrong_source(qid, variant, rng)
    return sources


@dataclass(frozen=True)
class Cohort:
    sources: dict[str, dict[str, str]]  # student id → solution cells
    copier: str
    source: str  # the student the copier copied from


def cohort(ids: list[str], secret: str, seed: int = 0) -> Cohort:
    """Students of mixed skill; the last one copies every answer of the first."""
    rng = np.random.default_rng(seed)
    sources = {sid: answers(sid, secret, float(rng.uniform(0.35, 0.9)), rng) for sid in ids}
    sources[ids[-1]] = dict(sources[ids[0]])
    return Cohort(sources, ids[-1], ids[0])


def write_submission(
    root: Path,
    student_id: str,
    sources: dict[str, str],
    submitted: dt.datetime | None = None,
    typed_id: str = "",
) -> Path:
    """``root/<student>/e01_probeklausur/e01_probeklausur.ipynb`` as nbgrader collects it, with
    ``typed_id`` entered as MATRIKELNUMMER."""
    release = read_notebook(ASSIGNMENT.release_dir / f"{E01}.ipynb")
    for cell in release.cells:
        cell.source = cell.source.replace('MATRIKELNUMMER = ""', f'MATRIKELNUMMER = "{typed_id}"')
    folder = root / student_id / E01
    path = write_notebook(fill_solutions(release, sources), folder / f"{E01}.ipynb")
    if submitted is not None:
        stamp = submitted.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f UTC")
        (folder / "timestamp.txt").write_text(stamp)
    return path
