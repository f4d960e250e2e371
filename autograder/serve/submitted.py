"""``autograder collect --service``: each student's last upload before the deadline goes into
nbgrader's ``submitted/`` layout, through the same screening and admission as every other source
(``timestamp.txt`` holds the upload time, so nbgrader's late-penalty rules apply unchanged)."""

from __future__ import annotations

from datetime import datetime

from autograder.collect.admit import CollectReport, admit
from autograder.collect.candidates import Candidate
from autograder.collect.screen import screen
from autograder.config import ConfigError
from autograder.course import Assignment
from autograder.serve.config import load_serve_config
from autograder.serve.store import Store


def collect_from_service(
    assignment: Assignment, deadline: datetime | None = None, lang: str = "de"
) -> CollectReport:
    config = load_serve_config(assignment.course_root)
    window = config.assignments.get(assignment.aid)
    if deadline is None:
        if window is None:
            raise ConfigError(f"serve.toml has no deadline for {assignment.aid}")
        deadline = window.deadline
    store = Store(config.database_url)
    candidates = [
        Candidate(
            origin=f"service/{upload.public_id}/{assignment.aid}.ipynb",  # the stored upload
            student_id=upload.student_id,
            data=store.content(upload.id),
            timestamp=datetime.fromisoformat(upload.received_at),
            submission_time=True,
        )
        for upload in store.last_before(assignment.aid, deadline)
    ]
    return admit(
        assignment.course_root, assignment.aid, screen(candidates, assignment.spec()), lang
    )
