"""Sign-in tokens: one per student of the course's nbgrader gradebook (or named ones).

Only a token's hash is stored; the token itself is printed once, as a link to hand out.
"""

from __future__ import annotations

from autograder.collect.candidates import SAFE_ID
from autograder.config import ConfigError
from autograder.serve.store import Store


def issue_tokens(store: Store, student_ids: list[str], renew: bool = False) -> dict[str, str]:
    """New tokens for the students without one (all of them with ``renew``): id → token."""
    bad = [s for s in student_ids if not SAFE_ID.match(s)]
    if bad:
        raise ConfigError(f"unusable student ids (letters, digits, . _ @ -): {', '.join(bad)}")
    known = set() if renew else store.known_students()
    return {s: store.add_student(s) for s in dict.fromkeys(student_ids) if s not in known}
