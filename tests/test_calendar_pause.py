"""Supplement requests pause the clock in the core; ended dossiers lose their due date."""

from __future__ import annotations

import pytest

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import Dossier, User


@pytest.fixture(autouse=True)
def _now(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-06-30T10:00:00+07:00")


def take(counter: Counter, actor: User, proc: str, received: str) -> Dossier:
    req = IntakeRequest(
        procedure_code=proc,
        full_name="Đỗ Minh Châu",
        id_number="001099012345",
        phone="0912345678",
        received_at=clock.parse_iso(received),
    )
    return counter.dossiers.intake(actor, req)


def move(counter: Counter, actor: User, code: str, to: Status, at: str) -> Dossier:
    return counter.dossiers.change_status(actor, code, to, at=clock.parse_iso(at))


def test_working_day_procedure_gets_the_working_time_waited(
    counter: Counter, supervisor: User
) -> None:
    d = take(counter, supervisor, "1.004837", "2026-06-01T09:00")  # Monday; due Thu 4 June 09:00
    assert d.due_at == "2026-06-04T09:00:00+07:00"
    move(counter, supervisor, d.code, Status.SUPPLEMENT_REQUESTED, "2026-06-02T09:00")
    # Waited Tuesday 09:00 -> Monday 8 June 13:30: 6 h + 3 x 8 h + 4.5 h = 34.5 h of working
    # time (the weekend is free); Thu 09:00 + 34.5 h = Wednesday 10 June 11:30.
    resumed = move(counter, supervisor, d.code, Status.PROCESSING, "2026-06-08T13:30")
    assert resumed.due_at == "2026-06-10T11:30:00+07:00"
    assert resumed.extra["supplement_count"] == 1
    assert "supplement_requested_at" not in resumed.extra
    assert resumed.extra["supplement_days"] == pytest.approx(6.1875)


def test_waiting_over_a_weekend_only_adds_working_time(counter: Counter, supervisor: User) -> None:
    d = take(counter, supervisor, "1.004837", "2026-06-01T09:00")
    move(counter, supervisor, d.code, Status.SUPPLEMENT_REQUESTED, "2026-06-05T17:00")
    resumed = move(counter, supervisor, d.code, Status.PROCESSING, "2026-06-08T07:00")
    assert resumed.due_at == d.due_at  # Friday closing to Monday opening: no working time


def test_calendar_day_procedure_gets_the_wall_clock_time_waited(
    counter: Counter, supervisor: User
) -> None:
    d = take(counter, supervisor, "1.001699", "2026-06-01T09:00")  # 30 calendar days
    assert d.due_at == "2026-07-01T09:00:00+07:00"
    move(counter, supervisor, d.code, Status.SUPPLEMENT_REQUESTED, "2026-06-02T09:00")
    resumed = move(counter, supervisor, d.code, Status.PROCESSING, "2026-06-05T09:00")
    assert resumed.due_at == "2026-07-06T07:00:00+07:00"  # 4 July is a Saturday: Monday opening


@pytest.mark.parametrize("ending", [Status.STOPPED, Status.WITHDRAWN, Status.REFUSED])
def test_ended_dossiers_have_no_due_date_but_keep_it_for_statistics(
    counter: Counter, supervisor: User, ending: Status
) -> None:
    d = take(counter, supervisor, "1.004837", "2026-06-01T09:00")
    move(counter, supervisor, d.code, Status.SUPPLEMENT_REQUESTED, "2026-06-02T09:00")
    ended = move(counter, supervisor, d.code, ending, "2026-06-03T09:00")
    assert ended.due_at is None
    # The pause until the end still counts: due moved by the 8 h waited.
    assert ended.extra["due_at_when_ended"] == "2026-06-05T09:00:00+07:00"
    assert counter.dossiers.lateness(d.code) is None
