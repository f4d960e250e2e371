"""``autograder audit`` from the command line: a seeded sample of one task, its reports and its
exit code."""

import json
from pathlib import Path

import pytest

from autograder.cli import main


def test_audit_of_a_sample_writes_json_html_and_a_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", "cli-test")
    args = ["a03_optimizers", "--task", "sgd_step", "--sample", "2", "--seed", "cli"]
    assert main(["audit", *args, "--jobs", "1", "--out", str(tmp_path), "--strict"]) == 0
    shown = capsys.readouterr().out
    assert "Mutation audit of a03_optimizers" in shown and "sgd_step" in shown
    report = json.loads((tmp_path / "audit.json").read_text())
    assert (report["sample"], report["seed"], list(report["tasks"])) == (2, "cli", ["sgd_step"])
    sgd = report["tasks"]["sgd_step"]
    assert (sgd["generated"], sgd["mutants"], sgd["killed"], sgd["kill_rate"]) == (8, 2, 2, 1.0)
    assert "sgd_step" in (tmp_path / "audit.html").read_text()


def test_an_unknown_task_is_a_usage_error(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AUTOGRADER_SECRET_SEED", "cli-test")
    assert main(["audit", "a03_optimizers", "--task", "no_such_task", "--out", str(tmp_path)]) == 2
