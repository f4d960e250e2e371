"""Assignments moved to the authoring kit (no ``catalogue.py``) import nothing of autograder's but
``autograder.authoring`` and their own helper modules: the kit is the graders' whole API."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

GRADERS = REPO / "autograder" / "graders"


def _on_the_kit(folder: Path) -> bool:
    return any(folder.glob("test_*.py")) and not (folder / "catalogue.py").exists()


ON_THE_KIT = sorted(p.name for p in GRADERS.iterdir() if p.is_dir() and _on_the_kit(p))


def imported_modules(path: Path) -> set[str]:
    modules: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules.add(node.module)
    return modules


def test_a02_and_a03_are_on_the_kit() -> None:
    assert {"a02_mlp_backprop", "a03_optimizers"} <= set(ON_THE_KIT)


@pytest.mark.parametrize("aid", ON_THE_KIT)
def test_graders_import_only_the_kit(aid: str) -> None:
    own = f"autograder.graders.{aid}"
    wrong = {
        f"{path.relative_to(GRADERS)}: {module}"
        for path in (GRADERS / aid).rglob("*.py")
        for module in imported_modules(path)
        if module.startswith("autograder") and not module.startswith(("autograder.authoring", own))
    }
    assert not wrong, sorted(wrong)
