"""Several hub processes on one PostgreSQL database, sharing nothing else: two offices' desks
alternate between the processes on every request, through the fault-injecting proxy, and one
process is SIGKILLed in the middle of the pushes. Afterwards every dossier is at the hub
exactly once, every desk holds exactly its office's dossiers, and the province's status
changes reach the desks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from hub_processes import HubProcess, SharedDb
from sync_proxy import FaultProxy
from sync_support import (
    OFFICE_A,
    OFFICE_B,
    PASSWORD,
    hub_state,
    intake,
    local_state,
    make_counter,
    wait_for,
)

from counter_app.lifecycle import Status
from sync.engine import sync_now
from sync.hub import cli as hub_cli

PER_DESK = 30
MAX_RUNS = 6


def sync_process(data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COUNTER_APP_USER": "admin", "COUNTER_APP_PASSWORD": PASSWORD}
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "counter-app"),
            "--data-dir",
            str(data_dir),
            "sync",
            "--batch",
            "3",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


@pytest.mark.slow
def test_two_hub_processes_one_database_desks_alternating_and_a_sigkill(
    pg_url: str, tmp_path: Path
) -> None:
    assert hub_cli.main(["migrate", "--db", pg_url]) == 0
    db = SharedDb(pg_url)
    first = HubProcess(pg_url)
    second = HubProcess(pg_url, workers=2)  # `serve --workers 2`: two processes on one port
    proxy = FaultProxy(("127.0.0.1", first.port), ("127.0.0.1", second.port))
    try:
        desks = [(OFFICE_A, 1), (OFFICE_A, 2), (OFFICE_B, 1), (OFFICE_B, 2)]
        counters = []
        for i, (office, number) in enumerate(desks):
            c, admin = make_counter(tmp_path / f"d{i}", office, number)
            c.sync_book.set_server(proxy.url, db.enroll(office, number))
            codes = [intake(c, admin, 1000 * i + n) for n in range(PER_DESK)]
            counters.append((c, admin, office, codes))
        reader = db.reader()

        # All four desks push at once; one hub process dies by SIGKILL while they do.
        running = [sync_process(tmp_path / f"d{i}") for i in range(len(desks))]
        wait_for(lambda: int(reader.stats()["records"]) >= PER_DESK // 3, 120, "pushes under way")
        first.kill()
        for proc in running:
            proc.wait(timeout=120)
        assert int(reader.stats()["records"]) < PER_DESK * len(desks), "killed mid-push"
        first.start()  # the operator (or systemd) brings it back on the same port

        # The link is bad too: answers lost after the hub stored them, resets, a 500.
        proxy.fault("cut_after_request", "/v1/push", count=2, skip=1)
        proxy.fault("reset", "/v1/pull", count=1)
        proxy.fault("http500", "/v1/push", count=1, skip=3)
        for c, _admin, _office, _codes in counters:
            runs = [sync_now(c, timeout=(2, 10))]
            while not runs[-1].ok:
                assert len(runs) < MAX_RUNS, [r.errors for r in runs]
                runs.append(sync_now(c, timeout=(2, 10)))
        assert proxy.injected, "the faults were met"

        # The province works on one dossier of each desk; the desks pull the changes back.
        changed = [codes[0] for _c, _a, _o, codes in counters]
        for code in changed:
            assert hub_cli.main(["status", "--db", pg_url, code, "--to", "processing"]) == 0
        for c, _admin, _office, _codes in counters:
            assert sync_now(c, timeout=(2, 10)).ok
            assert sync_now(c, timeout=(2, 10)).ok  # the office colleague's pushes, pulled

        theirs = hub_state(db)
        assert len(theirs["records"]) == len(set(theirs["records"])) == PER_DESK * len(desks)
        assert len(theirs["dossiers"]) == PER_DESK * len(desks)
        for c, _admin, office, _codes in counters:
            mine = local_state(c)
            assert mine["dossiers"] == hub_state(db, office)["dossiers"]
            assert len(mine["dossiers"]) == 2 * PER_DESK  # its own and its colleague's
            assert set(mine["records"]) <= set(theirs["records"])
            assert c.sync_book.pending_count() == 0 and c.check() == []
            held = {code for code, _status in mine["dossiers"].values()}
            office_changed = [code for code in changed if code in held]
            assert len(office_changed) == 2  # one of each desk of the office
            assert {c.dossiers.get(code).status for code in office_changed} == {Status.PROCESSING}
        reader.close()

        # `--workers 2` adds up its processes' counters on any worker's /metrics.
        text = requests.get(second.url + "/metrics", timeout=10).text
        stored = [
            line
            for line in text.splitlines()
            if line.startswith('hub_records_total{status="stored"}')
        ]
        assert len(stored) == 1 and float(stored[0].split()[-1]) > 0
    finally:
        proxy.close()
        first.stop()
        second.stop()
