"""On-time report over one office's year of 50,000 dossiers, against a bare SQL aggregate over
the same table in the same run (the floor any report query stands on)."""

from __future__ import annotations

import json
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from bench import conditions
from counter_app import clock
from counter_app.calendar import WorkCalendar
from counter_app.models import Procedure, TimeUnit
from counter_app.resources import demo_procedures
from counter_app.stats import on_time_report
from counter_app.store import Store

DOSSIERS = 50_000
YEAR = 2026


def _best(fn: Callable[[], Any], runs: int = 5) -> tuple[float, float]:
    """Best wall-clock and best CPU time of `runs` calls: on a shared machine the CPU time
    is the steadier figure."""
    wall = cpu = float("inf")
    for _ in range(runs):
        w, c = time.perf_counter(), time.process_time()
        fn()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu


def _fill(store: Store, n: int) -> None:
    rng = random.Random(2026)
    cal = WorkCalendar()
    procs: list[Procedure] = [p for p in demo_procedures() if p.time_unit is not TimeUnit.SAME_DAY]
    start = datetime(YEAR, 1, 2, 7, 0, tzinfo=clock.VN_TZ)
    dossiers, events = [], []
    for i in range(1, n + 1):
        proc = rng.choice(procs)
        received = cal.next_opening(start + timedelta(minutes=rng.randrange(0, 364 * 24 * 60)))
        due = cal.due_at(received, proc)
        extra: dict[str, Any] = {}
        roll = rng.random()
        result_at = returned_at = None
        if rng.random() < 0.03:
            extra["supplement_count"] = rng.choice([1, 1, 1, 2])
        if roll < 0.88:
            status = "returned"
            # Most dossiers are settled within the allowed time, a few percent after it.
            allowed = cal.working_time_between(received, due)
            result_at = cal.add_working_time(received, allowed * rng.uniform(0.2, 1.03))
            returned_at = result_at + timedelta(hours=rng.uniform(1, 48))
        elif roll < 0.91:
            status = rng.choice(["stopped", "withdrawn"])
            extra["due_at_when_ended"] = clock.iso(due)
            events.append((i, clock.iso(received + timedelta(days=1)), status))
        elif roll < 0.93:
            status = "supplement_requested"
            extra["supplement_requested_at"] = clock.iso(received + timedelta(hours=5))
            extra["supplement_count"] = 1
        else:
            status = "processing"
        last = returned_at or result_at or received + timedelta(days=1)
        dossiers.append(
            (
                i,
                str(uuid.uuid4()),
                f"000.00.06.H56-{i:07d}",
                proc.code,
                proc.name,
                "Nguyễn Văn A",
                "001099012345",
                "0912345678",
                clock.iso(received),
                clock.iso(due),
                status,
                "000.00.06.H56",
                "000.00.06.H56",
                rng.choice(["lan", "hoa", "minh"]),
                clock.iso(result_at) if result_at else None,
                clock.iso(returned_at) if returned_at else None,
                rng.choice([None, None, "hai_long", "rat_hai_long", "khong_hai_long"]),
                json.dumps(extra),
                rng.choice(["synced", "synced", "waiting"]),
                clock.iso(last),
            )
        )
        events.append((i, clock.iso(received), "received"))
    with store.write():
        store.conn.executemany(
            "INSERT INTO dossiers (id, uuid, code, procedure_code, procedure_name, "
            "applicant_name, id_number, phone, received_at, due_at, status, receiving_unit, "
            "resolving_unit, received_by, result_at, returned_at, satisfaction, extra, sync_state, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            dossiers,
        )
        store.conn.executemany(
            "INSERT INTO events (uuid, dossier_id, at, username, kind, new_status) "
            "VALUES (lower(hex(randomblob(16))), ?, ?, 'lan', 'status', ?)",
            events,
        )


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.sqlite3")
        _fill(store, DOSSIERS)
        store.conn.execute("ANALYZE")
        start, end = date(YEAR, 1, 1), date(YEAR, 12, 31)
        lo, hi = f"{YEAR}-01-01T00:00:00+07:00", f"{YEAR + 1}-01-01T00:00:00+07:00"

        def bare(hint: str) -> Callable[[], Any]:
            sql = (
                "SELECT procedure_code, count(*), sum(status = 'returned'), "
                "sum(coalesce(result_at, returned_at) <= due_at), sum(sync_state = 'synced') "
                f"FROM dossiers {hint} WHERE received_at >= ? AND received_at < ? "
                "GROUP BY procedure_code"
            )
            return lambda: store.conn.execute(sql, (lo, hi)).fetchall()

        total = on_time_report(store, start, end).total
        print(
            f"{DOSSIERS:,} dossiers in {YEAR}: {total.received:,} received, {total.settled:,} "
            f"settled, {total.on_time_or_early:,} on time or early, {total.late:,} late"
        )
        floor = float("inf")
        for name, fn in (
            ("bare aggregate, SQLite's plan", bare("")),
            ("bare aggregate, table scan", bare("NOT INDEXED")),
        ):
            wall, cpu = _best(fn)
            floor = min(floor, cpu)
            print(f"{name:<32} wall {wall * 1000:6.1f} ms  cpu {cpu * 1000:6.1f} ms")
        for by in ("all", "procedure", "clerk", "day"):
            wall, cpu = _best(lambda by=by: on_time_report(store, start, end, by))  # type: ignore[misc]
            print(
                f"{'on-time report --by ' + by:<32} wall {wall * 1000:6.1f} ms  "
                f"cpu {cpu * 1000:6.1f} ms  ({cpu / floor:.1f}x the table-scan aggregate)"
            )
        print(conditions.line(Path(tmp)))  # reads only: the load is what inflates the times
        store.close()


if __name__ == "__main__":
    main()
