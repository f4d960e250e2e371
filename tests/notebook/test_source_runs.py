"""The source notebook runs top to bottom in a real kernel: every visible check passes."""

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import A01, REPO


@pytest.mark.slow
def test_source_notebook_runs_and_visible_checks_pass(tmp_path):
    notebook = nbformat.read(REPO / "source" / A01 / f"{A01}.ipynb", as_version=4)
    NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(tmp_path)}},
    ).execute()
    printed = "".join(
        out.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for out in cell.outputs
    )
    assert printed.count("✓") >= 15
    assert "✗" not in printed
    checks = [
        c
        for c in notebook.cells
        if c.metadata.get("nbgrader", {}).get("grade_id", "").startswith("test_")
    ]
    assert len(checks) == 7
    for cell in checks:  # every visible check cell reports its successes
        assert "✓" in "".join(out.get("text", "") for out in cell.outputs)
