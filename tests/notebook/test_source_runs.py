"""The source notebook runs top to bottom in a real kernel: every visible check passes, and the
closing ``pruefe_alle()`` prints the table with every task passed."""

import nbformat
import pytest
from nbclient import NotebookClient

from autograder.course import find_course
from autograder.release.kitcell import SUMMARY_CELL_ID
from tests.conftest import A01, REPO

COURSE = find_course(REPO)


def _printed(cell: nbformat.NotebookNode) -> str:
    return "".join(out.get("text", "") for out in cell.get("outputs", []))


@pytest.mark.slow
@pytest.mark.parametrize("aid", COURSE.assignment_ids())
def test_source_notebook_runs_and_visible_checks_pass(aid, tmp_path):
    assignment = COURSE.assignment(aid)
    notebook = nbformat.read(assignment.source_notebook, as_version=4)
    NotebookClient(
        notebook,
        timeout=180,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    printed = "".join(_printed(cell) for cell in notebook.cells if cell.cell_type == "code")
    spec = assignment.spec()
    assert printed.count("✓") >= (15 if aid == A01 else len(spec.tasks))
    assert "✗" not in printed
    checks = [
        c
        for c in notebook.cells
        if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")
    ]
    assert len(checks) == len(spec.tasks)
    for cell in checks:  # every visible check cell reports its successes
        assert "✓" in _printed(cell)
    table = _printed(next(c for c in notebook.cells if c.get("id") == SUMMARY_CELL_ID))
    assert f"{spec.max_score:g} / {spec.max_score:g}" in table
    assert table.count("✓ bestanden") == len(spec.tasks)
