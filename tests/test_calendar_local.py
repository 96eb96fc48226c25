"""The office's calendar in the database: local and provincial overrides, history, cache."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from counter_app import clock
from counter_app.calendar import (
    CalendarOverride,
    calendar_data,
    parse_calendar_data,
    parse_calendar_file,
)
from counter_app.counter import Counter
from counter_app.errors import NotFound, PermissionDenied, ValidationError
from counter_app.models import User

MON_30_NOV = date(2026, 11, 30)
SAT_5_DEC = date(2026, 12, 5)


def test_day_off_changes_due_dates_and_is_recorded_with_who_and_when(
    counter: Counter, supervisor: User
) -> None:
    received = clock.parse_iso("2026-11-27T09:00")  # Friday
    before = counter.calendar_book.due_date("1.003677", received)  # 1 working day
    assert before == clock.parse_iso("2026-11-30T09:00")
    counter.calendar_book.add_day_off(supervisor, MON_30_NOV, "Bão số 15")
    assert counter.calendar_book.due_date("1.003677", received) == clock.parse_iso(
        "2026-12-01T09:00"
    )
    [record] = counter._store.calendar.records(2026)
    assert record.override == CalendarOverride(MON_30_NOV, "off", "Bão số 15", "local")
    assert record.changed_by == "admin" and record.version >= 1
    assert counter._store.calendar.history(MON_30_NOV)[0][2:6] == (
        "set",
        "off",
        "Bão số 15",
        "admin",
    )


def test_make_up_saturday_becomes_working_time(counter: Counter, supervisor: User) -> None:
    friday_late = clock.parse_iso("2026-12-04T16:00")
    assert counter.calendar_book.due_date("1.003677", friday_late) == clock.parse_iso(
        "2026-12-07T16:00"
    )
    counter.calendar_book.add_working_day(supervisor, SAT_5_DEC, "Làm bù")
    assert counter.calendar_book.due_date("1.003677", friday_late) == clock.parse_iso(
        "2026-12-05T16:00"
    )


def test_clerk_cannot_edit_the_calendar(counter: Counter, clerk: User) -> None:
    for change in (
        lambda: counter.calendar_book.add_day_off(clerk, MON_30_NOV, "x"),
        lambda: counter.calendar_book.add_working_day(clerk, SAT_5_DEC, "x"),
        lambda: counter.calendar_book.remove_day(clerk, MON_30_NOV),
    ):
        with pytest.raises(PermissionDenied):
            change()
    assert counter.calendar_book.days(2026) == []


def test_reason_required_and_nothing_written(counter: Counter, supervisor: User) -> None:
    with pytest.raises(ValidationError):
        counter.calendar_book.add_day_off(supervisor, MON_30_NOV, "  ")
    assert counter.calendar_book.days(2026) == []
    assert counter._store.calendar.history() == []


def test_remove_restores_and_keeps_history(counter: Counter, supervisor: User) -> None:
    counter.calendar_book.add_day_off(supervisor, MON_30_NOV, "Bão")
    counter.calendar_book.remove_day(supervisor, MON_30_NOV)
    assert counter.calendar_book.current().is_working_day(MON_30_NOV)
    actions = [h[2] for h in counter._store.calendar.history(MON_30_NOV)]
    assert actions == ["set", "remove"]
    with pytest.raises(NotFound):
        counter.calendar_book.remove_day(supervisor, MON_30_NOV)


def test_published_calendar_replaces_earlier_provincial_entries(counter: Counter) -> None:
    first = [
        CalendarOverride(date(2026, 1, 2), "off", "Nghỉ Tết Dương lịch", "province"),
        CalendarOverride(date(2026, 1, 10), "work", "Làm bù", "province"),
    ]
    assert counter.calendar_book.apply_published(first, 1) == 2
    assert not counter.calendar_book.current().is_working_day(date(2026, 1, 2))
    assert counter.calendar_book.current().is_working_day(date(2026, 1, 10))
    assert counter.calendar_book.apply_published(first, 1) == 0  # a retry changes nothing
    second = [CalendarOverride(date(2026, 1, 2), "off", "Nghỉ Tết Dương lịch", "province")]
    assert counter.calendar_book.apply_published(second, 2) == 1  # 10 Jan removed
    assert not counter.calendar_book.current().is_working_day(date(2026, 1, 10))
    assert counter.calendar_book.published_version() == 2
    assert counter.calendar_book.apply_published(first, 1) == 0  # an older version is ignored
    assert [o.day for o in counter.calendar_book.days(2026)] == [date(2026, 1, 2)]


def test_local_entry_wins_over_province_on_the_same_date(
    counter: Counter, supervisor: User
) -> None:
    day = date(2026, 1, 2)
    counter.calendar_book.apply_published([CalendarOverride(day, "off", "Tỉnh", "province")], 1)
    counter.calendar_book.add_working_day(supervisor, day, "Trực tiếp nhận hồ sơ")
    assert counter.calendar_book.current().is_working_day(day)
    assert {o.source for o in counter.calendar_book.days(2026)} == {"local", "province"}
    counter.calendar_book.remove_day(supervisor, day)
    assert not counter.calendar_book.current().is_working_day(day)
    with pytest.raises(ValidationError):  # the province's entry is not removed locally
        counter.calendar_book.remove_day(supervisor, day)


def test_cache_sees_changes_made_through_another_counter(
    counter: Counter, supervisor: User
) -> None:
    assert (
        counter.calendar_book.current() is counter.calendar_book.current()
    )  # cached between calls
    other = Counter.open(counter._store.path.parent)
    try:
        other.calendar_book.add_day_off(
            other.accounts.login("admin", "matkhau-123"), MON_30_NOV, "Bão"
        )
    finally:
        other.close()
    assert not counter.calendar_book.current().is_working_day(MON_30_NOV)


def test_sessions_are_a_setting_of_the_office(counter: Counter, supervisor: User) -> None:
    counter.calendar_book.set_work_sessions(
        supervisor, ((time(7, 30), time(11, 30)), (time(13, 0), time(17, 0)))
    )
    cal = counter.calendar_book.current()
    assert cal.sessions[0][0] == time(7, 30)
    assert cal.day_length.total_seconds() == 8 * 3600
    with pytest.raises(ValidationError):
        counter.calendar_book.set_work_sessions(supervisor, ((time(13, 0), time(11, 0)),))
    assert counter.calendar_book.work_sessions()[0][0] == time(7, 30)


def test_calendar_file_round_trip_and_errors(tmp_path: Path) -> None:
    path = tmp_path / "cal.json"
    days = [CalendarOverride(date(2026, 1, 2), "off", "Tết", "province")]
    path.write_text(json.dumps(calendar_data(3, days)), encoding="utf-8")
    assert parse_calendar_file(path) == (3, days)
    for bad in (
        {"version": 0, "days": []},
        {"version": 1, "days": [{"date": "x", "kind": "off"}]},
        {"version": 1, "days": [{"date": "2026-01-02", "kind": "holiday"}]},
        {"version": 1, "days": [{"date": "2026-01-02", "kind": "off"}] * 2},
        [],
    ):
        with pytest.raises(ValidationError):
            parse_calendar_data(bad)
    with pytest.raises(ValidationError):
        parse_calendar_file(tmp_path / "missing.json")


def test_sessions_changed_through_the_generic_setting_reach_the_cache(
    counter: Counter, supervisor: User
) -> None:
    assert counter.calendar_book.current().sessions[0][0] == time(7, 0)
    counter.set_setting(supervisor, "work_sessions", ["08:00-12:00", "13:00-17:00"])
    assert counter.calendar_book.current().sessions[0][0] == time(8, 0)
