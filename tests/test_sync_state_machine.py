"""A hypothesis state machine over sync: two desks of one office and the province change
dossiers at random, desks sync through a proxy that injects faults. After every step the
safety invariants hold; at the end, syncing everything makes all sides agree."""

from __future__ import annotations

import itertools
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    rule,
    run_state_machine_as_test,
)
from sync_proxy import FaultProxy
from sync_support import HubServer, hub_state, intake, local_state, make_counter

from counter_app.counter import Counter
from counter_app.lifecycle import TRANSITIONS, Status
from counter_app.models import User
from sync.engine import SyncEngine, SyncResult
from sync.schedule import AdaptiveBatch
from sync.transport import HubClient

OFFICE_NUMBERS = itertools.count(10)
INJECTED = ["cut_before", "cut_after_request", "cut_mid_response", "reset", "http500"]


def run_sync(c: Counter) -> SyncResult:
    s = c.sync_book.server()
    assert s is not None
    client = HubClient(s.url, s.token, timeout=(2.0, 2.0), retries=0)
    try:
        return SyncEngine(c, client, batch=AdaptiveBatch(size=3, maximum=6)).run()
    finally:
        client.close()


class SyncMachine(RuleBasedStateMachine):
    hub: HubServer
    proxy: FaultProxy

    @initialize()
    def start(self) -> None:
        self.office = f"000.00.{next(OFFICE_NUMBERS):02d}.H56"
        self.tmp = Path(tempfile.mkdtemp(prefix="syncsm-"))
        self.desks: list[tuple[Counter, User]] = [
            make_counter(self.tmp / f"d{n}", self.office, n, self.hub, url=self.proxy.url)
            for n in (1, 2)
        ]
        self.taken = 0

    def teardown(self) -> None:
        if not hasattr(self, "desks"):
            return
        self.proxy.clear()
        # Everything synced, twice round (each desk then sees the other's changes).
        for _ in range(2):
            for c, _ in self.desks:
                result = run_sync(c)
                assert result.ok, result.errors
        theirs = hub_state(self.hub, self.office)
        synced: set[str] = set()
        for c, _ in self.desks:
            mine = local_state(c)
            assert c.sync_book.pending_count() == 0
            assert mine["dossiers"] == theirs["dossiers"]
            synced |= set(mine["records"])
            c.close()
        office_records = {r for r in theirs["records"] if r in synced}
        assert office_records == synced

    # --- rules -----------------------------------------------------------------------------

    @rule(desk=st.integers(0, 1))
    def take_in(self, desk: int) -> None:
        c, actor = self.desks[desk]
        intake(c, actor, self.taken)
        self.taken += 1

    @rule(desk=st.integers(0, 1), pick=st.integers(0, 100), choice=st.integers(0, 10))
    def change_at_desk(self, desk: int, pick: int, choice: int) -> None:
        c, actor = self.desks[desk]
        codes = c._store.dossiers.all_codes()
        if not codes:
            return
        code = codes[pick % len(codes)]
        allowed = sorted(TRANSITIONS[c.dossiers.get(code).status])
        if not allowed:
            return
        to = allowed[choice % len(allowed)]
        if to is Status.RETURNED:
            c.dossiers.return_result(actor, code, "Người nhận")
        else:
            c.dossiers.change_status(actor, code, to)

    @rule(pick=st.integers(0, 100), choice=st.integers(0, 10))
    def change_at_province(self, pick: int, choice: int) -> None:
        dossiers = sorted(hub_state(self.hub, self.office)["dossiers"].values())
        if not dossiers:
            return
        code, status = dossiers[pick % len(dossiers)]
        allowed = sorted(TRANSITIONS[Status(status)])
        if allowed:
            self.hub.hub.set_status(code, allowed[choice % len(allowed)])

    @rule(
        desk=st.integers(0, 1),
        fault=st.sampled_from([None, *INJECTED]),
        path=st.sampled_from(["/v1/push", "/v1/pull"]),
        skip=st.integers(0, 2),
    )
    def sync(self, desk: int, fault: str | None, path: str, skip: int) -> None:
        self.proxy.clear()
        if fault:
            self.proxy.fault(fault, path, skip=skip)
        result = run_sync(self.desks[desk][0])
        if fault is None:
            assert result.ok, result.errors
        self.proxy.clear()

    # --- invariants --------------------------------------------------------------------------

    @invariant()
    def synced_means_at_the_hub(self) -> None:
        theirs = set(hub_state(self.hub)["records"])
        for c, _ in self.desks:
            mine = local_state(c)
            assert set(mine["records"]) <= theirs, "a record marked synced that the hub lacks"

    @invariant()
    def desks_stay_consistent(self) -> None:
        for c, _ in self.desks:
            assert c.check() == []
            # A dossier shown as synced has nothing left to send.
            assert not c._store.conn.execute(
                "SELECT 1 FROM dossiers d WHERE d.sync_state = 'synced' AND EXISTS (SELECT 1 "
                "FROM outbox o WHERE o.entity_uuid = d.uuid AND o.state != 'synced')"
            ).fetchone()

    @invariant()
    def hub_holds_each_dossier_once(self) -> None:
        state = hub_state(self.hub, self.office)
        codes = [code for code, _ in state["dossiers"].values()]
        assert len(codes) == len(set(codes))
        known = set().union(*(set(local_state(c)["dossiers"]) for c, _ in self.desks))
        assert set(state["dossiers"]) <= known, "the hub has a dossier no desk made"


def test_sync_state_machine(tmp_path: Path) -> None:
    hub = HubServer(tmp_path / "hub.sqlite3")
    proxy = FaultProxy(("127.0.0.1", hub.port))
    SyncMachine.hub, SyncMachine.proxy = hub, proxy
    try:
        run_state_machine_as_test(
            SyncMachine,
            settings=settings(
                max_examples=5,
                stateful_step_count=10,
                deadline=None,
                suppress_health_check=list(HealthCheck),
            ),
        )
    finally:
        proxy.close()
        hub.stop()
