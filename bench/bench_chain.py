"""The event hash chain (issue 13 finding 11): what a link costs a write, and what walking
100,000 links costs `check`.

1. Linking: ChainTable.link (read the head, the event and its dossier's snapshot columns, hash,
   write four columns) against the bare event INSERT it follows, in the same transaction.
2. `check` on 50,000 dossiers with 100,000 events and their outbox rows: the chain's walk
   (every link re-hashed, every dossier's snapshot compared, the outbox held against the hub's
   head) against the rest of `check` (integrity_check, the old invariants).
"""

from __future__ import annotations

import json
import tempfile
import time
import uuid
from pathlib import Path

from bench.bench_core import AGENCY, PASSWORD, summary
from counter_app.counter import Counter
from counter_app.models import Office

DOSSIERS = 50_000
EVENTS_EACH = 2


def build(folder: Path) -> tuple[Counter, float, float]:
    counter = Counter.open(folder / "counter")
    counter.setup(Office(agency_code=AGENCY, name="UBND bench"), "Quầy 1", "admin", "A", PASSWORD)
    store = counter._store
    conn = store.conn
    conn.execute("PRAGMA synchronous=OFF")
    insert_s = link_s = 0.0
    with store.write():
        for i in range(1, DOSSIERS + 1):
            at = f"2026-01-{1 + i % 28:02d}T08:00:00+07:00"
            conn.execute(
                "INSERT INTO dossiers (id, uuid, code, procedure_code, procedure_name, "
                "applicant_name, id_number, phone, received_at, status, receiving_unit, "
                "resolving_unit, received_by, updated_at) VALUES (?, ?, ?, '1.000894', "
                "'Đăng ký kết hôn', 'Nguyễn Văn An', '079090123456', '0912345678', ?, "
                "'received', ?, ?, 'admin', ?)",
                (i, str(uuid.uuid4()), f"{AGENCY}-{i}", at, AGENCY, AGENCY, at),
            )
            conn.execute(
                "INSERT INTO dossier_search (rowid, text) VALUES (?, ?)", (i, f"nguyen van an {i}")
            )
            for n in range(EVENTS_EACH):
                event = str(uuid.uuid4())
                started = time.perf_counter()
                cur = conn.execute(
                    "INSERT INTO events (uuid, dossier_id, at, username, kind, new_status) "
                    "VALUES (?, ?, ?, 'admin', ?, 'received')",
                    (event, i, at, "intake" if n == 0 else "note"),
                )
                middle = time.perf_counter()
                store.chain.link(int(cur.lastrowid or 0))
                link_s += time.perf_counter() - middle
                insert_s += middle - started
                payload = json.dumps({"dossier": {}, "event": {"uuid": event}})
                conn.execute(
                    "INSERT INTO outbox (uuid, entity, entity_uuid, payload, created_at) "
                    "VALUES (?, 'dossier', ?, ?, ?)",
                    (str(uuid.uuid4()), str(i), payload, at),
                )
    return counter, insert_s, link_s


def main() -> None:
    events = DOSSIERS * EVENTS_EACH
    with tempfile.TemporaryDirectory(prefix="bench-chain-") as folder:
        counter, insert_s, link_s = build(Path(folder))
        print(f"event chain ({DOSSIERS:,} dossiers, {events:,} events):")
        print(
            f"  link per event       {1e6 * link_s / events:8.1f} us   "
            f"(bare event INSERT {1e6 * insert_s / events:.1f} us)"
        )
        chain, rest = [], []
        for _run in range(3):
            started = time.perf_counter()
            assert counter.event_chain.problems() == []
            middle = time.perf_counter()
            counter._store.integrity_errors()
            counter._store.dossiers.invariant_errors()
            chain.append(middle - started)
            rest.append(time.perf_counter() - middle)
        median_chain, _spread = summary(chain)
        median_rest, _spread = summary(rest)
        print(
            f"  check: chain walk    {median_chain:8.0f} ms   "
            f"(rest of check {median_rest:.0f} ms; median of 3)"
        )
        counter.close()
