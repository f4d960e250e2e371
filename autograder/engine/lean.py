"""Collected tests run without pytest's per-test protocol, where it would do nothing for them.

For every test and every submission pytest's ``pytest_runtest_protocol`` sets up the node
chain and the fixtures through a ``FixtureRequest``, calls a dozen hook implementations per
phase (setup, call, teardown), builds a ``CallInfo`` and a ``TestReport`` per phase, and tears
it all down again: about a quarter of a grader process's CPU for a01, more than most tests
take themselves. A test of the authoring kit needs none of it: its function asks only for the
grading plugin's own fixtures (plain values: the proxy, the reference, the rng drawn from the
node id, a figure recorder), it has no marks but its task and weight, and no teardown.

Such a test (decided once per collected item, ``lean_test``) is run here directly: the plugin
gives the fixture values and records the verdict exactly as its pytest hooks would (same
``TestRun``: name, task, weight, outcome, the exception itself, figures, student calls). Every
other test (other fixtures, skip/xfail/usefixtures marks, indirect parametrization, autouse
fixtures, a fixture of the same name in a grader file, classes, async functions) keeps pytest's
protocol. The exception semantics are ``CallInfo.from_call``'s: ``pytest.exit`` and
``KeyboardInterrupt`` propagate, anything else (a check failure, a student error, a grader bug,
``pytest.fail``/``pytest.skip`` in the body, ``SystemExit``) is the test's failure; a fixture
that fails fails the test, one that skips skips it silently (pytest's setup report is then
"skipped", which the plugin does not record).

Not reproduced, since no grader can observe them: ``PYTEST_CURRENT_TEST`` in the grader's
environment (the student's code runs in a worker forked from the zygote, not from here),
``sys.last_value`` (a debugger's post-mortem aid) and the reports' hooks (no lean test can set
``user_properties``: it gets no ``request`` and no ``record_property``).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Protocol

import _pytest.python
import pytest

# what ``CallInfo.from_call`` re-raises in a session without ``--pdb``
PROPAGATED: tuple[type[BaseException], ...] = (pytest.exit.Exception, KeyboardInterrupt)

# the fixture definitions that stand for directly parametrized arguments (pytest ≥ 8.1; with an
# older pytest, parametrized tests keep the protocol)
DIRECT_PARAMETERS: tuple[type, ...] = tuple(
    filter(None, [getattr(_pytest.python, "DirectParamFixtureDef", None)])
)

# what pytest's ``Package.setup`` calls from a package's ``__init__.py``
XUNIT_PACKAGE_FUNCTIONS = ("setUpModule", "setup_module", "tearDownModule", "teardown_module")

# the marks a lean test may carry: what the plugin reads, and direct parametrization
LEAN_MARKS = frozenset({"task", "weight", "parametrize"})


class LeanHost(Protocol):
    """The plugin that provides a lean test's fixtures and records its verdict."""

    def owns(self, fixture: pytest.FixtureDef[Any]) -> bool: ...

    def fixture_value(self, name: str, nodeid: str) -> Any: ...

    def test_started(self) -> None: ...

    def test_ended(
        self, item: pytest.Item, passed: bool, failure: BaseException | None
    ) -> None: ...


@dataclass(frozen=True)
class LeanTest:
    """A collected test that needs nothing of pytest's per-test protocol."""

    item: pytest.Function
    function: Callable[..., object]
    fixtures: tuple[str, ...]  # the host's fixtures it takes, in pytest's set-up order
    params: Mapping[str, object]  # its direct parametrization's values


@dataclass(frozen=True)
class LeanPath:
    """A session's lean tests (decided once, after collection) and the host that serves them."""

    host: LeanHost
    tests: Mapping[pytest.Item, LeanTest]

    def takes(self, item: pytest.Item) -> bool:
        return item in self.tests

    def run(self, item: pytest.Item) -> None:
        run_lean(self.tests[item], self.host)


def lean_path(items: Iterable[pytest.Item], host: LeanHost) -> LeanPath:
    """The items that qualify for the lean path, each with what running it takes."""
    tests = {item: test for item in items if (test := lean_test(item, host)) is not None}
    return LeanPath(host, tests)


def lean_test(item: pytest.Item, host: LeanHost) -> LeanTest | None:
    """``item`` as a lean test, or None where it needs pytest's protocol."""
    if not (isinstance(item, pytest.Function) and _plain_item(item)):
        return None
    spec = getattr(item, "callspec", None)
    direct: dict[str, object] = dict(spec.params) if spec is not None else {}
    fixtures = _host_fixtures(item, host, direct)
    return LeanTest(item, item.obj, fixtures, direct) if fixtures is not None else None


def _plain_item(item: pytest.Function) -> bool:
    """A module-level plain function, only lean marks, no package set-up, no autouse fixtures
    and no fixtures that need others (but ``request``, which the host's own take)."""
    info = item._fixtureinfo
    return (
        type(item) is pytest.Function
        and isinstance(item.parent, pytest.Module)
        and _plain_function(item.obj)
        and _plain_marks(item)
        and _packages_set_up_nothing(item)
        and set(info.names_closure) - {"request"} == set(info.argnames)
    )


def _host_fixtures(
    item: pytest.Function, host: LeanHost, direct: Mapping[str, object]
) -> tuple[str, ...] | None:
    """The host's fixtures the test takes (its other arguments directly parametrized), or None
    where one is pytest's, a grader file's (also one that overrides the host's) or indirect."""
    info = item._fixtureinfo
    if not set(direct) <= set(info.argnames):
        return None
    fixtures: list[str] = []
    for name in info.argnames:
        definitions = info.name2fixturedefs.get(name, ())
        if not definitions:
            return None
        closest = definitions[-1]
        if name in direct:
            if not isinstance(closest, DIRECT_PARAMETERS):
                return None
        elif host.owns(closest):
            fixtures.append(name)
        else:
            return None
    return tuple(fixtures)


def _plain_function(function: object) -> bool:
    return inspect.isfunction(function) and not (
        inspect.iscoroutinefunction(function)
        or inspect.isasyncgenfunction(function)
        or inspect.isgeneratorfunction(function)
    )


def _plain_marks(item: pytest.Item) -> bool:
    return all(mark.name in LEAN_MARKS for mark in item.iter_markers())


def _packages_set_up_nothing(item: pytest.Item) -> bool:
    """No ``setup_module``/``teardown_module`` in a package's ``__init__.py`` above the test:
    pytest's ``Package.setup`` would call them (as it imports them: from ``sys.modules``)."""
    try:
        return not any(
            _pytest.python._get_first_non_fixture_func(
                _pytest.python.importtestmodule(node.path / "__init__.py", node.config),
                XUNIT_PACKAGE_FUNCTIONS,
            )
            for node in item.listchain()
            if isinstance(node, pytest.Package)
        )
    except Exception:  # another pytest's internals: keep its protocol
        return False


def run_lean(test: LeanTest, host: LeanHost) -> None:
    """Set up, call and record ``test`` as pytest's protocol and the host's hooks would."""
    nodeid = test.item.nodeid
    host.test_started()
    try:
        arguments = {name: host.fixture_value(name, nodeid) for name in test.fixtures}
    except PROPAGATED:
        raise
    except BaseException as failure:
        if not _skipped(failure):
            host.test_ended(test.item, False, failure)
        return
    try:
        test.function(**arguments, **test.params)
    except PROPAGATED:
        raise
    except BaseException as failure:
        host.test_ended(test.item, False, failure)
    else:
        host.test_ended(test.item, True, None)


def _skipped(failure: BaseException) -> bool:
    """Whether pytest would report the exception as a skip (``TestReport.from_item_and_call``)."""
    if isinstance(failure, BaseExceptionGroup):
        return failure.split(pytest.skip.Exception)[1] is None
    return isinstance(failure, pytest.skip.Exception)
