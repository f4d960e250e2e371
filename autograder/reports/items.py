"""Item analysis for instructors: per quiz question, the share of students who chose each option.

Reads the chosen options that quiz tests record on their task results (``TaskResult.answer``:
letters, or for numeric questions ``richtig`` / a misconception key / ``andere``; ``ungültig``
for an unusable answer). A submission that has the question but no recorded answer (no variable,
a broken notebook) counts as ``keine Antwort``. Writes ``items.csv`` and, where matplotlib is
available, ``items.png`` (one bar chart per question).
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from autograder.results.atomic import write_bytes, write_text
from autograder.results.model import BatchResult, SubmissionResult

NO_ANSWER = "keine Antwort"


@dataclass(frozen=True)
class ItemRow:
    """How many of ``students`` chose ``option`` in ``question`` (multiple select: several)."""

    question: str
    option: str
    chosen: int
    students: int

    @property
    def share(self) -> float:
        return self.chosen / self.students if self.students else 0.0


def _quiz_questions(results: list[SubmissionResult]) -> list[str]:
    """Task ids that carry a recorded answer in any submission, in notebook order."""
    order: dict[str, None] = {}
    for result in results:
        for task in result.tasks:
            if task.answer is not None:
                order.setdefault(task.task_id, None)
    return list(order)


def item_rows(
    results: list[SubmissionResult], choices: dict[str, tuple[str, ...]] | None = None
) -> list[ItemRow]:
    """Per question and option: how many students chose it, out of all who had the question.

    ``choices`` (the options each choice question offers) adds a row for every option nobody
    chose: a distractor that attracts no one is worth knowing about too."""
    rows = []
    for question in _quiz_questions(results):
        counts: Counter[str] = Counter(dict.fromkeys((choices or {}).get(question, ()), 0))
        students = 0
        for result in results:
            task = next((t for t in result.tasks if t.task_id == question), None)
            if task is None:
                continue
            students += 1
            counts.update(task.answer if task.answer else [NO_ANSWER])
        rows += [ItemRow(question, option, counts[option], students) for option in sorted(counts)]
    return rows


def items_csv_text(rows: list[ItemRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["question", "option", "chosen", "students", "share"])
    for row in rows:
        writer.writerow([row.question, row.option, row.chosen, row.students, f"{row.share:.3f}"])
    return buffer.getvalue()


def items_png(rows: list[ItemRow]) -> bytes | None:
    """One horizontal bar chart per question (share per option), or None without matplotlib."""
    try:
        from matplotlib.figure import Figure
    except ImportError:
        return None
    questions = list(dict.fromkeys(r.question for r in rows))
    figure = Figure(figsize=(6, 1.0 + 1.4 * len(questions)), layout="constrained")
    for index, question in enumerate(questions, 1):
        mine = [r for r in rows if r.question == question]
        axes = figure.add_subplot(len(questions), 1, index)
        axes.barh([r.option for r in mine], [r.share for r in mine], color="tab:blue")
        axes.set_xlim(0, 1)
        axes.set_title(f"{question} (n = {mine[0].students})", fontsize=9)
        axes.tick_params(labelsize=8)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, metadata={"Software": None})
    return buffer.getvalue()


def write_items(batch: BatchResult, out: Path) -> list[Path]:
    """``items.csv`` (+ ``items.png``) for an assignment with quiz questions; else nothing."""
    from autograder.engine.runner import load_catalogue  # the questions' options

    if not _quiz_questions(batch.submissions):
        return []  # no quiz answers: no catalogue to load, nothing to analyse
    rows = item_rows(batch.submissions, load_catalogue(batch.assignment).choices)
    if not rows:
        return []
    paths = [out / "items.csv"]
    write_text(paths[0], items_csv_text(rows))
    png = items_png(rows)
    if png is not None:
        paths.append(out / "items.png")
        write_bytes(paths[1], png)
    return paths
