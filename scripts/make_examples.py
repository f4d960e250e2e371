"""Regenerate the demo's example submissions in examples/<aid>/ from examples/<aid>/plan.toml.

Run after changing a source notebook, its release or its catalogue:
    .venv/bin/python scripts/make_examples.py [aid ...]      (default: every planned assignment)
Each example is the released notebook with some solution cells filled in, like a student's:
perfect (model solutions), partly_wrong (the plan's catalogue mistakes), stub (the release),
hostile (the plan's cases of the hostile corpus, if any) and malformed (a truncated upload).
"""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.course import find_course  # noqa: E402
from autograder.engine.runner import load_catalogue  # noqa: E402
from autograder.notebook.compose import (  # noqa: E402
    fill_solutions,
    read_notebook,
    solution_sources,
    write_notebook,
)
from tests.hostile.corpus import load_corpus  # noqa: E402

EXAMPLES = REPO / "examples"


def make_examples(aid: str) -> None:
    out = EXAMPLES / aid
    plan = tomllib.loads((out / "plan.toml").read_text())
    assignment = find_course(REPO).assignment(aid)
    release = read_notebook(assignment.release_dir / f"{aid}.ipynb")
    model = solution_sources(read_notebook(assignment.source_notebook))
    catalogue = load_catalogue(aid)
    write_notebook(fill_solutions(release, model), out / "perfect.ipynb")
    wrong = {
        task: next(e.source for e in catalogue.mistakes(task) if e.key == key)
        for task, key in plan.get("partly_wrong", {}).items()
    }
    write_notebook(fill_solutions(release, {**model, **wrong}), out / "partly_wrong.ipynb")
    write_notebook(release, out / "stub.ipynb")
    cases = plan.get("hostile", {}).get("cases", [])
    if cases:
        hostile = {case.task: case.source for case in load_corpus() if case.key in cases}
        write_notebook(fill_solutions(release, hostile), out / "hostile.ipynb")
    text = (out / "perfect.ipynb").read_text()
    (out / "malformed.ipynb").write_text(text[: len(text) // 2])  # a truncated upload
    print(f"wrote the examples to {out}")


def main(aids: list[str]) -> None:
    for aid in aids or sorted(p.parent.name for p in EXAMPLES.glob("*/plan.toml")):
        make_examples(aid)


if __name__ == "__main__":
    main(sys.argv[1:])
