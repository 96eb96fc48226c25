"""Due-date rules on the 2026 calendar: worked examples across every holiday of the year."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from counter_app import clock
from counter_app.calendar import WorkCalendar, calendar_with, national_days
from counter_app.models import Procedure, TimeUnit

CAL = WorkCalendar()


def at(text: str) -> datetime:
    return clock.parse_iso(text)


def proc(value: int, unit: TimeUnit, cutoff: float | None = None) -> Procedure:
    return Procedure(code="T", name="Thử", time_value=value, time_unit=unit, cutoff_hour=cutoff)


DAYS = TimeUnit.WORKING_DAYS


@pytest.mark.parametrize(
    ("received", "value", "unit", "due"),
    [
        # The worked example of the README: Monday 09:00 + 3 working days -> Thursday 09:00.
        ("2026-03-02T09:00", 3, DAYS, "2026-03-05T09:00"),
        # Received during lunch: counting starts at 13:30 (3.5 h today, 4.5 h tomorrow).
        ("2026-03-02T12:00", 1, DAYS, "2026-03-03T11:30"),
        # Received after closing: counting starts the next working morning.
        ("2026-03-02T18:30", 1, DAYS, "2026-03-03T17:00"),
        # Received before opening: counting starts at 07:00 of the same day.
        ("2026-03-02T06:00", 1, DAYS, "2026-03-02T17:00"),
        # Received in the afternoon: 3.5 h left today, 4.5 h tomorrow morning.
        ("2026-03-02T13:30", 1, DAYS, "2026-03-03T11:30"),
        # Received on a Saturday: Monday morning.
        ("2026-03-07T10:00", 1, DAYS, "2026-03-09T17:00"),
        # Tết 2026: 16-20 Feb are holidays, so Friday 13 Feb + 1 day -> Monday 23 Feb.
        ("2026-02-13T09:00", 1, DAYS, "2026-02-23T09:00"),
        ("2026-02-12T09:00", 3, DAYS, "2026-02-24T09:00"),
        # Hùng Kings 2026: 26 Apr is a Sunday, observed on Monday 27 Apr; 30 Apr and 1 May too.
        ("2026-04-24T09:00", 1, DAYS, "2026-04-28T09:00"),
        ("2026-04-29T09:00", 1, DAYS, "2026-05-04T09:00"),
        # National Day 2026: 1-2 Sep plus the moved day 31 Aug, made up on Saturday 22 Aug.
        ("2026-08-28T09:00", 1, DAYS, "2026-09-03T09:00"),
        ("2026-08-21T09:00", 1, DAYS, "2026-08-22T09:00"),
        # Vietnam Culture Day, 24 Nov 2026 (a Tuesday).
        ("2026-11-23T09:00", 3, DAYS, "2026-11-27T09:00"),
        # Working hours: 4 h from Monday 10:00 -> 11:30 + 2.5 h = 16:00.
        ("2026-03-02T10:00", 4, TimeUnit.WORKING_HOURS, "2026-03-02T16:00"),
        # Calendar days landing on a weekend move to Monday's opening.
        ("2026-03-02T09:00", 5, TimeUnit.CALENDAR_DAYS, "2026-03-09T07:00"),
        # ... landing in working time stay as they are.
        ("2026-03-02T09:00", 7, TimeUnit.CALENDAR_DAYS, "2026-03-09T09:00"),
        # ... landing at night move to the next morning; across Tết to 23 Feb.
        ("2026-01-17T19:00", 30, TimeUnit.CALENDAR_DAYS, "2026-02-23T07:00"),
    ],
)
def test_due_dates(received: str, value: int, unit: TimeUnit, due: str) -> None:
    result = CAL.due_at(at(received), proc(value, unit))
    assert result == at(due)
    assert CAL.is_working_time(result)


@pytest.mark.parametrize(
    ("received", "due"),
    [
        ("2026-03-02T09:00", "2026-03-02T17:00"),  # before the cutoff: closing of today
        ("2026-03-02T14:59", "2026-03-02T17:00"),
        ("2026-03-02T15:00", "2026-03-03T17:00"),  # at the cutoff: the next working day
        ("2026-03-06T15:30", "2026-03-09T17:00"),  # Friday after the cutoff: Monday
        ("2026-03-07T09:00", "2026-03-09T17:00"),  # received on a Saturday (online)
        ("2026-02-13T16:00", "2026-02-23T17:00"),  # after the cutoff before Tết
        ("2026-03-02T12:00", "2026-03-02T17:00"),  # during lunch, before the cutoff
    ],
)
def test_same_day_with_cutoff(received: str, due: str) -> None:
    assert CAL.due_at(at(received), proc(0, TimeUnit.SAME_DAY, 15)) == at(due)


def test_same_day_without_cutoff_closes_today_until_closing() -> None:
    same_day = proc(0, TimeUnit.SAME_DAY)
    assert CAL.due_at(at("2026-03-02T16:59"), same_day) == at("2026-03-02T17:00")
    assert CAL.due_at(at("2026-03-02T17:00"), same_day) == at("2026-03-03T17:00")


def test_national_days_of_2026() -> None:
    off = {o.day for o in national_days(2026) if o.kind == "off"}
    work = {o.day for o in national_days(2026) if o.kind == "work"}
    tet = {date(2026, 2, d) for d in range(16, 21)}
    assert (
        tet
        | {
            date(2026, 4, 27),
            date(2026, 8, 31),
            date(2026, 9, 1),
            date(2026, 9, 2),
            date(2026, 11, 24),
            date(2026, 1, 1),
        }
        <= off
    )
    assert work == {date(2026, 8, 22)}
    assert CAL.is_working_day(date(2026, 8, 22))
    assert not any(CAL.is_working_day(d) for d in tet)


def test_time_zone_of_the_caller_does_not_matter() -> None:
    utc = datetime(2026, 3, 2, 2, 0, tzinfo=clock.timezone.utc)  # 09:00 in Hà Nội
    assert CAL.due_at(utc, proc(3, DAYS)) == at("2026-03-05T09:00")


def test_overrides_change_exactly_their_day() -> None:
    local = calendar_with(days_off=[date(2026, 3, 3)], working_days=[date(2026, 3, 7)])
    assert not local.is_working_day(date(2026, 3, 3))
    assert local.is_working_day(date(2026, 3, 7))
    assert local.due_at(at("2026-03-02T09:00"), proc(1, DAYS)) == at("2026-03-04T09:00")
    assert local.due_at(at("2026-03-06T09:00"), proc(1, DAYS)) == at("2026-03-07T09:00")
    # A make-up day on a holiday overrides the national calendar.
    assert calendar_with(working_days=[date(2026, 11, 24)]).is_working_day(date(2026, 11, 24))


def test_supplement_pause_adds_the_working_time_waited() -> None:
    due = at("2026-03-05T09:00")
    # Paused Friday 09:00, resumed Monday 09:00: 8 h of working time waited (weekend free).
    assert CAL.resume_after_pause(due, at("2026-03-06T09:00"), at("2026-03-09T09:00")) == at(
        "2026-03-06T09:00"
    )
    # Waiting entirely outside working time moves nothing.
    assert CAL.resume_after_pause(due, at("2026-03-07T09:00"), at("2026-03-08T18:00")) == due
    # Calendar-day procedures move by the wall-clock time waited, snapped to working time.
    moved = CAL.resume_after_pause(
        due, at("2026-03-02T09:00"), at("2026-03-04T09:00"), TimeUnit.CALENDAR_DAYS
    )
    assert moved == at("2026-03-09T07:00")  # Saturday 09:00 -> Monday opening


def test_custom_sessions_change_the_day_length() -> None:
    short = WorkCalendar(sessions=((time(8, 0), time(12, 0)),))
    assert short.day_length == timedelta(hours=4)
    assert short.due_at(at("2026-03-02T13:00"), proc(1, DAYS)) == at("2026-03-03T12:00")
