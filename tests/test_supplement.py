"""The supplement pause (counter_app/supplement.py) on its own: the rules Counter.dossiers.change_status
applies when a dossier waits for papers and when it moves on."""

from __future__ import annotations

from counter_app import clock, supplement
from counter_app.calendar import WorkCalendar
from counter_app.models import TimeUnit

CALENDAR = WorkCalendar()


def test_a_pause_moves_the_due_date_by_the_working_time_waited() -> None:
    requested, resumed = clock.parse_iso("2026-11-23T09:00"), clock.parse_iso("2026-11-25T09:00")
    extra = supplement.pause({"supplement_days": 0.5}, requested)
    assert extra["supplement_count"] == 1 and extra["supplement_requested_at"]
    due = clock.parse_iso("2026-11-30T09:00")
    out = supplement.resume(CALENDAR, due, extra, resumed, TimeUnit.WORKING_DAYS)
    # Monday 9:00 to Wednesday 9:00 is one working day: 24 Nov is Vietnam Culture Day.
    assert out.due_at == clock.parse_iso("2026-12-01T09:00")
    assert out.extra["supplement_days"] == 2.5 and "supplement_requested_at" not in out.extra
    assert supplement.pause(out.extra, resumed)["supplement_count"] == 2


def test_without_a_recorded_start_there_is_no_pause() -> None:
    """A dossier pulled from the province may lack the pause start."""
    due, now = clock.parse_iso("2026-11-30T09:00"), clock.parse_iso("2026-11-25T09:00")
    out = supplement.resume(CALENDAR, due, {}, now, None)
    assert out.due_at == due and out.extra == {"supplement_days": 0}
