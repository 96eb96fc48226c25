"""On-time statistics: one April 2026 with one dossier per rule, counted by hand."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app import clock
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import Dossier, SyncState, User
from counter_app.stats import GRANULARITY_KEY, on_time_report

NOW = "2026-05-15T10:00:00+07:00"
GUARDIANSHIP = "1.004837"  # 3 working days
TEMP_RESIDENCE = "1.004194"  # 3 working days
APRIL = (date(2026, 4, 1), date(2026, 4, 30))

Step = tuple[str, Status]


@pytest.fixture
def april(
    counter: Counter, supervisor: User, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> dict[str, Dossier]:
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    made: dict[str, Dossier] = {}

    def dossier(
        name: str,
        received: str,
        steps: list[Step],
        proc: str = GUARDIANSHIP,
        actor: User = supervisor,
    ) -> None:
        req = IntakeRequest(
            procedure_code=proc,
            full_name=f"Người {name}",
            id_number="001099012345",
            phone="0912345678",
            received_at=clock.parse_iso(received),
        )
        d = counter.dossiers.intake(actor, req)
        for at, status in steps:
            d = counter.dossiers.change_status(actor, d.code, status, at=clock.parse_iso(at))
        made[name] = d

    ready = Status.RESULT_READY
    # Received Wednesday 1 April 09:00: due Monday 6 April 09:00.
    dossier("A_early", "2026-04-01T09:00", [("2026-04-02T10:00", ready)])
    dossier("B_on_time", "2026-04-01T09:00", [("2026-04-06T08:00", ready)])
    dossier("C_late", "2026-04-01T09:00", [("2026-04-06T09:30", ready)])
    # One supplement request, 8 working hours waited: due moves to 7 April 09:00.
    dossier(
        "D_paused",
        "2026-04-01T09:00",
        [
            ("2026-04-02T09:00", Status.SUPPLEMENT_REQUESTED),
            ("2026-04-03T09:00", Status.PROCESSING),
            ("2026-04-07T08:00", ready),
        ],
    )
    # Two supplement requests: late whatever the dates.
    dossier(
        "E_two_supplements",
        "2026-04-01T09:00",
        [
            ("2026-04-01T10:00", Status.SUPPLEMENT_REQUESTED),
            ("2026-04-01T11:00", Status.PROCESSING),
            ("2026-04-01T14:00", Status.SUPPLEMENT_REQUESTED),
            ("2026-04-01T15:00", Status.PROCESSING),
            ("2026-04-02T09:00", ready),
        ],
    )
    dossier("F_stopped", "2026-04-01T09:00", [("2026-04-02T09:00", Status.STOPPED)])
    dossier("G_waiting", "2026-04-01T09:00", [("2026-04-03T09:00", Status.SUPPLEMENT_REQUESTED)])
    # Received 28 April: due 5 May (30 April and 1 May are holidays): in progress, on time.
    dossier("H_open", "2026-04-28T09:00", [("2026-04-28T10:00", Status.PROCESSING)], actor=clerk)
    dossier("I_open_late", "2026-04-02T09:00", [], proc=TEMP_RESIDENCE, actor=clerk)
    dossier("K_march", "2026-03-31T09:00", [("2026-04-02T09:00", ready)])
    dossier("J_apology", "2026-04-01T09:00", [])
    # At least one working day before its due date (Monday 6 April 09:00).
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-04-03T08:00:00+07:00")
    counter.dossiers.record_apology(
        supervisor, made["J_apology"].code, "Chờ xác minh", clock.parse_iso("2026-04-08T17:00")
    )
    monkeypatch.setenv("COUNTER_APP_NOW", NOW)
    counter.dossiers.change_status(
        supervisor, made["J_apology"].code, ready, at=clock.parse_iso("2026-04-08T10:00")
    )
    counter.dossiers.refuse_intake(
        supervisor,
        IntakeRequest(
            procedure_code=GUARDIANSHIP,
            full_name="Người L",
            id_number="001099012345",
            phone="0912345678",
            received_at=clock.parse_iso("2026-04-01T09:00"),
        ),
        "Không thuộc thẩm quyền",
    )
    counter.dossiers.rate(supervisor, made["A_early"].code, "hai_long")
    counter.dossiers.rate(supervisor, made["C_late"].code, "khong_hai_long")
    # as the sync engine marks it once the province has acknowledged it
    counter._store.dossiers.set_sync_state(made["A_early"].uuid, SyncState.SYNCED)
    return made


def test_april_totals_follow_every_rule(counter: Counter, april: dict[str, Dossier]) -> None:
    total = on_time_report(counter._store, *APRIL).total
    assert total.received == 10  # K was received in March, L was refused at intake
    assert total.settled == 9  # K, and G that waits for the citizen since 3 April
    assert (total.early, total.on_time, total.late) == (4, 2, 3)  # A F G K | B D | C E J
    assert (total.in_progress, total.in_progress_late) == (2, 1)  # H | I
    assert total.on_time_rate == round(100 * 6 / 9, 2)
    assert total.synced_share == 10.0
    assert (total.rated, total.satisfied, total.dissatisfied) == (2, 1, 1)
    assert total.satisfaction_index == round(100 - 100 * 4 / 9, 2)


def test_minute_granularity_turns_same_day_into_early(
    counter: Counter, april: dict[str, Dossier]
) -> None:
    counter._store.meta.set(GRANULARITY_KEY, "minute")
    total = on_time_report(counter._store, *APRIL).total
    assert (total.early, total.on_time, total.late) == (6, 0, 3)


def test_groups_add_up_and_split_by_procedure_and_clerk(
    counter: Counter, april: dict[str, Dossier]
) -> None:
    by_proc = {g.key: g for g in on_time_report(counter._store, *APRIL, by="procedure").groups}
    assert by_proc[TEMP_RESIDENCE].received == 1
    assert by_proc[TEMP_RESIDENCE].in_progress_late == 1
    assert by_proc[TEMP_RESIDENCE].label == "Đăng ký tạm trú"
    assert by_proc[GUARDIANSHIP].settled == 9
    by_clerk = {g.key: g for g in on_time_report(counter._store, *APRIL, by="clerk").groups}
    assert (by_clerk["lan"].received, by_clerk["admin"].received) == (2, 8)


def test_by_day_counts_settled_on_the_day_they_ended(
    counter: Counter, april: dict[str, Dossier]
) -> None:
    days = {g.key: g for g in on_time_report(counter._store, *APRIL, by="day").groups}
    assert days["2026-04-01"].received == 8
    assert days["2026-04-02"].settled == 4  # A, E, F, K
    assert days["2026-04-06"].late == 1 and days["2026-04-06"].on_time == 1  # C, B


def test_unfinished_dossiers_are_judged_at_the_end_of_the_period(
    counter: Counter, april: dict[str, Dossier]
) -> None:
    # Judged at the start of 3 April: I (due 7 April) is not late yet.
    early_april = on_time_report(counter._store, date(2026, 4, 1), date(2026, 4, 2)).total
    assert early_april.settled == 4  # A, E, F and K on 2 April; nothing else yet
    assert early_april.in_progress == 6  # B C D G I J, whatever happened to them later
    assert early_april.in_progress_late == 0
    may = on_time_report(counter._store, date(2026, 5, 1), date(2026, 5, 31)).total
    assert may.received == 0 and may.settled == 0
    assert may.in_progress == 2  # H and I are still open; G ended at its request time
    assert may.in_progress_late == 2  # judged now (15 May): both past due


def test_stopped_and_apologised_dossiers_keep_the_due_date_they_are_judged_by(
    counter: Counter, april: dict[str, Dossier]
) -> None:
    stopped = counter.dossiers.get(april["F_stopped"].code)
    assert stopped.due_at is None
    assert stopped.extra["due_at_when_ended"] == "2026-04-06T09:00:00+07:00"
    apologised = counter.dossiers.get(april["J_apology"].code)
    assert apologised.due_at == "2026-04-06T09:00:00+07:00"  # the original, judged by
    assert apologised.extended_due_at == "2026-04-08T17:00:00+07:00"


def test_bad_period_is_refused(counter: Counter) -> None:
    from counter_app.errors import ValidationError

    with pytest.raises(ValidationError):
        on_time_report(counter._store, date(2026, 4, 30), date(2026, 4, 1))
    with pytest.raises(ValidationError):
        on_time_report(counter._store, *APRIL, by="weekday")
