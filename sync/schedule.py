"""The app's own retry schedule and the adaptive batch size.

HTTP-level retries (urllib3) are a few quick ones for idempotent requests; everything longer
is here: exponential backoff with jitter from a minute to hours, per outbox record.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

BASE_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)


def backoff(doublings: int, base: timedelta, cap: timedelta, rng: random.Random) -> timedelta:
    """Exponential backoff with jitter: base * 2^doublings, capped, then a random half to all
    of it, so desks that lost the network together do not all come back in the same second.
    The one rule for both waits: an outbox record's next attempt and the background probe."""
    ceiling = min(cap, base * (1 << max(0, min(doublings, 20))))
    fraction: float = rng.uniform(0.5, 1.0)
    return ceiling * fraction


def next_attempt(now: datetime, attempts: int, rng: random.Random | None = None) -> datetime:
    """When a record that failed `attempts` times is sent again (a minute, doubling to hours)."""
    return now + backoff(attempts - 1, BASE_DELAY, MAX_DELAY, rng or random.Random())


@dataclass
class AdaptiveBatch:
    """Grow the batch while requests come back quickly, halve it when one fails or is slow:
    big batches on a good link, small ones on a slow or lossy link (less to resend)."""

    size: int = 100
    minimum: int = 1
    maximum: int = 1000
    target_seconds: float = 2.0

    def succeeded(self, seconds: float) -> None:
        if seconds < self.target_seconds / 2:
            self.size = min(self.maximum, self.size * 2)
        elif seconds > self.target_seconds:
            self.size = max(self.minimum, self.size // 2)

    def failed(self) -> None:
        self.size = max(self.minimum, self.size // 4)
