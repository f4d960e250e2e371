"""The hidden graders, collected once per grader process and run again for every submission.

``pytest.main`` starting a session, importing the grader modules and collecting their tests
cost more per submission than most of the tests themselves. Here one pytest session lives as
long as the grader: it runs in a thread of its own, and its ``pytest_runtestloop`` (the
documented hook that runs the collected tests) waits for the next submission, runs the selected
tests through pytest's own ``pytest_runtest_protocol`` (fixtures set up and torn down per test,
reports and our plugins' hooks as in any session; the grading plugin's own tests take the lean
path of ``lean.py`` instead), hands control back and waits again. Exactly
one thread runs at a time: the caller waits while the session works, and the session waits
while the caller prepares the next submission, so nothing is shared concurrently.

Each submission still gets fresh fixtures (the last test of a run tears everything down, the
session scope included) and a fresh sandboxed worker; what is kept is the imported graders,
which hold no state of their own between tests.
"""

from __future__ import annotations

import contextlib
import io
import queue
import threading
import warnings
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from types import ModuleType

import pytest

from autograder.engine.lean import LeanHost, LeanPath, lean_path
from autograder.engine.threads import grading_threads

AUTOLOAD = "PYTEST_DISABLE_PLUGIN_AUTOLOAD"

Selection = Callable[[pytest.Item], bool]


@dataclass(frozen=True)
class _Job:
    select: Selection
    done: Future[None]


class _Stop:
    """Ends the session (``GraderSession.close``)."""


class SessionFailed(RuntimeError):
    """pytest ended the session before running anything (a usage error in its arguments)."""


# the hooks pytest calls per test: a plugin of its own or of ours implements them knowing of the
# lean path; any other (a grader directory's conftest.py, a ``-p`` plugin) turns the lean path off
PER_TEST_HOOKS = (
    "pytest_runtest_protocol",
    "pytest_runtest_logstart",
    "pytest_runtest_setup",
    "pytest_runtest_call",
    "pytest_pyfunc_call",
    "pytest_runtest_teardown",
    "pytest_runtest_makereport",
    "pytest_runtest_logreport",
    "pytest_runtest_logfinish",
    "pytest_fixture_setup",
    "pytest_fixture_post_finalizer",
    "pytest_exception_interact",
)


class _Loop:
    """The plugin that turns one pytest session into a server of test runs."""

    def __init__(self, lean: LeanHost | None, known: list[object]) -> None:
        self.jobs: queue.Queue[_Job | _Stop] = queue.Queue()
        self.collected: Future[None] = Future()
        self.host = lean
        self.known = known  # the plugins the session was given, and ours
        self.lean: LeanPath | None = None

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtestloop(self, session: pytest.Session) -> bool:
        if self.host is not None and not _foreign_per_test_hooks(session.config, self.known):
            self.lean = lean_path(session.items, self.host)
        self.collected.set_result(None)
        while not isinstance(job := self.jobs.get(), _Stop):
            try:
                _run_items([i for i in session.items if job.select(i)], self.lean)
            except BaseException as exc:  # the caller's to handle; the session goes on
                job.done.set_exception(exc)
            else:
                job.done.set_result(None)
        return True


class LeanReports:
    """A failed test's report without pytest's formatted traceback.

    pytest formats every failure (filters the traceback, resolves each frame's path: ≈ 4 ms a
    failure, a wrong submission fails a dozen tests) although a grading session never shows it:
    the graders' verdicts come from the exception itself (``plugin.GradingPlugin``). Here the
    report holds the exception alone (type and message). Skips and the rest are pytest's own.
    """

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> pytest.TestReport | None:
        excinfo, when = call.excinfo, call.when
        if (
            excinfo is None
            or when == "collect"
            or isinstance(excinfo.value, (pytest.skip.Exception, BaseExceptionGroup))
        ):
            return None
        return pytest.TestReport(
            item.nodeid,
            item.location,
            dict.fromkeys(item.keywords, 1),
            "failed",
            excinfo.exconly()[-2000:],
            when,
            [],  # no sections: the session captures no output and no logs
            call.duration,
            call.start,
            call.stop,
            user_properties=item.user_properties,
        )


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """What the graders or pytest print goes nowhere (the caller waits meanwhile)."""
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


def _foreign_per_test_hooks(config: pytest.Config, known: list[object]) -> list[str]:
    """The plugins, neither pytest's own nor ``known``, that implement a per-test hook."""
    return [
        implementation.plugin_name
        for hook in PER_TEST_HOOKS
        for implementation in getattr(config.hook, hook).get_hookimpls()
        if not any(implementation.plugin is plugin for plugin in known)
        and not _of_pytest(implementation.plugin)
    ]


def _of_pytest(plugin: object) -> bool:
    module = plugin.__name__ if isinstance(plugin, ModuleType) else type(plugin).__module__
    return module == "pytest" or module.startswith("_pytest.")


def _run_items(items: Sequence[pytest.Item], lean: LeanPath | None) -> None:
    """Run ``items`` in order: lean tests directly, the others through pytest's protocol, each
    told the next of those (what its teardown keeps set up: the last tears everything down)."""
    protocol = [item for item in items if lean is None or not lean.takes(item)]
    following = dict(zip(protocol, [*protocol[1:], None], strict=False))
    with _quiet(), grading_threads(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # what ``-W ignore`` did per test
        for item in items:
            if lean is not None and lean.takes(item):
                lean.run(item)
            else:
                item.config.hook.pytest_runtest_protocol(item=item, nextitem=following[item])


class GraderSession:
    """``pytest.main(args, plugins)`` once; ``run(select)`` runs the selected collected tests.

    ``lean``: the plugin (one of ``plugins``) whose own tests run without pytest's protocol."""

    def __init__(
        self, args: list[str], plugins: list[object], lean: LeanHost | None = None
    ) -> None:
        plugins = [*plugins, LeanReports()]
        self._loop = _Loop(lean, plugins)
        self._ended: Future[int] = Future()
        self._thread = threading.Thread(
            target=self._serve, args=(args, [*plugins, self._loop]), daemon=True
        )
        # pytest reads the variable while it starts, and its terminal reporter keeps the
        # stdout it finds then: a buffer, so that nothing it writes reaches ours
        with pytest.MonkeyPatch.context() as env, _quiet():
            # no installed pytest plugins (anyio's alone costs ~0.3 s per process; xdist's,
            # the test suite's own): graders need only ours and pytest's built-ins
            env.setenv(AUTOLOAD, "1")
            self._thread.start()
            self._loop.collected.result()

    def _serve(self, args: list[str], plugins: list[object]) -> None:
        try:
            code = pytest.main(args, plugins=plugins)
            self._ended.set_result(int(code))
        except BaseException as exc:
            self._ended.set_exception(exc)
        finally:
            if not self._loop.collected.done():  # pytest stopped before running any test
                self._loop.collected.set_exception(SessionFailed(f"pytest {args} ended early"))

    def run(self, select: Selection) -> None:
        """Run the collected tests ``select`` keeps, in collection order; block until done."""
        if not self._thread.is_alive():
            raise SessionFailed("the graders' pytest session has ended")
        job = _Job(select, Future())
        self._loop.jobs.put(job)
        job.done.result()

    def lean_tests(self) -> list[str]:
        """The node ids of the tests that take the lean path (none before collection ends)."""
        lean = self._loop.lean
        return [item.nodeid for item in lean.tests] if lean is not None else []

    def close(self) -> None:
        """End the session (pytest tears down and writes its summary into its buffer)."""
        if self._thread.is_alive():
            with _quiet():
                self._loop.jobs.put(_Stop())
                self._thread.join()
