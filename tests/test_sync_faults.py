"""Fault injection: a TCP proxy between the counter and a real hub breaks requests in every
way a commune's link does. After each fault, sync again until it succeeds; then both sides
hold exactly the same records, each exactly once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_proxy import FAULTS, FaultProxy
from sync_support import OFFICE_A, HubServer, hub_state, intake, local_state, make_counter

from counter_app.counter import Counter
from counter_app.lifecycle import Status
from sync.engine import SyncEngine, SyncResult
from sync.schedule import AdaptiveBatch
from sync.transport import HubClient

MAX_RUNS = 6


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


@pytest.fixture
def proxy(hub: HubServer) -> Iterator[FaultProxy]:
    p = FaultProxy(("127.0.0.1", hub.port))
    yield p
    p.close()


def run_sync(c: Counter, batch: int = 2) -> SyncResult:
    settings = c.sync_book.server()
    assert settings is not None
    client = HubClient(settings.url, settings.token, timeout=(2.0, 1.0), retries=1)
    try:
        return SyncEngine(c, client, batch=AdaptiveBatch(size=batch, maximum=4)).run()
    finally:
        client.close()


def sync_until_ok(c: Counter) -> list[SyncResult]:
    results = [run_sync(c)]
    while not results[-1].ok:
        assert len(results) < MAX_RUNS, [r.errors for r in results]
        results.append(run_sync(c))
    return results


def assert_same_on_both_sides(hub: HubServer, *counters: Counter) -> None:
    theirs = hub_state(hub, OFFICE_A)
    assert len(theirs["records"]) == len(set(theirs["records"])), "a record stored twice"
    mine: set[str] = set()
    for c in counters:
        state = local_state(c)
        assert c.sync_book.pending_count() == 0
        assert state["dossiers"] == theirs["dossiers"]
        assert not mine & set(state["records"])
        mine |= set(state["records"])
        assert c.check() == []
        events = [r[0] for r in c._store.conn.execute("SELECT uuid FROM events")]
        assert len(events) == len(set(events))
    assert mine == set(theirs["records"])


@pytest.mark.parametrize("kind", FAULTS)
def test_push_survives_every_fault(
    kind: str, hub: HubServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub, url=proxy.url)
    codes = [intake(c, admin, n) for n in range(7)]
    c.dossiers.change_status(admin, codes[0], Status.PROCESSING)
    # The second push request breaks: the first batch is through, the rest is not.
    proxy.fault(kind, "/v1/push", skip=1)
    results = sync_until_ok(c)
    assert kind in proxy.injected
    if kind != "slow":
        assert not results[0].ok and results[0].errors
    assert sum(r.pushed for r in results) >= 8
    assert_same_on_both_sides(hub, c)
    assert {c.dossiers.get(code).sync_state.value for code in codes} == {"synced"}


@pytest.mark.parametrize("kind", ["cut_mid_response", "reset", "http500", "timeout"])
def test_pull_survives_faults_and_resumes(
    kind: str, hub: HubServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    a1, admin1 = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    a2, _ = make_counter(tmp_path / "a2", OFFICE_A, 2, hub, url=proxy.url)
    codes = [intake(a1, admin1, n) for n in range(5)]
    assert run_sync(a1).ok
    hub.hub.set_status(codes[1], Status.PROCESSING)
    # Several failures in a row: urllib3's own retry of the GET gets the same treatment.
    proxy.fault(kind, "/v1/pull", count=2)
    sync_until_ok(a2)
    assert a2.dossiers.get(codes[1]).status is Status.PROCESSING
    assert run_sync(a1).ok
    assert_same_on_both_sides(hub, a1, a2)


def test_lost_ack_then_resend_gets_the_first_answer(
    hub: HubServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub, url=proxy.url)
    intake(c, admin, 1)
    proxy.fault("cut_after_request", "/v1/push")
    first = run_sync(c)
    assert not first.ok and c.sync_book.pending_count() == 1
    assert len(hub_state(hub)["records"]) == 1  # the hub has it; the desk does not know yet
    second = run_sync(c)
    assert second.ok and second.pushed == 1 and c.sync_book.pending_count() == 0
    assert_same_on_both_sides(hub, c)
    runs = c.sync_book.runs()
    assert [r.ok for r in runs] == [True, False]
    assert any("connection" in e.lower() for e in runs[1].errors)
