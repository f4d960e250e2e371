"""The hostile corpus: one solution cell per file in ``corpus/``, each stating its verdict.

Header lines of a corpus file::

    # task: <the task whose solution cell the file replaces>
    # verdict: zero          (the attacked task scores 0; every other task keeps full marks)
    # attack: <what it tries>
    # forbid: torch          (optional: the task's worker is numpy-only)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CORPUS_DIR = Path(__file__).parent / "corpus"


@dataclass(frozen=True)
class Hostile:
    key: str
    task: str
    verdict: str
    attack: str
    source: str
    forbid: tuple[str, ...] = ()


def _header(text: str) -> dict[str, str]:
    fields = {}
    for line in text.splitlines():
        if not line.startswith("# ") or ":" not in line:
            break
        name, _, value = line[2:].partition(":")
        fields[name.strip()] = value.strip()
    return fields


def load_corpus() -> list[Hostile]:
    cases = []
    for path in sorted(CORPUS_DIR.glob("*.py")):
        text = path.read_text()
        fields = _header(text)
        forbid = tuple(f for f in fields.get("forbid", "").split(",") if f)
        cases.append(
            Hostile(path.stem, fields["task"], fields["verdict"], fields["attack"], text, forbid)
        )
    return cases
