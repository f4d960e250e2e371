"""Practice feedback draws its hidden inputs per attempt, never from the final grading seed.

The attempt's seed is an HMAC of the course secret over a label that the final grading never
uses and a random nonce of its own, so expected values a student sees in practice feedback say
nothing about the final inputs, and no two attempts see the same inputs (repeating an upload
teaches nothing new). The nonce is recorded with the attempt's result (the database is on the
trusted side; without the secret it says nothing), so its feedback can be reproduced.

A grading process draws the nonce of each assignment's *next* attempt ahead of time and, while
it is idle, computes that seed's reference results (``autograder.engine.prepare``); the next
attempt takes it, and another is drawn. Prepared nonces live only in that process's memory: one
is used by one attempt at most, and one that a restart or a crash takes away is simply gone.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable

from autograder.engine.prepare import Stop

Prepare = Callable[[str, str, Stop], bool]  # (aid, seed, stop) → finished


def practice_seed(secret_seed: str, aid: str, nonce: str) -> str:
    message = f"practice-feedback\0{aid}\0{nonce}".encode()
    return hmac.new(secret_seed.encode(), message, hashlib.sha256).hexdigest()


def new_nonce() -> str:
    return secrets.token_hex(16)


class PreparedSeeds:
    """Per assignment, the nonce the next attempt graded here will take, prepared when idle."""

    def __init__(self, secret_seed: str, prepare: Prepare) -> None:
        self._secret_seed = secret_seed
        self._prepare = prepare
        self._next: dict[str, str] = {}  # aid → nonce, prepared (or partly) and never used
        self._complete: set[str] = set()

    def seed(self, aid: str, nonce: str) -> str:
        return practice_seed(self._secret_seed, aid, nonce)

    def take(self, aid: str) -> str:
        """The nonce for an attempt of ``aid``: the prepared one (then it is gone), else new."""
        self._complete.discard(aid)
        return self._next.pop(aid, None) or new_nonce()

    def is_prepared(self, aid: str) -> bool:
        return aid in self._complete

    def prepare_idle(self, aids: list[str], stop: Stop) -> None:
        """Draw and prepare the next nonce of each assignment, until ``stop`` says a job waits
        (a partly prepared one stays next, to be finished when idle again)."""
        for aid in aids:
            if aid in self._complete:
                continue
            if stop():
                return
            nonce = self._next.setdefault(aid, new_nonce())
            if not self._prepare(aid, self.seed(aid, nonce), stop):
                return
            self._complete.add(aid)
