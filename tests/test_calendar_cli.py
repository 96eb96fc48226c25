"""`counter-app due-date` and `counter-app calendar ...` against a real database."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from counter_app.counter import Counter


def test_due_date_prints_iso_and_writes_nothing(counter: Counter, cli: Any) -> None:
    outbox_before = counter.sync_book.pending_count()
    result = cli("due-date", "--procedure", "1.004837", "--received-at", "2026-03-02T09:00")
    assert result.code == 0, result.err
    assert result.out.strip() == "2026-03-05T09:00:00+07:00"
    data = cli(
        "due-date", "--procedure", "1.001193", "--received-at", "2026-03-02T15:10", "--json"
    ).json()
    assert data["due_at"] == "2026-03-03T17:00:00+07:00"  # same day, after the 15:00 cutoff
    assert counter.sync_book.pending_count() == outbox_before
    assert counter._store.calendar.revision() == 0


def test_due_date_rejects_bad_input(cli: Any, counter: Counter) -> None:
    bad_time = cli("due-date", "--procedure", "1.004837", "--received-at", "hôm qua")
    assert bad_time.code == 2 and "ISO-8601" in bad_time.err
    assert cli("due-date", "--procedure", "9.999", "--received-at", "2026-03-02T09:00").code == 1


def test_calendar_edit_and_list_with_sources(counter: Counter, cli: Any) -> None:
    assert cli("calendar", "add-day-off", "30/11/2026", "--reason", "Bão").code == 0
    assert cli("calendar", "add-working-day", "2026-11-28", "--reason", "Làm bù").code == 0
    rows = cli("calendar", "list", "--year", "2026", "--json").json()
    by_date = {(r["date"], r["source"]): r for r in rows}
    assert by_date[("2026-11-30", "local")]["kind"] == "off"
    assert by_date[("2026-11-30", "local")]["changed_by"] == "admin"
    assert by_date[("2026-11-28", "local")]["kind"] == "work"
    assert by_date[("2026-02-17", "national")]["effective"]
    assert by_date[("2026-08-22", "national")]["kind"] == "work"
    # Friday 27 Nov 16:00 + 1 working day: Saturday 28 Nov is now a working day.
    due = cli("due-date", "--procedure", "1.003677", "--received-at", "2026-11-27T16:00")
    assert due.out.strip() == "2026-11-28T16:00:00+07:00"
    text = cli("calendar", "list", "--year", "2026").out
    assert "2026-11-30 T2  nghỉ/off  local     Bão [admin]" in text
    assert "2026-02-17 T3  nghỉ/off  national  Tết Nguyên Đán" in text  # names in Vietnamese
    assert cli("calendar", "remove", "2026-11-30").code == 0
    assert cli("calendar", "remove", "2026-11-30").code == 1  # nothing left to remove


def test_clerk_cannot_change_the_calendar(counter: Counter, cli: Any) -> None:
    result = cli("calendar", "add-day-off", "2026-11-30", "--reason", "x", COUNTER_APP_USER="lan")
    assert result.code == 1
    assert counter.calendar_book.days(2026) == []


def test_national_override_shows_which_entry_wins(counter: Counter, cli: Any) -> None:
    cli("calendar", "add-working-day", "2026-11-24", "--reason", "Trực")
    rows = cli("calendar", "list", "--year", "2026", "--json").json()
    culture_day = [r for r in rows if r["date"] == "2026-11-24"]
    assert {r["source"]: r["effective"] for r in culture_day} == {"national": False, "local": True}


def test_apply_province_file_and_sessions(counter: Counter, cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "calendar.json"
    path.write_text(
        json.dumps(
            {
                "version": 4,
                "days": [{"date": "2026-01-02", "kind": "off", "reason": "Nghỉ Tết Dương lịch"}],
            }
        ),
        encoding="utf-8",
    )
    result = cli("calendar", "apply", str(path))
    assert result.code == 0 and "1" in result.out
    assert counter.calendar_book.published_version() == 4
    assert not counter.calendar_book.current().is_working_day(date(2026, 1, 2))
    assert cli("calendar", "sessions", "--set", "07:30-11:30", "13:00-17:00").out.split() == [
        "07:30-11:30",
        "13:00-17:00",
    ]
    assert cli("calendar", "sessions", "--set", "11:00-10:00").code == 2
    due = cli("due-date", "--procedure", "1.004837", "--received-at", "2026-03-02T07:15")
    assert due.out.strip() == "2026-03-04T17:00:00+07:00"  # opens 07:30: 3 full days
