"""Results of grading: per test, per task, per submission, per batch (schema in docs/results-schema.md)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1

TASK_STATUSES = ("passed", "partial", "failed", "error", "manual")
SUBMISSION_STATUSES = ("graded", "error")


@dataclass
class Series:
    label: str
    x: list[float]
    y: list[float]


@dataclass
class Figure:
    """One plot: ``kind`` is ``curves`` (y over x) or ``trajectories`` (paths in the plane)."""

    title: str
    kind: str
    series: list[Series]
    xlabel: str = ""
    ylabel: str = ""
    yscale: str = "linear"  # "log" for a deviation that spans orders of magnitude


def figure_from_dict(data: dict[str, Any]) -> Figure:
    return Figure(**{**data, "series": [Series(**s) for s in data["series"]]})


@dataclass
class TestOutcome:
    """One hidden test (instructors see these; students see only the task's feedback)."""

    __test__ = False  # not a pytest test class, despite its name

    name: str
    weight: float
    passed: bool
    message: str = ""


@dataclass
class Diagnosis:
    """The catalogued mistake the student's results reproduce."""

    key: str
    name: str


@dataclass
class TaskResult:
    task_id: str
    kind: str  # "auto" | "manual"
    score: float
    max_score: float
    status: str
    feedback: str
    diagnosis: Diagnosis | None = None
    tests: list[TestOutcome] = field(default_factory=list)
    needs_review: bool = False
    figures: list[Figure] = field(default_factory=list)  # shown in the feedback page
    answer: list[str] | None = None  # a quiz answer's chosen options (item analysis)
    label: str = ""  # what the notebook calls it: "Aufgabe 3 – `perceptron_train`", "Frage 1"
    question: bool = False  # a quiz question (graded against a key, not with inputs)
    response: str = ""  # an exam answer as given, in the exam's canonical form (collusion)


@dataclass
class SubmissionResult:
    student_id: str
    file: str
    status: str
    score: float
    max_score: float
    tasks: list[TaskResult] = field(default_factory=list)
    error: str = ""
    notes: list[str] = field(default_factory=list)
    sandbox: str = "bubblewrap"
    duration_s: float = 0.0

    def task(self, task_id: str) -> TaskResult:
        return next(t for t in self.tasks if t.task_id == task_id)


@dataclass
class BatchResult:
    assignment: str
    lang: str
    generated_at: str
    secret_fingerprint: str
    submissions: list[SubmissionResult] = field(default_factory=list)
    schema_version: int = SCHEMA_VERSION
    title: str = ""  # the notebook's title ("Übung 1: Das Perzeptron und das XOR-Problem")


def round_points(value: float) -> float:
    """Points are reported with two decimals everywhere (JSON, CSV, tables)."""
    return round(value + 0.0, 2)


def submission_from_dict(data: dict[str, Any]) -> SubmissionResult:
    """Rebuild a SubmissionResult written by ``asdict`` (e.g. from the batch journal)."""
    tasks = []
    for task in data["tasks"]:
        diagnosis = Diagnosis(**task["diagnosis"]) if task.get("diagnosis") else None
        tests = [TestOutcome(**t) for t in task.get("tests", [])]
        figures = [figure_from_dict(f) for f in task.get("figures", [])]
        tasks.append(
            TaskResult(**{**task, "diagnosis": diagnosis, "tests": tests, "figures": figures})
        )
    return SubmissionResult(**{**data, "tasks": tasks})


def batch_from_dict(data: dict[str, Any]) -> BatchResult:
    """Rebuild a BatchResult from ``results.json``; refuses another schema version."""
    if data.get("schema_version") != SCHEMA_VERSION:
        raise ValueError(
            f"results.json has schema version {data.get('schema_version')!r}, "
            f"this autograder reads {SCHEMA_VERSION}"
        )
    submissions = [submission_from_dict(s) for s in data["submissions"]]
    return BatchResult(**{**data, "submissions": submissions})


class ResultsFileError(ValueError):
    """A folder without a usable ``results.json`` of the expected assignment (a usage error)."""


def read_results(folder: Path, assignment: str) -> BatchResult:
    """The batch ``autograder grade --out folder`` wrote for ``assignment``."""
    path = folder / "results.json"
    try:
        batch = batch_from_dict(json.loads(path.read_text()))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ResultsFileError(
            f"{path}: not a results file of `autograder grade` ({exc})"
        ) from None
    if batch.assignment != assignment:
        raise ResultsFileError(f"{path} holds results of {batch.assignment}, not {assignment}")
    return batch
