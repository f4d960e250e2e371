"""Regenerate the demo's example submissions in examples/a01_perceptron_xor/.

Run after changing the source notebook or the catalogue:
    .venv/bin/python scripts/make_examples.py
Each example is the released notebook with some solution cells filled in, like a student's.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from autograder.course import find_course  # noqa: E402
from autograder.grading.runner import load_catalogue  # noqa: E402
from autograder.notebook.compose import (  # noqa: E402
    fill_solutions,
    read_notebook,
    solution_sources,
    write_notebook,
)
from tests.hostile.corpus import load_corpus  # noqa: E402

AID = "a01_perceptron_xor"
PARTLY_WRONG = {
    "neuron": "step_strict",
    "bce_sgd_step": "log10",
    "mlp_xor_train": "hidden_derivative_forgotten",
}
HOSTILE = [
    "always_equal_eq",
    "allclose_monkeypatch",
    "fake_passed_os_exit",
    "import_graders_and_solutions",
    "memory_bomb",
    "sockets_and_dns",
]


def main() -> None:
    assignment = find_course(REPO).assignment(AID)
    release = read_notebook(assignment.release_dir / f"{AID}.ipynb")
    model = solution_sources(read_notebook(assignment.source_notebook))
    catalogue = load_catalogue(AID)
    out = REPO / "examples" / AID
    write_notebook(fill_solutions(release, model), out / "perfect.ipynb")
    wrong = {
        task: next(e.source for e in catalogue.mistakes(task) if e.key == key)
        for task, key in PARTLY_WRONG.items()
    }
    write_notebook(fill_solutions(release, {**model, **wrong}), out / "partly_wrong.ipynb")
    write_notebook(release, out / "stub.ipynb")
    hostile = {case.task: case.source for case in load_corpus() if case.key in HOSTILE}
    write_notebook(fill_solutions(release, hostile), out / "hostile.ipynb")
    text = (out / "perfect.ipynb").read_text()
    (out / "malformed.ipynb").write_text(text[: len(text) // 2])  # a truncated upload
    print(f"wrote the examples to {out}")


if __name__ == "__main__":
    main()
