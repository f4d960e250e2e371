"""One pytest session per grader, reused for every submission: each run gets fresh fixtures,
runs only what it selects, and the process's own output is left alone."""

from __future__ import annotations

import sys
import textwrap

import pytest

from autograder.engine.collected import GraderSession, SessionFailed

GRADERS = textwrap.dedent(
    """
    import pytest

    SETUPS = []

    @pytest.fixture(scope="session")
    def per_run():
        SETUPS.append(1)
        return []

    def test_one(per_run, recorder):
        per_run.append("one")
        print("graders may print")
        recorder.seen.append(("one", len(per_run)))

    def test_two(per_run, recorder):
        per_run.append("two")
        recorder.seen.append(("two", len(per_run)))
        assert recorder.fail_two is False
    """
)


class Recorder:
    def __init__(self) -> None:
        self.seen: list[tuple[str, int]] = []
        self.fail_two = False
        self.outcomes: list[tuple[str, str]] = []

    @pytest.fixture(name="recorder")
    def recorder_fixture(self) -> Recorder:
        return self

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.outcomes.append((report.nodeid.split("::")[-1], report.outcome))


def _session(tmp_path, recorder: Recorder) -> GraderSession:
    (tmp_path / "test_graders.py").write_text(GRADERS)
    args = [
        str(tmp_path),
        "-q",
        "-p",
        "no:cacheprovider",
        "--capture=no",
        "--rootdir",
        str(tmp_path),
    ]
    return GraderSession([*args, "--import-mode=importlib"], [recorder])


def test_each_run_has_fresh_fixtures_and_its_own_reports(tmp_path, capsys):
    recorder = Recorder()
    session = _session(tmp_path, recorder)
    try:
        session.run(lambda item: True)
        recorder.fail_two = True
        session.run(lambda item: True)
        # the session-scoped fixture was torn down after each run: it starts empty again
        assert recorder.seen == [("one", 1), ("two", 2), ("one", 1), ("two", 2)]
        assert recorder.outcomes == [
            ("test_one", "passed"),
            ("test_two", "passed"),
            ("test_one", "passed"),
            ("test_two", "failed"),
        ]
        recorder.seen.clear()
        session.run(lambda item: item.name == "test_two")
        assert recorder.seen == [("two", 1)]
        print("the caller's own output")
    finally:
        session.close()
    module = next(m for name, m in sys.modules.items() if name.endswith("test_graders"))
    assert len(module.SETUPS) == 3  # imported once, its session fixture set up per run (3)
    captured = capsys.readouterr()
    assert captured.out == "the caller's own output\n"  # nothing of pytest's or the graders'


def test_a_session_that_cannot_start_says_so(tmp_path):
    with pytest.raises(SessionFailed):
        GraderSession([str(tmp_path), "--no-such-option"], [])


BRIEF = textwrap.dedent(
    """
    import warnings
    import pytest

    def test_fails():
        raise ValueError("kaputt\\nzweite Zeile")

    def test_skips():
        pytest.skip("not here")

    def test_warns():
        warnings.warn("noisy", RuntimeWarning)
    """
)


class Reports:
    def __init__(self) -> None:
        self.calls: dict[str, pytest.TestReport] = {}

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        if report.when == "call":
            self.calls[report.nodeid.split("::")[-1]] = report


def test_failures_are_reported_briefly_without_terminal_or_warnings_plugins(tmp_path, capsys):
    """The grading session's own set-up: no terminal reporter, warnings ignored per run."""
    (tmp_path / "test_brief.py").write_text(BRIEF)
    reports = Reports()
    args = [str(tmp_path), "-p", "no:terminal", "-p", "no:warnings", "-p", "no:cacheprovider"]
    session = GraderSession(
        [*args, "--rootdir", str(tmp_path), "--import-mode=importlib"], [reports]
    )
    try:
        session.run(lambda item: True)
    finally:
        session.close()
    fails, skips, warns = (reports.calls[f"test_{n}"] for n in ("fails", "skips", "warns"))
    assert fails.outcome == "failed" and fails.longrepr == "ValueError: kaputt\nzweite Zeile"
    assert skips.outcome == "skipped" and "not here" in str(skips.longrepr)  # pytest's own
    assert warns.outcome == "passed"
    assert capsys.readouterr() == ("", "")
