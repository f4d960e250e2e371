"""The pytest plugin that connects hidden graders to one submission.

Graders are plain pytest files in ``autograder/graders/<aid>/``. Each test is tagged with its
task (``pytestmark = pytest.mark.task("neuron")``) and may carry ``pytest.mark.weight(2)``.
Fixtures: ``student`` (proxy into the sandbox), ``reference`` (``solutions/<aid>.py``),
``rng`` (hidden inputs from the secret seed), ``device`` (where torch references run),
``figure`` (plots shown in the feedback when the test fails, see ``figures.py``), and for exams
``student_id`` (the id the submission came from) and ``secret_seed`` (variants are drawn from it).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

import numpy as np
import pytest

from autograder.authoring.checks import CheckFailure
from autograder.authoring.figures import FigureRecorder, Label
from autograder.engine.proxy import CallRecord, StudentProxy
from autograder.engine.seeds import rng_for
from autograder.i18n import Text
from autograder.results.model import Figure
from autograder.sandbox.errors import StudentCodeError


@dataclass
class TestRun:
    """The outcome of one hidden test."""

    name: str
    task_id: str
    weight: float
    passed: bool
    failure: BaseException | None = None
    figures: list[Figure] = field(default_factory=list)
    records: list[CallRecord] = field(default_factory=list)  # the student calls it made


@dataclass
class GradingPlugin:
    assignment: str
    secret_seed: str
    reference: Any  # the reference module, or its CachedReference
    task_ids: frozenset[str]
    device: str = "cpu"
    lang: str = "de"
    runs: list[TestRun] = field(default_factory=list)
    collection_errors: list[str] = field(default_factory=list)
    figures: dict[str, FigureRecorder] = field(default_factory=dict)  # by test node id
    first_record: int = 0  # where the running test's calls start in ``proxy.records``
    running: str = ""  # the node id of the test being run (its fixtures need not ask pytest's
    # ``request`` for it: pytest builds a FixtureDef, with an inspect.signature, per request)
    student_id: str = ""  # the id the submission came from (exams draw its variant from it)
    proxy: StudentProxy | None = None  # the submission being graded (``begin``)

    def begin(self, proxy: StudentProxy, secret_seed: str, student_id: str = "") -> None:
        """A new submission: its proxy, the seed its hidden inputs come from (the course's, or
        a practice attempt's), the id it came from (an exam's variant), nothing recorded yet
        (one plugin serves many submissions)."""
        self.proxy = proxy
        self.secret_seed = secret_seed
        self.student_id = student_id
        self.runs = []
        self.figures = {}
        self.first_record = 0

    # ---------------------------------------------------------------- fixtures

    @pytest.fixture
    def student(self) -> StudentProxy:
        return self._proxy()

    def _proxy(self) -> StudentProxy:
        assert self.proxy is not None, "begin(proxy) before running the graders"
        return self.proxy

    @pytest.fixture(name="reference")
    def reference_fixture(self) -> Any:
        return self.reference

    @pytest.fixture
    def rng(self) -> np.random.Generator:
        return self.fixture_value("rng", self.running)

    @pytest.fixture(name="student_id")
    def student_id_fixture(self) -> str:
        return self.student_id

    @pytest.fixture(name="secret_seed")
    def secret_seed_fixture(self) -> str:
        return self.secret_seed

    @pytest.fixture(name="device")
    def device_fixture(self) -> str:
        return self.device

    @pytest.fixture
    def figure(self) -> FigureRecorder:
        return self.fixture_value("figure", self.running)

    def fixture_value(self, name: str, nodeid: str) -> Any:
        """What the fixture ``name`` gives the test ``nodeid``: the fixtures above through
        pytest, the lean path (``engine/lean.py``) directly."""
        match name:
            case "student":
                return self._proxy()
            case "reference":
                return self.reference
            case "rng":
                return rng_for(self.secret_seed, self.assignment, nodeid)
            case "figure":
                recorder = FigureRecorder(self._resolve)
                self.figures[nodeid] = recorder
                return recorder
            case "student_id":
                return self.student_id
            case "secret_seed":
                return self.secret_seed
            case "device":
                return self.device
        raise KeyError(f"no fixture {name!r} of the grading plugin")

    def owns(self, fixture: pytest.FixtureDef[Any]) -> bool:
        """Whether ``fixture`` is one of this plugin's own (not one a grader file overrides)."""
        return getattr(fixture.func, "__self__", None) is self

    def _resolve(self, label: Label) -> str:
        return label.get(self.lang) if isinstance(label, Text) else str(label)

    # ---------------------------------------------------------------- hooks

    def pytest_configure(self, config: pytest.Config) -> None:
        config.addinivalue_line("markers", "task(task_id): the task a hidden test grades")
        config.addinivalue_line("markers", "weight(w): the test's share of its task's points")

    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        for item in items:
            marker = item.get_closest_marker("task")
            if marker is None or marker.args[0] not in self.task_ids:
                self.collection_errors.append(f"{item.nodeid}: no task marker of a known task")

    def pytest_pycollect_makeitem(
        self, collector: pytest.Module | pytest.Class, name: str, obj: object
    ) -> list[pytest.Function] | None:
        """A declared task (``autograder.authoring.Task``) becomes one test per case."""
        if not isinstance(obj, GeneratesTests) or isinstance(obj, type):
            return None
        return [
            pytest.Function.from_parent(collector, name=test_name, callobj=_marked(function))
            for test_name, function in obj.generated_tests().items()
        ]

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed:
            self.collection_errors.append(f"{report.nodeid}: {report.longreprtext[-2000:]}")

    def pytest_runtest_logstart(self, nodeid: str, location: tuple[str, int | None, str]) -> None:
        self.running = nodeid
        self.test_started()

    def test_started(self) -> None:
        """A test starts: the student calls from here on are its own."""
        self.first_record = len(self._proxy().records)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, Any, None]:
        outcome = yield
        report = outcome.get_result()
        if report.when == "call" or (report.when == "setup" and report.failed):
            self.test_ended(item, report.passed, call.excinfo.value if call.excinfo else None)

    def test_ended(self, item: pytest.Item, passed: bool, failure: BaseException | None) -> None:
        """A test's verdict (its call, or its fixtures' failure): one ``TestRun``."""
        task = item.get_closest_marker("task")
        weight = item.get_closest_marker("weight")
        self.runs.append(
            TestRun(
                name=item.nodeid,
                task_id=task.args[0] if task else "",
                weight=float(weight.args[0]) if weight else 1.0,
                passed=passed,
                failure=failure,
                figures=self.figures.pop(item.nodeid, FigureRecorder(self._resolve)).figures,
                records=self._proxy().records[self.first_record :],
            )
        )


@runtime_checkable
class GeneratesTests(Protocol):
    """A module-level object that contributes test functions, each carrying ``task_id`` and
    ``weight`` attributes (the authoring kit's ``Task``)."""

    def generated_tests(self) -> dict[str, Callable[..., None]]: ...


def _marked(function: Callable[..., None]) -> Callable[..., None]:
    marked = pytest.mark.task(function.task_id)(function)  # type: ignore[attr-defined]
    return pytest.mark.weight(function.weight)(marked)  # type: ignore[attr-defined]


def task_of(item: pytest.Item) -> str:
    marker = item.get_closest_marker("task")
    return str(marker.args[0]) if marker else ""


def failure_kind(failure: BaseException | None) -> str:
    """``check`` (a judged result), ``student`` (no usable result) or ``grader`` (a bug)."""
    if isinstance(failure, CheckFailure):
        return "check"
    if isinstance(failure, StudentCodeError):
        return "student"
    return "grader"


def check_text(failure: BaseException) -> Text:
    assert isinstance(failure, CheckFailure)
    return failure.text
