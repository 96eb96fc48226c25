"""Time limits as decimals with a unit: half days, 1.5 days, working hours, and the published
words of catalogues read on import (or refused, naming the entry and its line)."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from counter_app import clock
from counter_app.calendar import WorkCalendar
from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.models import Procedure, TimeUnit, User
from counter_app.resources import load_procedures_file
from counter_app.store import DB_FILENAME
from counter_app.time_limits import format_time_limit, parse_time_limit

CAL = WorkCalendar()
DAYS, HOURS = TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS


def at(text: str) -> datetime:
    return clock.parse_iso(text)


def proc(value: float, unit: TimeUnit) -> Procedure:
    return Procedure(code="T", name="Thử", time_value=value, time_unit=unit)


@pytest.mark.parametrize(
    ("received", "value", "unit", "due"),
    [
        # Half a working day is 4 working hours: Monday 08:00 -> 11:30 is 3.5 h, +0.5 h after lunch.
        ("2026-03-02T08:00", 0.5, DAYS, "2026-03-02T14:00"),
        # ... received at 07:00: the whole morning (4.5 h) is more than enough.
        ("2026-03-02T07:00", 0.5, DAYS, "2026-03-02T11:00"),
        # ... received during lunch: counting starts 13:30, 4 h -> 17:00 would need 3.5 h + 0.5 h.
        ("2026-03-02T12:15", 0.5, DAYS, "2026-03-03T07:30"),
        # ... received in the evening: the next morning.
        ("2026-03-02T19:00", 0.5, DAYS, "2026-03-03T11:00"),
        # ... received on Friday afternoon: 1 h left on Friday, 3 h on Monday.
        ("2026-03-06T16:00", 0.5, DAYS, "2026-03-09T10:00"),
        # ... across Tết 2026 (16-20 Feb off): Friday 13 Feb 16:00 -> Monday 23 Feb.
        ("2026-02-13T16:00", 0.5, DAYS, "2026-02-23T10:00"),
        # 1.5 working days = 12 h: Monday 09:00 -> 17:00 (6 h), Tuesday 4.5 h + 1.5 h.
        ("2026-03-02T09:00", 1.5, DAYS, "2026-03-03T15:00"),
        # ... from Thursday 14:00: 3 h Thursday, 8 h Friday, 1 h Monday.
        ("2026-03-05T14:00", 1.5, DAYS, "2026-03-09T08:00"),
        # ... over Culture Day (Tuesday 24 Nov 2026): 3.5 h Monday, 8 h Wednesday, 0.5 h Thursday.
        ("2026-11-23T13:30", 1.5, DAYS, "2026-11-26T07:30"),
        # Working hours across lunch: 4 h from 10:00 -> 11:30 (1.5 h) + 2.5 h from 13:30.
        ("2026-03-02T10:00", 4, HOURS, "2026-03-02T16:00"),
        # ... across the evening: 2 h from 16:00 -> 1 h today, 1 h tomorrow morning.
        ("2026-03-02T16:00", 2, HOURS, "2026-03-03T08:00"),
        # ... across a weekend: Friday 16:30 + 3 h -> Monday 09:30.
        ("2026-03-06T16:30", 3, HOURS, "2026-03-09T09:30"),
        # ... across a holiday (30 Apr and 1 May 2026): Wednesday 29 Apr 15:00 + 4 h -> Monday.
        ("2026-04-29T15:00", 4, HOURS, "2026-05-04T09:00"),
        # ... a half hour.
        ("2026-03-02T11:15", 0.5, HOURS, "2026-03-02T13:45"),
        # "168 giờ" is 21 working days.
        ("2026-03-02T07:00", 168, HOURS, "2026-03-30T17:00"),
    ],
)
def test_decimal_due_dates(received: str, value: float, unit: TimeUnit, due: str) -> None:
    result = CAL.due_at(at(received), proc(value, unit))
    assert result == at(due)
    assert CAL.is_working_time(result)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1/2 ngày", 0.5, DAYS),
        ("0,5 ngày làm việc", 0.5, DAYS),
        ("0.5 ngày làm việc", 0.5, DAYS),
        ("Nửa ngày làm việc", 0.5, DAYS),
        ("1,5 ngày làm việc", 1.5, DAYS),
        ("05 ngày làm việc", 5, DAYS),
        ("03 ngày (làm việc)", 3, DAYS),
        ("4 giờ làm việc", 4, HOURS),
        ("168 giờ", 168, HOURS),
        ("15 ngày", 15, TimeUnit.CALENDAR_DAYS),
        ("Trong ngày", 0, TimeUnit.SAME_DAY),
        ("Ngay trong ngày làm việc", 0, TimeUnit.SAME_DAY),
        ("  Không quá 10 ngày làm việc. ", 10, DAYS),
    ],
)
def test_published_words_are_read(text: str, value: float, unit: TimeUnit) -> None:
    assert parse_time_limit(text) == (value, unit)


@pytest.mark.parametrize("text", ["", "2 tuần", "ngày làm việc", "5", "1/0 ngày", "-3 ngày"])
def test_unreadable_words_are_refused_with_the_words(text: str) -> None:
    with pytest.raises(ValueError, match=r"thời hạn|time limit") as err:
        parse_time_limit(text)
    assert repr(text)[1:-1] in str(err.value)


def test_words_made_for_a_limit_without_published_text() -> None:
    assert format_time_limit(0.5, DAYS) == "0,5 ngày làm việc"
    assert format_time_limit(5, DAYS) == "05 ngày làm việc"
    assert format_time_limit(4, HOURS) == "04 giờ làm việc"
    assert format_time_limit(0, TimeUnit.SAME_DAY) == "trong ngày làm việc"


def _catalogue(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"procedures": entries}, ensure_ascii=False, indent=1), "utf-8")
    return path


def test_each_published_form_imports_and_keeps_its_words(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    entries = [
        {"code": "9.000001", "name": "Nửa ngày", "time_text": "1/2 ngày"},
        {"code": "9.000002", "name": "Nửa ngày", "time_value": "0,5 ngày làm việc"},
        {"code": "9.000003", "name": "Giờ", "time_text": "4 giờ làm việc"},
        {"code": "9.000004", "name": "Giờ", "time_text": "168 giờ"},
        {"code": "9.000005", "name": "Lịch", "time_text": "15 ngày"},
        {"code": "9.000006", "name": "Số", "time_value": 0.5, "time_unit": "working_days"},
        {
            "code": "9.000007",
            "name": "Số",
            "time_value": 1.5,
            "time_unit": "working_hours",
            "field_code": "G03-GD10",
            "field": "Giáo dục",
        },
    ]
    procs = load_procedures_file(_catalogue(tmp_path / "c.json", entries))
    counter.catalogue.import_procedures(supervisor, procs)
    got = {code: counter.catalogue.procedure(code) for code in (e["code"] for e in entries)}
    assert [(p.time_value, p.time_unit) for p in got.values()] == [
        (0.5, DAYS),
        (0.5, DAYS),
        (4, HOURS),
        (168, HOURS),
        (15, TimeUnit.CALENDAR_DAYS),
        (0.5, DAYS),
        (1.5, HOURS),
    ]
    # Stored and read back from SQLite: the published words stay for the receipt.
    assert got["9.000002"].time_limit_text == "0,5 ngày làm việc"
    assert got["9.000001"].time_limit_text == "1/2 ngày"
    assert got["9.000006"].time_limit_text == "0,5 ngày làm việc"
    assert got["9.000007"].field_code == "G03-GD10"
    # A half-day dossier received Monday 08:00 is due at 14:00, not at once.
    due = counter.calendar_book.due_date("9.000002", at("2026-03-02T08:00"))
    assert due == at("2026-03-02T14:00")


def test_unreadable_limits_are_refused_naming_entry_line_and_words(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    before = [p.code for p in counter.catalogue.procedures()]
    entries = [
        {"code": "9.000001", "name": "Tốt", "time_text": "1/2 ngày"},
        {"code": "9.000002", "name": "Xấu", "time_text": "2 tuần"},
        {"code": "9.000003", "name": "Không", "time_value": 0, "time_unit": "working_days"},
        {"code": "9.000004", "name": "Thiếu"},
    ]
    path = _catalogue(tmp_path / "c.json", entries)
    lines = path.read_text("utf-8").splitlines()
    with pytest.raises(ValidationError) as err:
        load_procedures_file(path)
    errors = err.value.errors
    assert set(errors) == {"procedures[2]", "procedures[3]", "procedures[4]"}
    line = next(n for n, text in enumerate(lines, 1) if "2 tuần" in text)
    assert f"dòng {line}" in errors["procedures[2]"]
    assert "'2 tuần'" in errors["procedures[2]"] and "9.000002" in errors["procedures[2]"]
    assert "thời hạn 0" in errors["procedures[3]"]
    assert "thiếu thời hạn" in errors["procedures[4]"]
    assert [p.code for p in counter.catalogue.procedures()] == before  # nothing imported


def test_cli_import_refuses_an_unreadable_limit_in_one_line(cli: Any, tmp_path: Path) -> None:
    r = cli(
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "Phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--admin-name",
        "Nguyễn Thị Lan",
    )
    assert r.code == 0, r.err
    bad = _catalogue(tmp_path / "c.json", [{"code": "9.1", "name": "X", "time_text": "ba ngày"}])
    r = cli("procedures", "import", str(bad))
    assert r.code != 0 and "'ba ngày'" in r.err and "dòng" in r.err and "Traceback" not in r.err
    good = _catalogue(tmp_path / "g.json", [{"code": "9.1", "name": "X", "time_text": "1/2 ngày"}])
    assert cli("procedures", "import", str(good)).code == 0
    listed = {p["code"]: p for p in cli("procedures", "list", "--json").json()}
    assert listed["9.1"]["time_value"] == 0.5 and listed["9.1"]["time_text"] == "1/2 ngày"


def test_old_procedure_rows_with_a_zero_limit_still_open(counter: Counter, data_dir: Path) -> None:
    # Stored before limits were checked; opening the catalogue must not fail on it.
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        conn.execute("UPDATE procedures SET time_value = 0 WHERE code = '1.004884'")
    assert counter.catalogue.procedure("1.004884").time_value == 0
    assert len(counter.catalogue.procedures()) > 1


def test_the_receipt_prints_the_limit_as_published(
    counter: Counter, supervisor: User, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from forms_helpers import flat, pdf_text, write

    from counter_app.forms import render_form
    from counter_app.intake import IntakeRequest

    entry = {"code": "9.000002", "name": "Chứng thực nhanh", "time_text": "0,5 ngày làm việc"}
    counter.catalogue.import_procedures(
        supervisor, load_procedures_file(_catalogue(tmp_path / "c.json", [entry]))
    )
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-02T08:00:00+07:00")
    d = counter.dossiers.intake(
        supervisor, IntakeRequest("9.000002", "Lê Thị Hoa", "001099012345", "0912345678")
    )
    assert d.due_at == "2026-03-02T14:00:00+07:00"  # not due at once
    text = flat(pdf_text(write(tmp_path, render_form(counter, "receipt", d.code))))
    assert "0,5 ngày làm việc" in text
    assert "14 giờ 00 phút" in text
