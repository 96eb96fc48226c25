"""Recovery SQL: what a desk restored from a backup changes so that it never again uses a
number the province has already seen from it (docs/sync-protocol.md, Recovery).

The outbox row's id is the sequence number the hub orders a desk's snapshots by; the
`sequences` table holds the dossier code counters.
"""

from __future__ import annotations

import json
import sqlite3
import uuid as uuidlib
from pathlib import Path
from typing import Any

from .sync import REMOTE

# The meta key that says "this database must first learn from the hub what it had pushed".
RECOVERY_KEY = "sync.recovery"
SERVER_KEY = "sync.server"


def mark_image(path: Path, value: dict[str, Any]) -> bool:
    """Mark a restored database file (before it is put in place) as needing recovery, if it
    syncs with a hub at all. Returns whether it was marked."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        if conn.execute("SELECT 1 FROM meta WHERE key = ?", (SERVER_KEY,)).fetchone() is None:
            return False
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (RECOVERY_KEY, json.dumps(value)),
        )
        return True
    finally:
        conn.close()


class RecoveryTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def highest_server_version(self) -> int:
        row = self.conn.execute("SELECT max(server_version) FROM dossiers").fetchone()
        return int(row[0] or 0)

    def record_at(self, outbox_id: int) -> tuple[str, str] | None:
        """(record UUID, dossier UUID) of the outbox row with this id, if there is one."""
        row = self.conn.execute(
            "SELECT uuid, entity_uuid FROM outbox WHERE id = ? AND entity = 'dossier'",
            (outbox_id,),
        ).fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    def in_outbox_order(self, record_uuids: list[str]) -> list[str]:
        marks = ", ".join("?" for _ in record_uuids)
        rows = self.conn.execute(
            f"SELECT uuid FROM outbox WHERE uuid IN ({marks}) ORDER BY id", record_uuids
        )
        return [str(r[0]) for r in rows]

    def copy_for_resend(self, record_uuid: str) -> bool:
        """A pending copy (new UUID, new id) of a record whose snapshot the hub did not take."""
        cur = self.conn.execute(
            "INSERT INTO outbox (uuid, entity, entity_uuid, payload, created_at) "
            "SELECT ?, entity, entity_uuid, payload, created_at FROM outbox WHERE uuid = ?",
            (str(uuidlib.uuid4()), record_uuid),
        )
        self.conn.execute(
            "UPDATE dossiers SET sync_state = 'waiting', sync_error = NULL WHERE uuid = "
            "(SELECT entity_uuid FROM outbox WHERE uuid = ?)",
            (record_uuid,),
        )
        return cur.rowcount > 0

    def move_outbox_past(self, seq: int, at: str) -> int:
        """Every new outbox row and every pending one gets an id above `seq`; returns how many
        pending rows were renumbered (their order kept)."""
        top = int(self.conn.execute("SELECT coalesce(max(id), 0) FROM outbox").fetchone()[0])
        if seq > top:
            # A synced marker row holds the number: SQLite gives the next row max(id) + 1.
            self.conn.execute(
                "INSERT INTO outbox (id, uuid, entity, entity_uuid, payload, created_at, state, "
                "acked_at) VALUES (?, ?, ?, '', '{}', ?, 'synced', ?)",
                (seq, str(uuidlib.uuid4()), REMOTE, at, at),
            )
            top = seq
        low = self.conn.execute("SELECT min(id) FROM outbox WHERE state != 'synced'").fetchone()[0]
        if low is None or int(low) > seq:
            return 0
        # Shifted above every id in use, so no row ever meets another's number on the way.
        cur = self.conn.execute(
            "UPDATE outbox SET id = id + ? WHERE state != 'synced'", (top + 1 - int(low),)
        )
        return cur.rowcount

    def move_code_counter(self, scope: str, number: int) -> None:
        self.conn.execute(
            "INSERT INTO sequences (scope, value) VALUES (?, ?) "
            "ON CONFLICT (scope) DO UPDATE SET value = max(value, excluded.value)",
            (scope, number),
        )

    def add_recovered_records(self, records: list[tuple[str, str, str]], at: str) -> None:
        """(record UUID, dossier UUID, day) the hub holds from this desk and the restored
        database lacks: kept as delivered (never sent again), for reconciliation."""
        self.conn.executemany(
            "INSERT INTO outbox (uuid, entity, entity_uuid, payload, created_at, state, "
            "acked_at) VALUES (?, 'recovered', ?, '{}', ?, 'synced', ?) "
            "ON CONFLICT (uuid) DO NOTHING",
            [(u, d, day, at) for u, d, day in records],
        )
