"""``autograder audit`` from the command line: a seeded sample of one task, its reports and its
exit code."""

import json
from pathlib import Path

from tests.test_cli import autograder


def test_audit_of_a_sample_writes_json_html_and_a_table(tmp_path: Path) -> None:
    args = ["a03_optimizers", "--task", "sgd_step", "--sample", "3", "--seed", "cli"]
    run = autograder(
        "audit", *args, "--jobs", "1", "--out", str(tmp_path), "--strict",
        env={"AUTOGRADER_SECRET_SEED": "cli-test"},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert "Mutation audit of a03_optimizers" in run.stdout and "sgd_step" in run.stdout
    report = json.loads((tmp_path / "audit.json").read_text())
    assert (report["sample"], report["seed"], list(report["tasks"])) == (3, "cli", ["sgd_step"])
    sgd = report["tasks"]["sgd_step"]
    assert (sgd["generated"], sgd["mutants"], sgd["killed"], sgd["kill_rate"]) == (8, 3, 3, 1.0)
    assert "sgd_step" in (tmp_path / "audit.html").read_text()
