"""An audit's reports: ``audit.json``, a rich table for the terminal, an HTML page with diffs."""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Any

from rich.table import Table

from autograder.audit.run import AuditResult, Outcome, TaskAudit
from autograder.results.atomic import write_json

TARGET = 0.95  # the kill rate every task should reach (over non-equivalent mutants)


def _mutant(outcome: Outcome, task: TaskAudit, with_diff: bool) -> dict[str, Any]:
    mutant = outcome.mutant
    row: dict[str, Any] = {
        "key": mutant.key,
        "operator": mutant.operator,
        "line": mutant.line,
        "description": mutant.description,
        "status": outcome.status,
        "score": outcome.score,
        "max_score": outcome.max_score,
    }
    if with_diff:
        row["compared_calls"] = outcome.compared
        row["diff"] = mutant.diff(task.reference)
    return row


def task_summary(task: TaskAudit) -> dict[str, Any]:
    rate = task.kill_rate
    return {
        "generated": task.generated,
        "mutants": len(task.outcomes),
        "killed": task.count("killed"),
        "equivalent": task.count("equivalent"),
        "accepted": task.count("accepted"),
        "survived": task.count("survived"),
        "kill_rate": None if rate is None else round(rate, 4),
        "mutant_list": [_mutant(o, task, o.status != "killed") for o in task.outcomes],
    }


def as_json(result: AuditResult) -> dict[str, Any]:
    run = {name: getattr(result, name) for name in ("duration_s", "jobs", "sample", "seed")}
    return {
        "assignment": result.aid,
        **run,
        "target_kill_rate": TARGET,
        "tasks": {task.task_id: task_summary(task) for task in result.tasks},
    }


def below_target(result: AuditResult) -> list[str]:
    """Tasks whose kill rate over non-equivalent mutants is below the target."""
    return [t.task_id for t in result.tasks if t.kill_rate is not None and t.kill_rate < TARGET]


def table(result: AuditResult) -> Table:
    grid = Table(title=f"Mutation audit of {result.aid} ({result.duration_s:.0f} s)")
    for column in ("task", "mutants", "killed", "equivalent", "accepted", "survived", "kill rate"):
        grid.add_column(column, justify="left" if column == "task" else "right")
    for task in result.tasks:
        rate = task.kill_rate
        shown = "–" if rate is None else f"{rate:.1%}"
        style = "red" if rate is not None and rate < TARGET else ""
        grid.add_row(
            task.task_id,
            str(len(task.outcomes)),
            str(task.count("killed")),
            str(task.count("equivalent")),
            str(task.count("accepted")),
            str(task.count("survived")),
            f"[{style}]{shown}[/]" if style else shown,
        )
    return grid


def _section(task: TaskAudit) -> str:
    rows = []
    for outcome in task.outcomes:
        if outcome.status == "killed":
            continue
        mutant = outcome.mutant
        rows.append(
            f'<details class="{outcome.status}"><summary>{outcome.status}: {mutant.key} — '
            f"line {mutant.line}, {html.escape(mutant.description)}"
            f" ({outcome.compared} fresh calls compared)</summary>"
            f"<pre>{html.escape(mutant.diff(task.reference))}</pre></details>"
        )
    rate = task.kill_rate
    shown = "–" if rate is None else f"{rate:.1%}"
    head = (
        f"<h2>{html.escape(task.task_id)}</h2><p>{len(task.outcomes)} mutants, "
        f"{task.count('killed')} killed, {task.count('equivalent')} equivalent, "
        f"{task.count('accepted')} accepted (open answer), "
        f"{task.count('survived')} survived; kill rate {shown}</p>"
    )
    return head + "".join(rows)


_STYLE = (
    "body{font-family:sans-serif;max-width:60rem;margin:auto}pre{background:#f6f6f6;padding:.5rem}"
    ".survived summary{color:#b00}.equivalent summary,.accepted summary{color:#666}"
)


def page(result: AuditResult) -> str:
    body = "".join(_section(task) for task in result.tasks)
    title = f"Mutation audit of {html.escape(result.aid)}"
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>{title}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{title}</h1>{body}</body></html>"
    )


def write_reports(result: AuditResult, out: Path) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    data, page_path = out / "audit.json", out / "audit.html"
    write_json(data, as_json(result))
    page_path.write_text(page(result))
    return [data, page_path]


def read_audit(path: Path) -> dict[str, Any]:
    result: dict[str, Any] = json.loads(path.read_text())
    return result
