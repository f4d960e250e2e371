"""Gradescope's autograder ``results.json``: one file per submission, shown the way the
instructor configured it.

Format: https://gradescope-autograders.readthedocs.io/en/latest/specs/ (``score``, ``output``,
``output_format``, ``visibility``, ``stdout_visibility``, ``extra_data`` and ``tests[]`` with
``name``, ``number``, ``score``, ``max_score``, ``status``, ``output``, ``output_format``,
``visibility``, ``extra_data``). Each auto-graded task is one Gradescope test.

Configured in ``autograder/graders/<aid>/assignment.toml`` (hidden with the graders)::

    [gradescope]
    visibility = "after_published"   # every task, and the total, until grades are published
    stdout_visibility = "hidden"      # the grader's stdout (never holds a hidden test's output)
    output_format = "md"              # text | md | html | simple_format | ansi

    [gradescope.tasks.neuron]          # overrides for one task
    visibility = "visible"
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from autograder.engine.settings import SettingsError, read_settings_file
from autograder.reports.feedback import code_spans
from autograder.results.model import SubmissionResult, TaskResult, round_points

if TYPE_CHECKING:
    from autograder.course import Assignment

VISIBILITIES = ("visible", "hidden", "after_due_date", "after_published")
OUTPUT_FORMATS = ("text", "md", "html", "simple_format", "ansi")
TASK_KEYS = {"visibility": VISIBILITIES, "output_format": OUTPUT_FORMATS}
TOP_KEYS = {**TASK_KEYS, "stdout_visibility": VISIBILITIES}


@dataclass(frozen=True)
class TestDisplay:
    """How Gradescope shows one task: when students see it, and how its text is formatted."""

    __test__ = False  # not a pytest test class, despite its name

    visibility: str = "visible"
    output_format: str = "text"


@dataclass(frozen=True)
class GradescopeSettings:
    """The ``[gradescope]`` section; the defaults are Gradescope's own (and our old output)."""

    visibility: str = "visible"
    stdout_visibility: str = "hidden"
    output_format: str = "text"
    tasks: Mapping[str, TestDisplay] = field(default_factory=dict)

    def display(self, task_id: str) -> TestDisplay:
        return self.tasks.get(task_id, TestDisplay(self.visibility, self.output_format))


DEFAULT = GradescopeSettings()


def _checked(table: Any, allowed: Mapping[str, tuple[str, ...]], where: str) -> dict[str, str]:
    if not isinstance(table, dict):
        raise SettingsError(f"{where} must be a table")
    for key, value in table.items():
        if key not in allowed:
            raise SettingsError(f"{where}: unknown key {key!r} (known: {', '.join(allowed)})")
        if value not in allowed[key]:
            raise SettingsError(
                f"{where}: {key} = {value!r} is not one of Gradescope's values "
                f"({', '.join(allowed[key])})"
            )
    return dict(table)


def load_gradescope_settings(graders_dir: Path, task_ids: tuple[str, ...]) -> GradescopeSettings:
    """The validated ``[gradescope]`` section of the assignment's ``assignment.toml``."""
    path, data = read_settings_file(graders_dir)
    section = dict(data.get("gradescope", {}))
    tasks = section.pop("tasks", {})
    top = _checked(section, TOP_KEYS, f"{path} [gradescope]")
    if not isinstance(tasks, dict):
        raise SettingsError(f"{path} [gradescope.tasks] must be a table of tasks")
    default = TestDisplay(
        top.get("visibility", DEFAULT.visibility), top.get("output_format", DEFAULT.output_format)
    )
    displays = {}
    for task_id, table in tasks.items():
        where = f"{path} [gradescope.tasks.{task_id}]"
        if task_id not in task_ids:
            raise SettingsError(f"{where}: not an auto-graded task of this assignment")
        displays[task_id] = dataclasses.replace(default, **_checked(table, TASK_KEYS, where))
    stdout = top.get("stdout_visibility", DEFAULT.stdout_visibility)
    return GradescopeSettings(default.visibility, stdout, default.output_format, displays)


def assignment_gradescope(assignment: Assignment) -> GradescopeSettings:
    return load_gradescope_settings(assignment.graders_dir, assignment.spec().task_ids)


def formatted(text: str, output_format: str) -> str:
    """Our plain feedback text (with Markdown code spans) in a Gradescope output format.

    For ``html`` every character is escaped first (``code_spans``, as on the feedback pages): a student's exception message is text the
    student controls."""
    if output_format != "html":
        return text
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    return "".join("<p>" + str(code_spans(p)).replace("\n", "<br>") + "</p>" for p in paragraphs)


def _test(task: TaskResult, number: int, display: TestDisplay) -> dict[str, Any]:
    return {
        "name": task.task_id,
        "number": str(number),
        "score": round_points(task.score),
        "max_score": task.max_score,
        "status": "passed" if task.status == "passed" else "failed",
        "output": formatted(task.feedback, display.output_format),
        "output_format": display.output_format,
        "visibility": display.visibility,
        "extra_data": {
            "status": task.status,
            "diagnosis": task.diagnosis.key if task.diagnosis else None,
            "needs_review": task.needs_review,
        },
    }


def gradescope_result(
    result: SubmissionResult, settings: GradescopeSettings = DEFAULT
) -> dict[str, Any]:
    """Gradescope's ``results.json`` for one submission (auto-graded tasks only)."""
    tests = [
        _test(task, number, settings.display(task.task_id))
        for number, task in enumerate(result.tasks, 1)
        if task.kind == "auto"
    ]
    output = "\n\n".join(part for part in (result.error, *result.notes) if part)
    return {
        "score": round_points(result.score),
        "output": formatted(output, settings.output_format),
        "output_format": settings.output_format,
        "visibility": settings.visibility,
        "stdout_visibility": settings.stdout_visibility,
        "extra_data": {
            "student_id": result.student_id,
            "status": result.status,
            "sandbox": result.sandbox,
        },
        "tests": tests,
    }
