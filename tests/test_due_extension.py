"""Original and extended due dates (Mẫu 04), and the reason of a stop notice (Mẫu 05)."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from counter_app import clock
from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import Dossier, User
from counter_app.store import DB_FILENAME, schema
from sync.portal import to_portal

GUARDIANSHIP = "1.004837"  # 3 working days


def take(counter: Counter, actor: User, received: str) -> Dossier:
    req = IntakeRequest(
        procedure_code=GUARDIANSHIP,
        full_name="Lê Thị Hoa",
        id_number="001099012345",
        phone="0912345678",
        received_at=clock.parse_iso(received),
    )
    return counter.dossiers.intake(actor, req)


@pytest.fixture
def now(monkeypatch: pytest.MonkeyPatch) -> Any:
    def set_now(value: str) -> None:
        monkeypatch.setenv("COUNTER_APP_NOW", value)

    return set_now


def test_apology_keeps_the_original_and_sets_the_extension(
    counter: Counter, supervisor: User, now: Any
) -> None:
    now("2026-04-01T09:00:00+07:00")
    d = take(counter, supervisor, "2026-04-01T09:00")  # due Monday 6 April 09:00
    now("2026-04-02T10:00:00+07:00")
    counter.dossiers.record_apology(
        supervisor, d.code, "Chờ xác minh", clock.parse_iso("2026-04-10T09:00")
    )
    got = counter.dossiers.get(d.code)
    assert (got.due_at, got.extended_due_at) == (
        "2026-04-06T09:00:00+07:00",
        "2026-04-10T09:00:00+07:00",
    )
    assert got.appointment == got.extended_due_at
    # Both in the list row and the portal record; the statistics judge the original.
    row = next(r for r in counter.dossiers.page().rows if r.code == d.code)
    assert (row.due_at, row.extended_due_at) == (got.due_at, got.extended_due_at)
    record = to_portal(got, counter.dossiers.events(d.code), counter.office())
    assert record["NgayHenTra"] == "20260406090000"
    assert record["NgayHenTraGiaHan"] == "20260410090000"
    assert record["DanhSachGiaHan"][0]["NgayHenTraTruoc"] == "20260406090000"
    now("2026-04-08T09:00:00+07:00")  # past the original, not the extension: not late here
    assert counter.dossiers.lateness(d.code) is None
    counter.dossiers.change_status(supervisor, d.code, Status.RESULT_READY)
    report = counter.dossiers.on_time_report(date(2026, 4, 1), date(2026, 4, 30)).total
    assert (report.settled, report.late) == (1, 1)


def test_apology_after_the_due_date_is_refused_with_the_reason(
    counter: Counter, supervisor: User, now: Any
) -> None:
    now("2026-04-01T09:00:00+07:00")
    d = take(counter, supervisor, "2026-04-01T09:00")
    now("2026-04-06T09:30:00+07:00")
    with pytest.raises(ValidationError) as err:
        counter.dossiers.record_apology(
            supervisor, d.code, "Trễ", clock.parse_iso("2026-04-10T09:00")
        )
    assert "đã quá hạn trả kết quả" in str(err.value)
    assert counter.dossiers.get(d.code).extended_due_at is None
    assert [e.kind for e in counter.dossiers.events(d.code)] == ["intake"]


def test_the_lead_time_before_the_due_date_is_a_setting(
    counter: Counter, supervisor: User, now: Any
) -> None:
    now("2026-04-01T09:00:00+07:00")
    d = take(counter, supervisor, "2026-04-01T09:00")  # due Monday 6 April 09:00
    now("2026-04-03T13:30:00+07:00")  # Friday afternoon: 3.5 + 2 = 5.5 working hours left
    new = clock.parse_iso("2026-04-10T09:00")
    with pytest.raises(ValidationError, match="1 ngày làm việc"):
        counter.dossiers.record_apology(supervisor, d.code, "Chờ", new)
    assert counter.dossiers.apology_lead_days() == 1
    counter.set_setting(supervisor, "apology_lead_days", 0.5)  # 4 working hours
    counter.dossiers.record_apology(supervisor, d.code, "Chờ", new)
    assert counter.dossiers.get(d.code).extended_due_at == "2026-04-10T09:00:00+07:00"


def test_a_supplement_pause_moves_both_dates(counter: Counter, supervisor: User, now: Any) -> None:
    now("2026-04-01T09:00:00+07:00")
    d = take(counter, supervisor, "2026-04-01T09:00")
    now("2026-04-02T09:00:00+07:00")
    counter.dossiers.record_apology(supervisor, d.code, "Chờ", clock.parse_iso("2026-04-10T09:00"))
    counter.dossiers.change_status(supervisor, d.code, Status.SUPPLEMENT_REQUESTED)
    now("2026-04-03T09:00:00+07:00")  # one working day later
    counter.dossiers.change_status(supervisor, d.code, Status.PROCESSING)
    got = counter.dossiers.get(d.code)
    assert got.due_at == "2026-04-07T09:00:00+07:00"
    assert got.extended_due_at == "2026-04-13T09:00:00+07:00"


def test_old_apologies_are_migrated_to_two_fields(data_dir: Path) -> None:
    """A database from before: the apology had moved due_at and kept the original in extra."""
    c = Counter.open(data_dir)
    c.close()
    # The database as the migrations before this one left it (later ones are not undoable).
    before = schema.MIGRATIONS.index(schema._dossier_extended_due_date)
    for leftover in data_dir.glob(f"{DB_FILENAME}*"):
        leftover.unlink()
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        for migration in schema.MIGRATIONS[:before]:
            migration(conn)
        conn.execute(f"PRAGMA user_version = {before}")
    (data_dir / DB_FILENAME).chmod(0o600)
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        base = (
            "INSERT INTO dossiers (uuid, code, procedure_code, procedure_name, "
            "applicant_name, id_number, phone, received_at, due_at, status, receiving_unit, "
            "resolving_unit, received_by, extra, updated_at) VALUES (?, ?, 'p', 'P', 'A', "
            "'001099012345', '0912345678', 'r', ?, ?, 'X', 'X', 'u', ?, 'r')"
        )
        conn.execute(
            base,
            (
                "u1",
                "C1",
                "NEW",
                "processing",
                json.dumps({"original_due_at": "ORIG", "apology_count": 1}),
            ),
        )
        conn.execute(
            base,
            (
                "u2",
                "C2",
                None,
                "stopped",
                json.dumps({"original_due_at": "ORIG", "due_at_when_ended": "NEW"}),
            ),
        )
        conn.execute(base, ("u3", "C3", "DUE", "received", "{}"))
        conn.execute(base, ("u4", "C4", "DUE", "received", '{"handout_unit": "Y"}'))
    c = Counter.open(data_dir)  # migrates
    c.close()
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        rows = {
            r[0]: r[1:]
            for r in conn.execute(
                "SELECT code, due_at, extended_due_at, extra, handout_unit FROM dossiers"
            )
        }
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema.SCHEMA_VERSION
    assert rows["C1"][:2] == ("ORIG", "NEW") and "original_due_at" not in rows["C1"][2]
    assert rows["C2"][:2] == (None, "NEW")
    assert json.loads(rows["C2"][2]) == {"due_at_when_ended": "ORIG"}
    assert rows["C3"] == ("DUE", None, "{}", "")
    assert rows["C4"][3] == "Y"


def test_a_stop_records_its_reason_for_the_notice(
    counter: Counter, supervisor: User, now: Any, cli: Any
) -> None:
    now("2026-04-01T09:00:00+07:00")
    d = take(counter, supervisor, "2026-04-01T09:00")
    r = cli("status", d.code, "--to", "withdrawn")
    assert r.code != 0 and "--note" in r.err
    assert counter.dossiers.get(d.code).status is Status.RECEIVED
    r = cli("status", d.code, "--to", "withdrawn", "--note", "Công dân xin rút để bổ sung giấy tờ")
    assert r.code == 0, r.err
    event = counter.dossiers.events(d.code)[-1]
    assert (event.new_status, event.note) == ("withdrawn", "Công dân xin rút để bổ sung giấy tờ")
    assert event.data == {"reason": "Công dân xin rút để bổ sung giấy tờ", "stop_notice": True}
    got = counter.dossiers.get(d.code)
    record = to_portal(got, counter.dossiers.events(d.code), counter.office())
    assert record["TrangThaiHoSo"] == "7"
    assert record["ThongBaoDungGiaiQuyet"]["LyDo"] == "Công dân xin rút để bổ sung giấy tờ"
    assert record["NgayHenTra"] == "20260406090000"  # the due date it was judged by
