"""Properties of working time that must hold for any moment, amount and local calendar."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from counter_app.calendar import WorkCalendar, calendar_with
from counter_app.clock import VN_TZ
from counter_app.models import Procedure, TimeUnit

CAL = WorkCalendar()

moments = st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 1, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=VN_TZ)
)
units = st.sampled_from(list(TimeUnit))
days_2026 = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
overrides = st.lists(days_2026, max_size=6, unique=True)


def procedure(value: int, unit: TimeUnit, cutoff: float | None = None) -> Procedure:
    return Procedure(code="T", name="Thử", time_value=value, time_unit=unit, cutoff_hour=cutoff)


@given(
    moments, st.integers(0, 40), units, st.sampled_from([None, 15.0, 16.5]), overrides, overrides
)
@settings(max_examples=300, deadline=None)
def test_due_date_always_inside_working_time(
    received: datetime,
    value: int,
    unit: TimeUnit,
    cutoff: float | None,
    off: list[date],
    work: list[date],
) -> None:
    cal = calendar_with(days_off=off, working_days=[d for d in work if d not in off])
    due = cal.due_at(received, procedure(value, unit, cutoff))
    assert cal.is_working_time(due)
    assert cal.is_working_day(due.date())
    assert due >= received or (unit is TimeUnit.SAME_DAY and due.date() >= received.date())


@given(moments, moments, st.integers(0, 30), units)
@settings(deadline=None)  # the first call computes the year's holidays
def test_monotonic_in_receipt_time(a: datetime, b: datetime, value: int, unit: TimeUnit) -> None:
    early, late = min(a, b), max(a, b)
    proc = procedure(value, unit, 15.0)
    assert CAL.due_at(early, proc) <= CAL.due_at(late, proc)


@given(moments, st.integers(0, 30), st.integers(0, 30), units)
@settings(deadline=None)  # the first call computes the year's holidays
def test_monotonic_in_amount(received: datetime, n: int, m: int, unit: TimeUnit) -> None:
    small, big = min(n, m), max(n, m)
    assert CAL.due_at(received, procedure(small, unit)) <= CAL.due_at(
        received, procedure(big, unit)
    )


@given(moments, st.integers(1, 15))
@settings(deadline=None)  # the first call computes the year's holidays
def test_n_working_days_equal_n_single_day_steps(received: datetime, n: int) -> None:
    one_day = procedure(1, TimeUnit.WORKING_DAYS)
    stepped = received
    for _ in range(n):
        stepped = CAL.due_at(stepped, one_day)
    assert CAL.due_at(received, procedure(n, TimeUnit.WORKING_DAYS)) == stepped


@given(moments, st.integers(1, 10))
@settings(deadline=None)  # the first call computes the year's holidays
def test_working_time_between_inverts_adding(received: datetime, n: int) -> None:
    due = CAL.due_at(received, procedure(n, TimeUnit.WORKING_DAYS))
    assert CAL.working_time_between(received, due) == CAL.day_length * n


@given(moments, st.integers(1, 10), days_2026)
@settings(max_examples=300, deadline=None)
def test_a_day_off_delays_exactly_when_it_falls_in_the_counted_span(
    received: datetime, n: int, day: date
) -> None:
    proc = procedure(n, TimeUnit.WORKING_DAYS)
    before = CAL.due_at(received, proc)
    after = calendar_with(days_off=[day]).due_at(received, proc)
    counted = CAL.is_working_day(day) and received.date() <= day <= before.date()
    spent_on_day = counted and CAL.working_time_between(
        max(received, datetime.combine(day, datetime.min.time(), VN_TZ)),
        min(before, datetime.combine(day + timedelta(days=1), datetime.min.time(), VN_TZ)),
    ) > timedelta(0)
    if spent_on_day:
        assert after > before
    else:
        assert after == before


@given(moments, st.integers(1, 10), days_2026)
@settings(max_examples=300, deadline=None)
def test_a_make_up_day_advances_exactly_when_it_comes_before_the_due_date(
    received: datetime, n: int, day: date
) -> None:
    proc = procedure(n, TimeUnit.WORKING_DAYS)
    before = CAL.due_at(received, proc)
    after = calendar_with(working_days=[day]).due_at(received, proc)
    helps = not CAL.is_working_day(day) and received < CAL.closing_of(day)
    if helps and day < before.date():
        assert after < before
    else:
        assert after == before
