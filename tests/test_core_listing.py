"""The dossier list's paging API (Counter.dossiers.page / count_dossiers): keyset pages that
join up without gaps or repeats, filters in the clerk's terms, search and late flags."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from counter_app import clock
from counter_app.counter import Counter
from counter_app.dossier_view import DossierFilter, DossierSort
from counter_app.errors import ValidationError
from counter_app.intake import IntakeRequest
from counter_app.lifecycle import Status
from counter_app.models import SyncState, User

START = datetime(2026, 3, 2, 8, 0, tzinfo=clock.VN_TZ)  # a Monday


def fill(counter: Counter, user: User, n: int) -> None:
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Lê Văn Cường", "Phạm Thị Dung", "Đặng Văn Đức"]
    for i in range(n):
        counter.dossiers.intake(
            user,
            IntakeRequest(
                "1.004884" if i % 2 else "1.001193",
                names[i % len(names)],
                f"0010901234{i:02d}",
                "0912345678",
                received_at=START + timedelta(hours=i % 9, days=i // 9),
            ),
        )


@pytest.mark.parametrize("key", ["received_at", "due_at", "code", "applicant_name"])
@pytest.mark.parametrize("descending", [True, False])
def test_pages_join_up_in_order_without_gaps_or_repeats(
    counter: Counter, clerk: User, key: str, descending: bool
) -> None:
    fill(counter, clerk, 23)
    sort, seen, after = DossierSort(key, descending), [], None
    while True:
        page = counter.dossiers.page(sort=sort, after=after, limit=5)
        seen += page.rows
        if page.next_key is None:
            break
        after = page.next_key
    assert len(seen) == len({r.code for r in seen}) == counter.dossiers.count() == 23
    values = [getattr(r, key) or "~" for r in seen]
    assert values == sorted(values, reverse=descending)


def test_filters_search_and_late_flags(
    counter: Counter, clerk: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill(counter, clerk, 10)
    first = counter.dossiers.page(sort=DossierSort("received_at", False), limit=1).rows[0]
    counter.dossiers.change_status(clerk, first.code, Status.PROCESSING)
    counter._store.dossiers.set_sync_state(
        counter.dossiers.get(first.code).uuid, SyncState.ERROR, "x"
    )
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-02T16:30:00+07:00")
    late = counter.dossiers.page(DossierFilter(flag="late")).rows
    # Same-day births received before 16:30 are due 17:00 today (not late yet, due today).
    assert late == []
    today = counter.dossiers.page(DossierFilter(flag="due_today")).rows
    assert today and all(r.due_at and r.due_at.startswith("2026-03-02") for r in today)
    assert all(r.late == "due_soon" for r in today)
    monkeypatch.setenv("COUNTER_APP_NOW", "2026-03-03T09:00:00+07:00")
    late = counter.dossiers.page(DossierFilter(flag="late")).rows
    assert {r.code for r in late} == {r.code for r in today}
    assert all(r.late == "late" for r in late)
    assert counter.dossiers.count(DossierFilter(status=Status.PROCESSING)) == 1
    assert [r.code for r in counter.dossiers.page(DossierFilter(flag="sync_error")).rows] == [
        first.code
    ]
    assert counter.dossiers.count(DossierFilter(flag="waiting_sync")) == 9
    assert counter.dossiers.count(DossierFilter(text="dang van duc")) == 2
    assert counter.dossiers.count(DossierFilter(text="dang van duc", flag="late")) == 1
    assert counter.dossiers.page(DossierFilter(text="  ...  ")).rows == []


def test_bad_sort_or_flag_is_refused(counter: Counter) -> None:
    with pytest.raises(ValidationError):
        counter.dossiers.page(sort=DossierSort("applicant_phone"))
    with pytest.raises(ValidationError):
        counter.dossiers.count(DossierFilter(flag="soon"))
