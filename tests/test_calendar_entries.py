"""Counter.calendar_book.entries: the year's listing as the core gives it to the CLI (and to any
other caller), with the precedence local over province over national decided in the core."""

from __future__ import annotations

from datetime import date

from counter_app.calendar import CalendarOverride
from counter_app.counter import Counter
from counter_app.models import User

NATIONAL_DAY = date(2026, 9, 2)
SAT_5_DEC = date(2026, 12, 5)


def test_local_over_province_over_national(counter: Counter, supervisor: User) -> None:
    province = [
        CalendarOverride(NATIONAL_DAY, "work", "tỉnh đổi ngày", "province"),
        CalendarOverride(SAT_5_DEC, "work", "làm bù", "province"),
    ]
    counter.calendar_book.apply_published(province, 3)
    counter.calendar_book.add_day_off(supervisor, SAT_5_DEC, "Bão")
    entries = {(e.override.day, e.override.source): e for e in counter.calendar_book.entries(2026)}

    national, by_province = entries[NATIONAL_DAY, "national"], entries[NATIONAL_DAY, "province"]
    assert not national.effective and national.changed_by is None
    assert by_province.effective and by_province.changed_by == "province v3"
    assert not entries[SAT_5_DEC, "province"].effective
    local = entries[SAT_5_DEC, "local"]
    assert local.effective and local.changed_by == supervisor.username
    assert (local.version or 0) > (by_province.version or 0) > 0  # a later revision
    assert entries[date(2026, 1, 1), "national"].effective
    days = [(e.override.day, e.override.source) for e in counter.calendar_book.entries(2026)]
    assert days == sorted(days, key=lambda d: (d[0], ("national", "province", "local").index(d[1])))
