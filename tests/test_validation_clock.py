"""The ID number and birth date checks read the office clock (COUNTER_APP_NOW pins it), not
the machine's date, so a demo or a test on a pinned day judges "the future" as that day does."""

from __future__ import annotations

from datetime import date

import pytest

from counter_app.validation import check_birth_date, check_id_number

BORN_2029 = "001229000123"  # Hà Nội, a man born in 20xx (century digit 2), year 29


def test_a_clock_pinned_later_accepts_what_today_refuses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("COUNTER_APP_NOW", raising=False)
    assert check_id_number(BORN_2029) is not None  # 2029 is still ahead of the real 2026
    monkeypatch.setenv("COUNTER_APP_NOW", "2030-06-01T09:00:00+07:00")
    assert check_id_number(BORN_2029) is None
    assert check_birth_date(date(2029, 3, 4)) is None


def test_a_clock_pinned_earlier_refuses_a_birth_date_after_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("COUNTER_APP_NOW", "2024-01-10T09:00:00+07:00")
    assert check_birth_date(date(2024, 1, 11)) is not None
    assert check_birth_date(date(2024, 1, 10)) is None
    # The office day, not UTC: 00:30 on the 10th in Vietnam is still the 9th in UTC.
    monkeypatch.setenv("COUNTER_APP_NOW", "2024-01-10T00:30:00+07:00")
    assert check_birth_date(date(2024, 1, 10)) is None
