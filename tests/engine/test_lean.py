"""The lean path (``engine/lean.py``) records exactly what pytest's protocol records: every
test is run both ways, in sessions of its own, and the ``TestRun``s (name, task, weight,
outcome, the failure, figures, student calls) must be identical; the tests that need pytest
keep its protocol, and the lean path is really taken for the others."""

from __future__ import annotations

import dataclasses
import functools
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from autograder.engine import runner
from autograder.engine.collected import GraderSession
from autograder.engine.lean import LeanHost
from autograder.engine.plugin import GradingPlugin
from autograder.engine.plugin import TestRun as Run
from autograder.engine.proxy import CallRecord
from autograder.i18n import Text
from autograder.results.model import SubmissionResult
from tests.conftest import REPO
from tests.engine.test_catalogues import COURSE, Kit

GRADERS = textwrap.dedent(
    """
    import sys

    import numpy as np
    import pytest

    from autograder.authoring import Task, call
    from autograder.authoring.checks import fail

    task = Task("double")


    @task.case(weight=2, what="double(x), Form (3,)")
    def three(rng):
        return call(rng.normal(size=3))


    @task.case(what="double(x), Form (4,)")  # the student is wrong for four elements
    def four(rng, reference):
        return [call(reference.double(np.ones(2))), call(rng.normal(size=4))]


    @task.test(weight=3)
    def test_figure_then_grader_bug(student, rng, figure):
        figure.curves("Kurve", {"mine": student.double(rng.normal(size=5))})
        raise ZeroDivisionError("a grader's own bug")


    @task.test(weight=0.5)
    def test_figure_and_pass(student, figure, device, student_id, secret_seed):
        figure.curves("Kurve", {"mine": [1.0, 2.0, 3.0]})
        assert student.double(np.ones(2)).tolist() == [2.0, 2.0]
        assert (device, student_id, secret_seed) == ("cpu", "s1", "geheim")


    @task.test()
    def test_check_failure(student):
        if student.double(np.ones(4)).sum() != 8:
            fail("falsch", "wrong")


    @task.test()
    def test_skip_inside(student):
        student.double(np.ones(1))
        pytest.skip("not for this submission")


    @task.test()
    def test_fail_inside():
        pytest.fail("failed on purpose")


    @task.test()
    def test_raises_inside(student):
        with pytest.raises(KeyError):
            {}["missing"]


    @task.test()
    def test_xfail_inside():
        pytest.xfail("expected")


    @task.test()
    def test_system_exit():
        sys.exit(3)


    @task.test()
    def test_returns_something(student):
        return 42


    @task.test()
    @pytest.mark.parametrize("n", [1, 2])
    @pytest.mark.parametrize("m", [pytest.param(3, id="three")])
    def test_direct_parameters(student, n, m):
        total = float(student.double(np.ones(n + m)).sum())
        assert total == 2 * (n + m), "wrong for four elements"


    # --- what needs pytest's protocol

    @pytest.fixture
    def doubled():
        return 2


    @pytest.fixture(params=[1, 2])
    def indirect(request):
        return request.param


    @task.test()
    def test_own_fixture(student, doubled):
        assert doubled == 2


    @task.test()
    def test_pytest_fixture(student, tmp_path):
        assert tmp_path.exists()


    @task.test()
    @pytest.mark.parametrize("indirect", [5], indirect=True)
    def test_indirect(student, indirect):
        assert indirect == 5


    @task.test()
    @pytest.mark.skip(reason="skipped by mark")
    def test_skip_mark(student):
        raise AssertionError("never runs")


    @task.test()
    @pytest.mark.xfail(strict=True)
    def test_strict_xfail_passes(student):
        pass


    @task.test()
    @pytest.mark.parametrize("k", [pytest.param(1, marks=pytest.mark.xfail), 2])
    def test_marked_parameter(student, k):
        assert k == 2


    @task.test()
    def test_record_property(student, record_property):
        record_property("answer", ["a"])


    class TestInAClass:
        @task.test()
        def test_method(self, student):
            assert student.double(np.ones(1)).sum() == 2
    """
)

OVERRIDES = textwrap.dedent(
    """
    import pytest
    from autograder.authoring import Task

    task = Task("double")


    @pytest.fixture
    def rng():
        return "not the plugin's"


    @task.test()
    def test_overridden_rng(student, rng):
        assert rng == "not the plugin's"


    @pytest.fixture(autouse=True)
    def everywhere():
        return None


    @task.test()
    def test_with_autouse(student):
        pass
    """
)

# the tests that must take the lean path, and every other one keeps pytest's protocol
LEAN = {
    "test_three",
    "test_four",
    "test_figure_then_grader_bug",
    "test_figure_and_pass",
    "test_check_failure",
    "test_skip_inside",
    "test_fail_inside",
    "test_raises_inside",
    "test_xfail_inside",
    "test_system_exit",
    "test_returns_something",
    "test_direct_parameters[three-1]",
    "test_direct_parameters[three-2]",
    "test_marked_parameter[2]",  # its parameter has no marks, the other one's has
}


class Student:
    """A proxy that records its calls like ``StudentProxy``; wrong for four elements."""

    def __init__(self) -> None:
        self.records: list[CallRecord] = []

    def double(self, x: np.ndarray) -> np.ndarray:
        value = x * 2 + (x.size == 4)
        self.records.append(CallRecord("double", (x.copy(),), {}, value))
        return value


REFERENCE = SimpleNamespace(double=lambda x: x * 2)


def _plugin() -> GradingPlugin:
    return GradingPlugin("a99", "geheim", REFERENCE, frozenset({"double"}))


def _session(graders: Path, plugin: GradingPlugin, lean: LeanHost | None) -> GraderSession:
    args = [
        str(graders),
        "--rootdir",
        str(graders),
        *runner._UNUSED_PLUGINS,
        "--import-mode=importlib",
        "--assert=plain",
        "--capture=no",
    ]
    return GraderSession(args, [plugin], lean=lean)


def _graders(tmp: Path, source: str) -> Path:
    """A graders directory; the module is named after it (pytest imports each name once)."""
    (tmp / f"test_{tmp.name}.py").write_text(source)
    return tmp


def _runs(graders: Path, lean: bool, student_id: str = "s1") -> tuple[list[Run], list[str]]:
    plugin = _plugin()
    session = _session(graders, plugin, plugin if lean else None)
    try:
        plugin.begin(Student(), "geheim", student_id)  # type: ignore[arg-type]
        session.run(lambda item: True)
        first = plugin.runs
        plugin.begin(Student(), "geheim", student_id)  # type: ignore[arg-type]
        session.run(lambda item: True)  # a second submission: fresh fixtures, same inputs
        assert _canonical(plugin.runs) == _canonical(first)
        return plugin.runs, session.lean_tests()
    finally:
        session.close()


def _canonical(value: Any) -> Any:
    """A comparable form: arrays by dtype, shape and bytes, exceptions by type and message."""
    if isinstance(value, np.ndarray):
        return ("array", str(value.dtype), value.shape, value.tobytes())
    if isinstance(value, BaseException):
        return ("exception", type(value).__qualname__, str(value), _canonical(vars(value)))
    if isinstance(value, Text):
        return ("text", value.de, value.en)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
        return (type(value).__qualname__, _canonical(fields))
    if isinstance(value, dict):
        return {str(k): _canonical(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_canonical(v) for v in value]
    if callable(value):
        return ("callable", getattr(value, "__qualname__", repr(value)))
    return value


def _by_test(runs: list[Run]) -> dict[str, Run]:
    return {run.name.split("::")[-1]: run for run in runs}


@pytest.fixture(scope="module")
def both_ways(tmp_path_factory) -> tuple[tuple[list[Run], list[str]], ...]:
    graders = _graders(tmp_path_factory.mktemp("lean"), GRADERS)
    return _runs(graders, lean=True), _runs(graders, lean=False)


def test_the_lean_path_records_what_pytest_records(both_ways):
    (lean_runs, _), (protocol_runs, _) = both_ways
    assert [r.name for r in lean_runs] == [r.name for r in protocol_runs]
    assert _canonical(lean_runs) == _canonical(protocol_runs)


def test_the_authoring_kits_tests_take_the_lean_path_the_others_pytests(both_ways):
    (_, lean_tests), (_, none) = both_ways
    assert {name.split("::")[-1] for name in lean_tests} == LEAN
    assert none == []


def test_the_outcomes_are_those_of_each_kind_of_failure(both_ways):
    """Not only equal both ways, but right (a shared mistake would pass the comparison)."""
    (runs, _), _ = both_ways
    tests = _by_test(runs)
    outcome = {name: (run.passed, type(run.failure).__name__) for name, run in tests.items()}
    assert outcome["test_three"] == (True, "NoneType")
    assert outcome["test_four"] == (False, "CheckFailure")
    assert outcome["test_figure_then_grader_bug"] == (False, "ZeroDivisionError")
    assert outcome["test_figure_and_pass"] == (True, "NoneType")
    assert outcome["test_check_failure"] == (False, "CheckFailure")
    assert outcome["test_skip_inside"] == (False, "Skipped")
    assert outcome["test_fail_inside"] == (False, "Failed")
    assert outcome["test_raises_inside"] == (True, "NoneType")
    assert outcome["test_xfail_inside"] == (False, "XFailed")
    assert outcome["test_system_exit"] == (False, "SystemExit")
    assert outcome["test_returns_something"] == (True, "NoneType")
    assert outcome["test_strict_xfail_passes"] == (False, "NoneType")
    assert "test_skip_mark" not in tests  # skipped in its setup: no verdict, as before
    assert (tests["test_three"].weight, tests["test_figure_then_grader_bug"].weight) == (2, 3)
    assert len(tests["test_figure_then_grader_bug"].figures) == 1
    assert tests["test_figure_and_pass"].figures[0].title == "Kurve"
    assert len(tests["test_four"].records) == 2
    assert {run.task_id for run in runs} == {"double"}


def test_a_grader_files_own_fixture_of_the_same_name_or_an_autouse_one_keeps_pytest(
    tmp_path,
):
    graders = _graders(tmp_path, OVERRIDES)
    (lean_runs, lean_tests), (protocol_runs, _) = (
        _runs(graders, lean=True),
        _runs(graders, lean=False),
    )
    assert lean_tests == []
    assert [(r.name, r.passed) for r in lean_runs] == [(r.name, r.passed) for r in protocol_runs]
    assert all(r.passed for r in lean_runs)


def test_a_package_with_setup_module_keeps_pytest(tmp_path):
    graders = _graders(tmp_path, OVERRIDES.split("@pytest.fixture")[0] + SIMPLE)
    (graders / "__init__.py").write_text("CALLS = []\n\ndef setup_module():\n    CALLS.append(1)\n")
    runs, lean_tests = _runs(graders, lean=True)
    assert lean_tests == []
    assert [r.passed for r in runs] == [True]


def test_a_package_without_one_takes_the_lean_path(tmp_path):
    graders = _graders(tmp_path, OVERRIDES.split("@pytest.fixture")[0] + SIMPLE)
    (graders / "__init__.py").write_text('"""Graders."""\n')
    runs, lean_tests = _runs(graders, lean=True)
    assert len(lean_tests) == 1
    assert [r.passed for r in runs] == [True]


SIMPLE = textwrap.dedent(
    """
    @task.test()
    def test_simple(student, rng):
        assert student.double(rng.normal(size=2)).shape == (2,)
    """
)


INTERRUPTED = textwrap.dedent(
    """
    import pytest
    from autograder.authoring import Task

    task = Task("double")


    @task.test()
    def test_passes(student):
        pass


    @task.test()
    def test_stops(student):
        raise {stop}


    @task.test()
    def test_never_reached(student):
        pass
    """
)


@pytest.mark.parametrize("stop", ["KeyboardInterrupt()", "pytest.exit.Exception('halt')"])
@pytest.mark.parametrize("lean", [True, False])
def test_an_interrupt_or_pytest_exit_reaches_the_caller(tmp_path, stop, lean):
    graders = _graders(tmp_path, INTERRUPTED.format(stop=stop))
    plugin = _plugin()
    session = _session(graders, plugin, plugin if lean else None)
    try:
        plugin.begin(Student(), "geheim")  # type: ignore[arg-type]
        with pytest.raises((KeyboardInterrupt, pytest.exit.Exception)):
            session.run(lambda item: True)
        assert [r.name.split("::")[-1] for r in plugin.runs] == ["test_passes"]
        assert bool(session.lean_tests()) == lean
    finally:
        session.close()


# ------------------------------------------------------------ the course's own graders

AIDS = ["a01_perceptron_xor", "a02_mlp_backprop", "a03_optimizers", "e01_probeklausur"]


class _Protocol(GraderSession):
    """A grader session whose tests all keep pytest's protocol (as before the lean path)."""

    def __init__(self, args: list[str], plugins: list[object], lean: Any = None) -> None:
        super().__init__(args, plugins)


@dataclasses.dataclass(frozen=True)
class Pair:
    lean: Kit
    protocol: Kit

    def grade_both(self, grade: Callable[[Kit], SubmissionResult]) -> Iterator[Any]:
        for kit in (self.lean, self.protocol):
            result = grade(kit)
            runs = kit.grader._collected()[1].runs
            yield _canonical(runs), _canonical(dataclasses.replace(result, duration_s=0.0, file=""))


@functools.cache
def _pair(aid: str) -> Pair:
    assignment = COURSE.assignment(aid)
    lean = Kit.load(assignment)
    protocol = Kit.load(assignment)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "GraderSession", _Protocol)
        protocol.grader._collected()  # the session starts here, without the lean path
    assert not protocol.grader._collected()[0].lean_tests()
    assert lean.grader._collected()[0].lean_tests()
    return Pair(lean, protocol)


def _submissions(aid: str) -> list[tuple[str, Callable[[Kit], SubmissionResult]]]:
    """The examples (perfect, partly wrong, stub, hostile, malformed), the model solution, and
    per task its first catalogued mistake (graded alone, as the catalogue tests do)."""
    examples = sorted((REPO / "examples" / aid).glob("*.ipynb"))
    graded: list[tuple[str, Callable[[Kit], SubmissionResult]]] = [
        (path.stem, functools.partial(_grade_file, path)) for path in examples
    ]
    graded.append(("model", lambda kit: kit.grade({}, "model")))
    catalogue = runner.load_catalogue(aid)
    for task_id in COURSE.assignment(aid).spec().task_ids:
        mistakes = catalogue.mistakes(task_id)
        if mistakes:
            entry = mistakes[0]
            graded.append(
                (
                    f"{task_id}/{entry.key}",
                    functools.partial(_grade_alone, task_id, entry.source),
                )
            )
    return graded


def _grade_file(path: Path, kit: Kit) -> SubmissionResult:
    return kit.grader.grade_file(path, path.stem)


def _grade_alone(task_id: str, source: str, kit: Kit) -> SubmissionResult:
    return kit.grade({task_id: source}, task_id, frozenset({task_id}))


@pytest.mark.slow
@pytest.mark.parametrize("aid", AIDS)
def test_the_courses_graders_grade_identically_both_ways(aid):
    pair = _pair(aid)
    for name, grade in _submissions(aid):
        lean, protocol = pair.grade_both(grade)
        assert lean[0] == protocol[0], f"{aid} {name}: the TestRuns differ"
        assert lean[1] == protocol[1], f"{aid} {name}: the results differ"
