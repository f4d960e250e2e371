"""What the source notebook calls things: its title and each task's label, for the feedback.

The notebook's first heading is the assignment's title ("Übung 1: Das Perzeptron und das
XOR-Problem"). A task is labelled by the numbered heading above its solution cell
("## Aufgabe 3: Die Perzeptron-Lernregel (3 Punkte)" → "Aufgabe 3"), or by its own first line
when that is numbered (a free-text cell starting "**Frage 9 (2 Punkte) …**"). A heading that
numbers several tasks ("Aufgabe 4 und 5", "Aufgabe 11–14") gives them its numbers in cell order.
A function task adds its name ("Aufgabe 3 – `perceptron_train`"); a quiz question or a free-text
answer is just "Frage 1". Nothing is kept in a table by hand: renaming a heading renames the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from autograder.i18n import Text

NUMBERED = re.compile(
    r"^(?P<word>Aufgabe|Frage|Vorabfrage)n?\s+(?P<first>\d+)"
    r"(?:\s*(?:und|bis|–|-)\s*(?P<last>\d+))?"
)
ENGLISH = {"Aufgabe": "Task", "Frage": "Question", "Vorabfrage": "Preliminary question"}
POINTS = re.compile(r"\s*\([^()]*(?:Punkt|nicht bewertet)[^()]*\)\s*$")


def _plain(line: str) -> str:
    """A markdown heading or lead line without its ``#``/``*`` markup and points note."""
    text = line.strip().lstrip("#").strip().replace("**", "").strip()
    return POINTS.sub("", text).rstrip(" .:")


def heading_lines(markdown: str) -> list[str]:
    return [_plain(line) for line in markdown.splitlines() if line.lstrip().startswith("#")]


@dataclass
class Heading:
    """The heading tasks are counted under: its number word and range, or its plain text."""

    text: str
    seen: int = 0  # tasks already labelled under it

    def label(self) -> Text:
        match = NUMBERED.match(self.text)
        self.seen += 1
        if match is None:
            return Text(self.text, self.text)
        first, last = int(match["first"]), int(match["last"] or match["first"])
        number = min(first + self.seen - 1, last)
        word = match["word"]
        return Text(f"{word} {number}", f"{ENGLISH[word]} {number}")


def own_label(first_line: str) -> Text | None:
    """The label a cell gives itself in its first line ("**Frage 9 (2 Punkte).**"), if any."""
    return Heading(_plain(first_line)).label() if NUMBERED.match(_plain(first_line)) else None


def task_label(label: Text | None, task_id: str, is_function: bool) -> Text:
    """``Aufgabe 3 – `perceptron_train```, ``Frage 1``; the bare id where nothing is numbered."""
    if label is None:
        return Text(f"`{task_id}`", f"`{task_id}`")
    return label + Text(f" – `{task_id}`", f" – `{task_id}`") if is_function else label


def defines_function(source: str, name: str) -> bool:
    return re.search(rf"^\s*def\s+{re.escape(name)}\s*\(", source, re.MULTILINE) is not None
