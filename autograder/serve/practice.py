"""Practice feedback draws its hidden inputs per attempt, never from the final grading seed.

The attempt's seed is an HMAC of the course secret over a label that the final grading never
uses, so expected values a student sees in practice feedback say nothing about the final
inputs, and no two attempts see the same inputs (repeating an upload teaches nothing new).
"""

from __future__ import annotations

import hashlib
import hmac


def practice_seed(secret_seed: str, aid: str, public_id: str) -> str:
    message = f"practice-feedback\0{aid}\0{public_id}".encode()
    return hmac.new(secret_seed.encode(), message, hashlib.sha256).hexdigest()
