"""Background sync: whenever the hub is reachable, sync; when it is not, probe again later
with exponential backoff. A plain class the desktop app runs in a worker thread (no Qt).

The loop opens its own Counter (a database connection belongs to one thread), respects each
record's next_attempt_at (force=False), and stops at once when its stop event is set. It can be
switched off with `counter-app server auto off` (or `Counter.sync_book.set_auto_enabled`).

`run_round` is one round, shared with the desktop app, whose scheduler (ui/sync_service.py)
runs it on the network worker: it says why nothing was sent (switched off, no hub configured,
hub unreachable) instead of a bare None.
"""

from __future__ import annotations

import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from counter_app.counter import Counter

from .engine import Cancel, Progress, SyncResult, sync_now
from .probe import is_reachable
from .schedule import backoff

INTERVAL = timedelta(minutes=5)  # between syncs while the hub answers
MAX_BACKOFF = timedelta(hours=1)  # the longest wait between probes while it does not
PROBE_BASE = timedelta(seconds=30)  # doubled per failed round: the first wait is up to 1 min


OFF = "off"  # background sync switched off by a supervisor
UNCONFIGURED = "unconfigured"  # no hub URL and token yet
UNREACHABLE = "unreachable"  # the probe got no answer: the run was not tried
DONE = "done"  # a run happened: see its result (which may have failed)


@dataclass(frozen=True)
class Round:
    state: str
    result: SyncResult | None = None


def run_round(
    counter: Counter,
    *,
    force: bool = False,
    trigger: str = "auto",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    probe: Callable[[str, str | None], bool] = is_reachable,
) -> Round:
    """One round. A forced (manual) round ignores the on/off switch, each record's next attempt
    and the probe: a supervisor who presses the button wants the real answer."""
    book = counter.sync_book
    settings = book.server()
    if settings is None:
        return Round(UNCONFIGURED)
    if not force:
        if not book.auto_enabled():
            return Round(OFF)
        if not probe(settings.url, settings.ca_file):
            return Round(UNREACHABLE)
    result = sync_now(counter, progress=progress, trigger=trigger, force=force, cancel=cancel)
    return Round(DONE, result)


class AutoSync:
    def __init__(
        self,
        open_counter: Callable[[], Counter],
        *,
        interval: timedelta = INTERVAL,
        max_backoff: timedelta = MAX_BACKOFF,
        progress: Progress | None = None,
        on_result: Callable[[SyncResult], None] | None = None,
        rng: random.Random | None = None,
    ) -> None:
        self.open_counter = open_counter
        self.interval = interval
        self.max_backoff = max_backoff
        self.progress = progress
        self.on_result = on_result
        self.rng = rng or random.Random()
        self.failures = 0
        self.stop_event = threading.Event()

    def run(self) -> None:
        """The loop; returns when stop() is called."""
        while not self.stop_event.is_set():
            result = self.run_once()
            self.stop_event.wait(self.next_delay(result).total_seconds())

    def stop(self) -> None:
        self.stop_event.set()

    def run_once(self) -> SyncResult | None:
        """One round: None when switched off, not configured or the hub is unreachable."""
        counter = self.open_counter()
        try:
            result = run_round(
                counter, progress=self.progress, cancel=self.stop_event.is_set
            ).result
        finally:
            counter.close()
        if result is None:
            return None
        if self.on_result is not None:
            self.on_result(result)
        return result

    def next_delay(self, result: SyncResult | None) -> timedelta:
        if result is not None and result.ok:
            self.failures = 0
            return self.interval
        self.failures += 1
        return backoff(self.failures, PROBE_BASE, self.max_backoff, self.rng)
