"""Report, exports, late list and apology letters from the command line and the core API."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from counter_app import clock
from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import Dossier, User
from counter_app.register import REGISTER_HEADERS, register_rows

GUARDIANSHIP = "1.004837"  # 3 working days


def take(counter: Counter, actor: User, received: str, name: str = "Lê Thị Hoa") -> Dossier:
    req = IntakeRequest(
        procedure_code=GUARDIANSHIP,
        full_name=name,
        id_number="001099012345",
        phone="0912345678",
        address="Số 5 Lý Tự Trọng",
        received_at=clock.parse_iso(received),
    )
    return counter.dossiers.intake(actor, req)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_now(value: str) -> None:
        monkeypatch.setenv("COUNTER_APP_NOW", value)

    set_now("2026-04-20T10:00:00+07:00")
    return set_now


def test_report_cli_text_and_json(counter: Counter, supervisor: User, cli: Any, now: Any) -> None:
    a = take(counter, supervisor, "2026-04-01T09:00")
    counter.dossiers.change_status(
        supervisor, a.code, Status.RESULT_READY, at=clock.parse_iso("2026-04-02T09:00")
    )
    take(counter, supervisor, "2026-04-01T09:00")  # due 6 April, still open on 20 April
    data = cli("report", "--from", "2026-04-01", "--to", "2026-04-30", "--json").json()
    total = data["total"]
    assert (total["received"], total["settled"], total["early"], total["late"]) == (2, 1, 1, 0)
    assert (total["in_progress"], total["in_progress_late"]) == (1, 1)
    assert total["on_time_rate"] == 100.0
    assert data["judged_at"] == "2026-04-20T10:00:00+07:00"  # the period has not ended yet
    text = cli("report", "--from", "01/04/2026", "--to", "30/04/2026", "--by", "procedure").out
    assert "1.004837 Đăng ký giám hộ" in text and "100.00%" in text
    assert cli("report", "--from", "2026-04-30", "--to", "2026-04-01").code == 2


def test_granularity_flag_and_setting(
    counter: Counter, supervisor: User, cli: Any, now: Any
) -> None:
    d = take(counter, supervisor, "2026-04-01T09:00")  # due 6 April 09:00
    counter.dossiers.change_status(
        supervisor, d.code, Status.RESULT_READY, at=clock.parse_iso("2026-04-06T08:00")
    )

    def split(*extra: str) -> tuple[int, int]:
        total = cli(
            "report", "--from", "2026-04-01", "--to", "2026-04-30", "--json", *extra
        ).json()["total"]
        return total["early"], total["on_time"]

    assert split() == (0, 1)  # the due day itself: on time by day
    assert split("--granularity", "minute") == (1, 0)  # an hour before: early by minute
    counter.set_setting(supervisor, "early_granularity", "minute")
    assert split() == (1, 0)
    assert split("--granularity", "day") == (0, 1)


def test_register_rows_and_exports(
    counter: Counter, supervisor: User, cli: Any, now: Any, tmp_path: Path
) -> None:
    d = take(counter, supervisor, "2026-04-01T09:00")
    counter.dossiers.change_status(
        supervisor, d.code, Status.RESULT_READY, at=clock.parse_iso("2026-04-03T09:00")
    )
    counter.dossiers.return_result(
        supervisor, d.code, "Lê Thị Hoa", at=clock.parse_iso("2026-04-06T10:00")
    )
    stopped = take(counter, supervisor, "2026-04-02T09:00", "Phạm Văn Nam")
    counter.dossiers.change_status(
        supervisor, stopped.code, Status.STOPPED, at=clock.parse_iso("2026-04-03T09:00")
    )
    take(counter, supervisor, "2026-03-31T09:00")  # outside the period
    rows = register_rows(
        counter, clock.parse_iso("2026-04-01").date(), clock.parse_iso("2026-04-30").date()
    )
    assert [r.number for r in rows] == [1, 2]
    first = rows[0].cells()
    assert first[1] == d.code and first[4] == "Lê Thị Hoa" and first[6] == "0912345678"
    assert first[7:10] == ["01/04/2026", "06/04/2026", "03/04/2026"]
    assert first[10:12] == ["Nguyễn Thị Lan", "Lê Thị Hoa"]  # the giver is the admin's name
    assert rows[1].cells()[8] == "07/04/2026" and "Dừng xử lý" in rows[1].notes

    xlsx, csv_path = tmp_path / "so.xlsx", tmp_path / "so.csv"
    assert (
        cli(
            "export", "register", "--from", "2026-04-01", "--to", "2026-04-30", "--out", str(xlsx)
        ).code
        == 0
    )
    ws = load_workbook(xlsx).active
    assert [c.value for c in ws[2]] == list(REGISTER_HEADERS)
    assert ws.cell(row=3, column=2).value == d.code
    assert ws.cell(row=3, column=8).number_format == "DD/MM/YYYY"
    assert ws.cell(row=3, column=8).value.date().isoformat() == "2026-04-01"
    assert (
        cli(
            "export",
            "register",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
            "--out",
            str(csv_path),
        ).code
        == 0
    )
    with csv_path.open(encoding="utf-8-sig", newline="") as f:
        table = list(csv.reader(f))
    assert table[0] == list(REGISTER_HEADERS)
    assert table[1][7] == "01/04/2026" and len(table) == 3

    report_csv = tmp_path / "bao-cao.csv"
    result = cli(
        "export",
        "report",
        "--from",
        "2026-04-01",
        "--to",
        "2026-04-30",
        "--by",
        "procedure",
        "--out",
        str(report_csv),
    )
    assert result.code == 0, result.err
    with report_csv.open(encoding="utf-8-sig", newline="") as f:
        report = list(csv.reader(f))
    assert report[0][:4] == ["Nhóm", "Tên", "Tiếp nhận", "Đã giải quyết"]
    assert report[-1][0] == "Tổng cộng" and report[-1][2:4] == ["2", "2"]
    assert (
        cli(
            "export",
            "report",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-30",
            "--out",
            str(tmp_path / "x.pdf"),
        ).code
        == 2
    )
    assert not (tmp_path / "x.pdf").exists()


def test_late_flags(counter: Counter, supervisor: User, cli: Any, now: Any) -> None:
    late = take(counter, supervisor, "2026-04-01T09:00")  # due Monday 6 April 09:00
    soon = take(counter, supervisor, "2026-04-02T09:00")  # due Tuesday 7 April 09:00
    later = take(counter, supervisor, "2026-04-03T09:00")  # due Wednesday 8 April 09:00
    now("2026-04-06T10:00:00+07:00")
    assert counter.dossiers.lateness(late.code) == "late"
    assert counter.dossiers.lateness(soon.code) == "due_soon"
    assert counter.dossiers.lateness(later.code) is None
    flags = cli("late", "--json").json()
    assert [(f["code"], f["state"]) for f in flags] == [
        (late.code, "late"),
        (soon.code, "due_soon"),
    ]
    # A supplement request pauses the clock: no flag while waiting for the citizen.
    counter.dossiers.change_status(supervisor, late.code, Status.SUPPLEMENT_REQUESTED)
    assert counter.dossiers.lateness(late.code) is None
    assert [f.code for f in counter.dossiers.late_dossiers()] == [soon.code]


def test_apology_sets_a_new_date_keeps_the_original_and_queues_it(
    counter: Counter, supervisor: User, cli: Any, now: Any
) -> None:
    d = take(counter, supervisor, "2026-04-01T09:00")
    now("2026-04-03T08:00:00+07:00")
    pending = counter.sync_book.pending_count()
    result = cli(
        "apology", d.code, "--reason", "Chờ ý kiến cơ quan khác", "--new-date", "2026-04-10"
    )
    assert result.code == 0, result.err
    updated = counter.dossiers.get(d.code)
    assert updated.extended_due_at == "2026-04-10T17:00:00+07:00"
    assert updated.due_at == "2026-04-06T09:00:00+07:00"  # the original stays
    event = counter.dossiers.events(d.code)[-1]
    assert event.kind == "apology" and event.note == "Chờ ý kiến cơ quan khác"
    assert event.data["old_due_at"] == "2026-04-06T09:00:00+07:00"
    assert event.data["new_due_at"] == "2026-04-10T17:00:00+07:00"
    assert counter.sync_book.pending_count() == pending + 1
    # A second letter keeps the very first appointment as the original.
    counter.dossiers.record_apology(
        supervisor, d.code, "Lần hai", clock.parse_iso("2026-04-13T09:00")
    )
    assert counter.dossiers.get(d.code).due_at == "2026-04-06T09:00:00+07:00"
    assert counter.dossiers.get(d.code).extended_due_at == "2026-04-13T09:00:00+07:00"
    assert counter.dossiers.get(d.code).extra["apology_count"] == 2


@pytest.mark.parametrize(
    ("reason", "new_date"),
    [
        ("", "2026-04-10T09:00"),
        ("Lý do", "2026-04-05T09:00"),
        ("Lý do", "2026-04-11T09:00"),
        ("Lý do", "2026-04-10T12:00"),
    ],  # no reason, before the due date, Saturday, lunch
)
def test_bad_apology_changes_nothing(
    counter: Counter, supervisor: User, now: Any, reason: str, new_date: str
) -> None:
    d = take(counter, supervisor, "2026-04-01T09:00")
    now("2026-04-03T08:00:00+07:00")
    with pytest.raises(ValidationError):
        counter.dossiers.record_apology(supervisor, d.code, reason, clock.parse_iso(new_date))
    assert counter.dossiers.get(d.code).due_at == d.due_at
    assert counter.dossiers.get(d.code).extended_due_at is None
    assert [e.kind for e in counter.dossiers.events(d.code)] == ["intake"]


def test_no_apology_for_a_finished_dossier(counter: Counter, supervisor: User, now: Any) -> None:
    d = take(counter, supervisor, "2026-04-01T09:00")
    counter.dossiers.change_status(
        supervisor, d.code, Status.WITHDRAWN, at=clock.parse_iso("2026-04-02T09:00")
    )
    assert counter.dossiers.get(d.code).due_at is None
    with pytest.raises(ValidationError):
        counter.dossiers.record_apology(
            supervisor, d.code, "x", clock.parse_iso("2026-04-24T09:00")
        )
