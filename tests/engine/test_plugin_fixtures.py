"""The plugin's fixtures know the test they serve: ``rng`` draws from the test's own node id,
and ``figure`` files its plots under it."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from autograder.engine.plugin import GradingPlugin
from autograder.engine.seeds import rng_for

GRADERS = """
import json
from pathlib import Path

import pytest

DRAWN = Path({drawn!r})


def _keep(name, rng):
    kept = json.loads(DRAWN.read_text()) if DRAWN.exists() else {{}}
    DRAWN.write_text(json.dumps({{**kept, name: rng.integers(0, 2**62, size=3).tolist()}}))


@pytest.mark.task("t")
@pytest.mark.parametrize("n", [1, 2])
def test_draws(rng, figure, n):
    _keep(f"test_draws[{{n}}]", rng)
    figure.curves("Loss", {{"yours": [1.0, 0.5]}})
    assert False  # a failed test keeps its figures


@pytest.mark.task("t")
def test_other(rng):
    _keep("test_other", rng)
"""


def test_each_test_gets_the_generator_and_the_figures_of_its_own_node_id(tmp_path: Path):
    drawn = tmp_path / "drawn.json"
    # a module name of its own: importlib mode reuses a module of the same name in sys.modules
    (tmp_path / "test_plugin_draws.py").write_text(GRADERS.format(drawn=str(drawn)))
    plugin = GradingPlugin("a00", "seed", reference=None, task_ids=frozenset({"t"}))
    plugin.begin(SimpleNamespace(records=[]), "seed")  # type: ignore[arg-type]
    args = ["-q", "-p", "no:cacheprovider", "--rootdir", str(tmp_path), "--import-mode=importlib"]
    pytest.main([str(tmp_path), *args], plugins=[plugin])
    numbers = json.loads(drawn.read_text())
    assert len(numbers) == 3
    for name, got in numbers.items():
        expected = rng_for("seed", "a00", f"test_plugin_draws.py::{name}").integers(
            0, 2**62, size=3
        )
        assert got == expected.tolist(), name
    runs = {run.name: run for run in plugin.runs}
    assert all(len(runs[f"test_plugin_draws.py::test_draws[{n}]"].figures) == 1 for n in (1, 2))
