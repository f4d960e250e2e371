"""Where a course's pieces live: source notebooks, releases, references and hidden graders."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from autograder.notebook.spec import NotebookSpec, read_spec

PACKAGE_DIR = Path(__file__).resolve().parent
GRADERS_DIR = PACKAGE_DIR / "graders"


class CourseError(ValueError):
    """A usage error: unknown assignment, missing folder; the message says what to do."""


@dataclass(frozen=True)
class Assignment:
    aid: str
    course_root: Path
    source_notebook: Path
    release_dir: Path
    reference_path: Path
    graders_dir: Path

    def spec(self) -> NotebookSpec:
        return read_spec(self.source_notebook)

    def load_reference(self) -> ModuleType:
        """Import ``solutions/<aid>.py`` in the trusted process only."""
        module_spec = importlib.util.spec_from_file_location(
            f"solutions.{self.aid}", self.reference_path
        )
        if module_spec is None or module_spec.loader is None:
            raise CourseError(f"cannot load the reference {self.reference_path}")
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        return module


@dataclass(frozen=True)
class Course:
    root: Path

    def assignment_ids(self) -> list[str]:
        source = self.root / "source"
        return (
            sorted(p.name for p in source.iterdir() if (p / f"{p.name}.ipynb").exists())
            if source.is_dir()
            else []
        )

    def graders_dir(self, aid: str) -> Path:
        """The course's own ``graders/<aid>`` where it has one, else this package's."""
        own = self.root / "graders" / aid
        return own if own.is_dir() else GRADERS_DIR / aid

    def assignment(self, aid: str) -> Assignment:
        if aid not in self.assignment_ids():
            known = ", ".join(self.assignment_ids()) or "none"
            raise CourseError(f"unknown assignment {aid!r} in {self.root} (known: {known})")
        assignment = Assignment(
            aid=aid,
            course_root=self.root,
            source_notebook=self.root / "source" / aid / f"{aid}.ipynb",
            release_dir=self.root / "assignments" / aid,
            reference_path=self.root / "solutions" / f"{aid}.py",
            graders_dir=self.graders_dir(aid),
        )
        for path in (assignment.reference_path, assignment.graders_dir):
            if not path.exists():
                raise CourseError(f"assignment {aid!r} has no {path}")
        return assignment


def find_course(root: Path | None = None) -> Course:
    """The course at ``root``, else the current directory, else the repository of this package."""
    for candidate in [root] if root else [Path.cwd(), PACKAGE_DIR.parent]:
        if (candidate / "source").is_dir():
            return Course(candidate.resolve())
    where = root or Path.cwd()
    raise CourseError(
        f"{where} is not a course folder (it has no source/ folder); use --course DIR"
    )
