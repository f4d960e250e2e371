"""Generate the student version with nbgrader's own ``generate_assignment``.

nbgrader runs in a throwaway course folder (a copy of ``source/<aid>``) so that its gradebook
and logs never touch the repository. The result is checked for leaks before it replaces
``assignments/<aid>``; a leaking release is never written.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from autograder.course import Assignment, find_course
from autograder.nbgrader.run import failure, generate_assignment, run_nbgrader
from autograder.release.kitcell import kit_is_current, sync_kit
from autograder.release.leakcheck import Leak, find_leaks

COURSE_CONFIG = "nbgrader_config.py"  # the course's own nbgrader configuration (root-relative)


class ReleaseError(RuntimeError):
    """The release would leak hidden content, or the course lacks its nbgrader configuration."""


def generate_into(assignment: Assignment, workdir: Path) -> Path:
    """Run nbgrader in ``workdir`` and return the generated release folder."""
    shutil.copytree(assignment.source_notebook.parent, workdir / "source" / assignment.aid)
    config = assignment.course_root / COURSE_CONFIG
    if not config.exists():
        raise ReleaseError(f"{config} is missing: the course needs an nbgrader configuration")
    shutil.copyfile(config, workdir / COURSE_CONFIG)
    process = generate_assignment(assignment.aid, workdir)
    release = workdir / "assignments" / assignment.aid
    if process.returncode != 0 or not release.is_dir():
        raise failure("nbgrader generate_assignment failed", process)
    return release


def release(assignment: Assignment, secret_seed: str | None = None) -> Path:
    """Regenerate ``assignments/<aid>`` from source, refusing if anything hidden leaks.

    The source notebook's check kit cell is brought up to date first (``kitcell.sync_kit``).
    """
    sync_kit(assignment.source_notebook)
    with tempfile.TemporaryDirectory(prefix="ag-release-") as tmp:
        generated = generate_into(assignment, Path(tmp))
        _refuse_leaks(assignment, generated, secret_seed)
        return _install(assignment, generated)


def release_all(assignments: list[Assignment], secret_seed: str | None = None) -> list[Path]:
    """``release`` for several assignments with one nbgrader run; none is written unless every
    one passes the leak check."""
    for assignment in assignments:
        sync_kit(assignment.source_notebook)
    with tempfile.TemporaryDirectory(prefix="ag-release-") as tmp:
        generated = generate_all_into(assignments, Path(tmp))
        for assignment in assignments:
            _refuse_leaks(assignment, generated / assignment.aid, secret_seed)
        return [_install(a, generated / a.aid) for a in assignments]


def _refuse_leaks(assignment: Assignment, generated: Path, secret_seed: str | None) -> None:
    leaks = find_leaks(generated, assignment, secret_seed)
    if leaks:
        raise ReleaseError(format_leaks(leaks))


def _install(assignment: Assignment, generated: Path) -> Path:
    target = assignment.release_dir
    staging = target.with_name(f".{target.name}.new")
    shutil.rmtree(staging, ignore_errors=True)
    shutil.copytree(generated, staging)
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def publish(assignment: Assignment) -> None:
    """``nbgrader release_assignment``: put the checked release into the course's exchange."""
    process = run_nbgrader(
        "release_assignment", assignment.aid, "--force", cwd=assignment.course_root
    )
    if process.returncode != 0:
        raise failure("nbgrader release_assignment failed", process)


def format_leaks(leaks: list[Leak]) -> str:
    return "the release would leak hidden content:\n" + "\n".join(
        f"  {leak.file}: {leak.reason}" for leak in leaks
    )


def _notebook_json(path: Path) -> object:
    """A notebook's content, independent of JSON whitespace and key order."""
    return json.loads(path.read_text())


def generate_all_into(assignments: list[Assignment], workdir: Path) -> Path:
    """Every assignment's release from one nbgrader run in ``workdir`` (nbgrader's start and its
    gradebook cost seconds per run); returns the folder that holds one release per aid."""
    for assignment in assignments:
        shutil.copytree(assignment.source_notebook.parent, workdir / "source" / assignment.aid)
    shutil.copyfile(assignments[0].course_root / COURSE_CONFIG, workdir / COURSE_CONFIG)
    process = generate_assignment("*", workdir)
    if process.returncode != 0:
        raise failure("nbgrader generate_assignment failed", process)
    return workdir / "assignments"


def out_of_sync(assignment: Assignment, generated: Path | None = None) -> list[str]:
    """Files whose committed release differs from a fresh generation (empty = in sync);
    ``generated``: a release generated already (``generate_all_into(…) / aid``)."""
    if generated is not None:
        return _differences(assignment, generated)
    with tempfile.TemporaryDirectory(prefix="ag-sync-") as tmp:
        return _differences(assignment, generate_into(assignment, Path(tmp)))


def _differences(assignment: Assignment, generated: Path) -> list[str]:
    stale = [] if kit_is_current(assignment.source_notebook) else ["source: the check kit cell"]
    fresh = {p.relative_to(generated) for p in generated.rglob("*") if p.is_file()}
    committed = (
        {
            p.relative_to(assignment.release_dir)
            for p in assignment.release_dir.rglob("*")
            if p.is_file()
        }
        if assignment.release_dir.is_dir()
        else set()
    )
    differing = stale + sorted(str(p) for p in fresh ^ committed)
    for rel in sorted(fresh & committed):
        a, b = generated / rel, assignment.release_dir / rel
        same = (
            _notebook_json(a) == _notebook_json(b)
            if rel.suffix == ".ipynb"
            else a.read_bytes() == b.read_bytes()
        )
        if not same:
            differing.append(str(rel))
    return differing


def register_course_assignments(course_root: Path) -> list[str]:
    """Run nbgrader's generate_assignment in the course for every assignment (gradebook + release)."""
    source = course_root / "source"
    aids = sorted(p.name for p in source.iterdir() if (p / f"{p.name}.ipynb").exists())
    process = generate_assignment("*", course_root)  # one nbgrader run for all of them
    if process.returncode != 0:
        raise failure("nbgrader generate_assignment failed", process)
    for aid in aids:
        released = course_root / "assignments" / aid
        leaks = find_leaks(released, find_course(course_root).assignment(aid))
        if leaks:
            shutil.rmtree(released)
            raise ReleaseError(format_leaks(leaks))
    return aids
