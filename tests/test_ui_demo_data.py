"""The demo office opens with weeks of work so every page shows what it is for."""

from __future__ import annotations

import inspect
from datetime import timedelta

from counter_app import clock
from counter_app.counter import Counter
from counter_app.dossier_view import DossierFilter
from counter_app.lifecycle import Status
from counter_app.models import SyncState, User
from ui import demo_data

NOW = "2026-03-20T10:12:00+07:00"


def test_seed_fills_every_page_with_something_to_show(
    counter: Counter, clerk: User, supervisor: User
) -> None:
    now = clock.parse_iso(NOW)
    with demo_data.pinned(now):
        codes = demo_data.seed(counter, [clerk, supervisor], now)
        assert len(codes) >= 60
        dossiers = [counter.dossiers.get(code) for code in codes]
        statuses = {d.status for d in dossiers}
        assert {
            Status.RESULT_READY,
            Status.RETURNED,
            Status.PROCESSING,
            Status.SUPPLEMENT_REQUESTED,
        } <= statuses
        assert counter.dossiers.count(DossierFilter(flag="late")) > 0
        states = {d.sync_state for d in dossiers}
        assert {SyncState.SYNCED, SyncState.WAITING, SyncState.ERROR} <= states
        assert min(d.received_at for d in dossiers) <= clock.iso(now - timedelta(days=14))
        assert counter.return_desk.waiting()  # results waiting at the return desk
        runs = counter.sync_book.runs()
        assert len(runs) == 3 and any(r.ok is False for r in runs)
    # Two-level local government since 2025: no districts in the demo.
    assert "huyện" not in inspect.getsource(demo_data).lower()
