"""The supplement pause: while the office waits for papers it asked the citizen to add, the
dossier's clock stops; when the dossier moves on, its due date moves by the time spent waiting.

Kept beside the due-date rules (counter_app/calendar.py does the working-time arithmetic);
the dossier's `extra` carries the pause start, the number of requests and the days paused, for
the register and the on-time statistics.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from . import clock
from .calendar import WorkCalendar
from .models import TimeUnit

REQUESTED_AT = "supplement_requested_at"
COUNT = "supplement_count"
DAYS = "supplement_days"


@dataclass(frozen=True)
class Resumed:
    due_at: datetime
    extra: dict[str, Any]


def pause(extra: dict[str, Any], now: datetime) -> dict[str, Any]:
    """`extra` once a supplement is requested: the pause starts now, one more request."""
    return {**extra, REQUESTED_AT: clock.iso(now), COUNT: int(extra.get(COUNT, 0)) + 1}


def resume(
    calendar: WorkCalendar,
    due_at: datetime,
    extra: dict[str, Any],
    now: datetime,
    unit: TimeUnit | None,
) -> Resumed:
    """The due date pushed by the pause and `extra` with the pause closed. A dossier pulled
    from the province may lack the pause start: no pause then."""
    extra = dict(extra)
    paused = clock.parse_iso(extra.pop(REQUESTED_AT, clock.iso(now)))
    extra[DAYS] = extra.get(DAYS, 0) + _days(now - paused)
    return Resumed(calendar.resume_after_pause(due_at, paused, now, unit), extra)


def _days(delta: timedelta) -> float:
    return round(delta.total_seconds() / 86400, 4)
