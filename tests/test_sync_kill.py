"""The kill test: `counter-app sync` is SIGKILLed at random moments, again and again, while
clerks keep taking dossiers in; then one run to completion. Nothing lost, nothing twice."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

from sync_support import (
    OFFICE_A,
    PASSWORD,
    HubServer,
    hub_state,
    intake,
    local_state,
    make_counter,
    wait_for,
)

KILLS = 5


def sync_process(data_dir: Path, quiet: bool = True) -> subprocess.Popen[bytes]:
    env = {**os.environ, "COUNTER_APP_USER": "admin", "COUNTER_APP_PASSWORD": PASSWORD}
    return subprocess.Popen(
        [
            str(Path(sys.executable).parent / "counter-app"),
            "--data-dir",
            str(data_dir),
            "sync",
            "--batch",
            "5",
        ],
        env=env,
        stdout=subprocess.DEVNULL if quiet else subprocess.PIPE,
        stderr=subprocess.DEVNULL if quiet else subprocess.PIPE,
    )


def test_sigkill_during_sync_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    rng = random.Random(20261125)
    hub = HubServer(tmp_path / "hub.sqlite3")
    try:
        c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
        reader = hub.reader()

        def records_at_hub() -> int:
            return int(reader.stats()["records"])

        n = 0
        for _ in range(100):
            intake(c, admin, n)
            n += 1
        killed = 0
        for _ in range(KILLS):
            proc = sync_process(tmp_path / "a1")
            before = records_at_hub()
            # Kill once the run is under way (the hub has begun to receive), at a random moment.
            wait_for(lambda: records_at_hub() > before or proc.poll() is not None, 60)  # noqa: B023
            try:
                proc.wait(timeout=rng.uniform(0.0, 0.3))
            except subprocess.TimeoutExpired:
                proc.kill()
                killed += 1
            proc.wait()
            for _ in range(5):  # the counter keeps working between attempts
                intake(c, admin, n)
                n += 1
        assert killed >= KILLS // 2, "the kills should mostly land during a run"

        final = sync_process(tmp_path / "a1", quiet=False)
        _out, err = final.communicate(timeout=120)
        assert final.returncode == 0, err.decode()
        mine, theirs = local_state(c), hub_state(hub)
        assert len(mine["dossiers"]) == n
        assert mine["dossiers"] == theirs["dossiers"]
        assert sorted(mine["records"]) == sorted(theirs["records"])
        assert len(theirs["records"]) == len(set(theirs["records"])) == n
        assert c.sync_book.pending_count() == 0
        assert c.check() == []
        interrupted = [r for r in c.sync_book.runs(100) if r.ok is None]
        assert len(interrupted) >= 1  # killed runs stay visible in the log as interrupted
        reader.close()
    finally:
        hub.stop()
