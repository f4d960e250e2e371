"""Hidden inputs: one random generator per test, derived from the course's secret seed."""

from __future__ import annotations

import copy
import functools
import hashlib

import numpy as np


def rng_for(secret_seed: str, assignment: str, test_id: str) -> np.random.Generator:
    """Same secret, assignment and test → the same inputs on every regrade.

    The generator is ``np.random.default_rng`` of the seed; its ``SeedSequence`` (the costly
    part: every student of a batch asks for the same tests' generators) is made once per test
    and copied, so that a generator's ``spawn`` counts its children apart from the others'."""
    sequence = copy.copy(_seed_sequence(secret_seed, assignment, test_id))
    return np.random.Generator(np.random.PCG64(sequence))


@functools.lru_cache(maxsize=4096)
def _seed_sequence(secret_seed: str, assignment: str, test_id: str) -> np.random.SeedSequence:
    digest = hashlib.sha256(f"{secret_seed}\0{assignment}\0{test_id}".encode()).digest()
    return np.random.SeedSequence(int.from_bytes(digest[:16], "big"))
