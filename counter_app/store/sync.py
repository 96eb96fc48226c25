"""Sync bookkeeping SQL: outbox batches and their states, remote changes, conflicts, run log.

The outbox row is the unit the province acknowledges. A dossier's own sync_state mirrors its
outbox rows: synced when none is pending, else the state of the newest attempt.
"""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..sync_records import Conflict, OutgoingRecord, SyncRun

# Outbox rows that record a change received FROM the province (entity 'remote') are written
# already synced: they keep the rule "every dossier has an outbox row" without being resent.
REMOTE = "remote"


class SyncTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    # --- outgoing ------------------------------------------------------------------------

    def due_batch(
        self, limit: int, now: str, include_not_due: bool, after_id: int = 0
    ) -> list[OutgoingRecord]:
        """Oldest first; rows waiting for their next attempt are skipped unless forced."""
        rows = self.conn.execute(
            "SELECT o.id, o.uuid, o.entity_uuid, o.payload, o.created_at, o.attempts, "
            "d.server_version, e.chain_seq, e.chain_prev, e.chain_hash FROM outbox o "
            "LEFT JOIN dossiers d ON d.uuid = o.entity_uuid "
            "LEFT JOIN events e ON e.uuid = json_extract(o.payload, '$.event.uuid') "
            "WHERE o.state != 'synced' AND o.entity = 'dossier' AND o.id > ? "
            "AND (? OR o.next_attempt_at IS NULL OR o.next_attempt_at <= ?) "
            "ORDER BY o.id LIMIT ?",
            (after_id, include_not_due, now, limit),
        )
        return [OutgoingRecord(*r) for r in rows]

    def next_due_at(self) -> str | None:
        row = self.conn.execute(
            "SELECT min(coalesce(next_attempt_at, '')) FROM outbox WHERE state != 'synced'"
        ).fetchone()
        return None if row is None else row[0]

    def mark_sending(self, uuids: list[str]) -> None:
        marks = _marks(uuids)
        self.conn.execute(
            f"UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE uuid IN ({marks})",
            uuids,
        )
        self.conn.execute(
            "UPDATE dossiers SET sync_state = 'sending', sync_error = NULL WHERE uuid IN "
            f"(SELECT entity_uuid FROM outbox WHERE uuid IN ({marks}))",
            uuids,
        )

    def mark_synced(self, uuid: str, version: int, at: str) -> str:
        """The record is acknowledged; returns its dossier's uuid."""
        row = self.conn.execute(
            "UPDATE outbox SET state = 'synced', acked_at = ?, server_version = ?, "
            "last_error = NULL, next_attempt_at = NULL WHERE uuid = ? RETURNING entity_uuid",
            (at, version, uuid),
        ).fetchone()
        return str(row[0]) if row else ""

    def mark_all_synced(self, acks: list[tuple[str, int]], at: str) -> None:
        """Many acknowledgements at once: the records, then their dossiers' state."""
        self.conn.executemany(
            "UPDATE outbox SET state = 'synced', acked_at = ?, server_version = ?, "
            "last_error = NULL, next_attempt_at = NULL WHERE uuid = ?",
            [(at, version, uuid) for uuid, version in acks],
        )
        uuids = [uuid for uuid, _ in acks]
        self.conn.execute(
            "UPDATE dossiers SET server_version = max(coalesce(server_version, 0), "
            "(SELECT max(o.server_version) FROM outbox o WHERE o.entity_uuid = dossiers.uuid "
            "AND o.state = 'synced')), sync_error = NULL, sync_state = CASE WHEN EXISTS "
            "(SELECT 1 FROM outbox o WHERE o.entity_uuid = dossiers.uuid AND o.state != 'synced') "
            "THEN 'waiting' ELSE 'synced' END "
            f"WHERE uuid IN (SELECT entity_uuid FROM outbox WHERE uuid IN ({_marks(uuids)}))",
            uuids,
        )

    def mark_failed(self, uuids: list[str], error: str, next_attempt_at: str | None) -> None:
        self.conn.executemany(
            "UPDATE outbox SET state = 'error', last_error = ?, next_attempt_at = ? "
            "WHERE uuid = ? AND state != 'synced'",
            [(error, next_attempt_at, uuid) for uuid in uuids],
        )
        self.conn.execute(
            "UPDATE dossiers SET sync_state = 'error', sync_error = ? WHERE uuid IN "
            f"(SELECT entity_uuid FROM outbox WHERE uuid IN ({_marks(uuids)}) "
            "AND state != 'synced')",
            [error, *uuids],
        )

    def mark_unsent(self, uuids: list[str]) -> None:
        """The request never reached the hub (or the hub refused the desk): back to waiting with
        no error on the dossier, which did nothing wrong, and no per-record delay."""
        self.conn.execute(
            f"UPDATE outbox SET state = 'waiting', next_attempt_at = NULL "
            f"WHERE uuid IN ({_marks(uuids)}) AND state != 'synced'",
            uuids,
        )
        self.conn.execute(
            "UPDATE dossiers SET sync_state = 'waiting', sync_error = NULL WHERE uuid IN "
            f"(SELECT entity_uuid FROM outbox WHERE uuid IN ({_marks(uuids)}) "
            "AND state != 'synced')",
            uuids,
        )

    def pending_for(self, dossier_uuid: str) -> int:
        return int(
            self.conn.execute(
                "SELECT count(*) FROM outbox WHERE entity_uuid = ? AND state != 'synced'",
                (dossier_uuid,),
            ).fetchone()[0]
        )

    def refresh_dossier(self, dossier_uuid: str, version: int | None) -> None:
        """After an ack: synced when nothing else of the dossier is pending."""
        if version is not None:
            self.conn.execute(
                "UPDATE dossiers SET server_version = max(coalesce(server_version, 0), ?) "
                "WHERE uuid = ?",
                (version, dossier_uuid),
            )
        state = "synced" if self.pending_for(dossier_uuid) == 0 else "waiting"
        self.conn.execute(
            "UPDATE dossiers SET sync_state = ?, sync_error = NULL WHERE uuid = ?",
            (state, dossier_uuid),
        )

    def requeue_days(self, days: list[str]) -> int:
        """Reconciliation found these days short at the hub: send their records again."""
        cur = self.conn.execute(
            "UPDATE outbox SET state = 'waiting', next_attempt_at = NULL "
            f"WHERE entity = 'dossier' AND substr(created_at, 1, 10) IN ({_marks(days)})",
            days,
        )
        return cur.rowcount

    # --- incoming ------------------------------------------------------------------------

    def server_version(self, dossier_uuid: str) -> int | None:
        row = self.conn.execute(
            "SELECT server_version FROM dossiers WHERE uuid = ?", (dossier_uuid,)
        ).fetchone()
        return None if row is None else row[0]

    def set_server_version(self, dossier_uuid: str, version: int) -> None:
        self.conn.execute(
            "UPDATE dossiers SET server_version = ?, sync_state = 'synced', sync_error = NULL "
            "WHERE uuid = ?",
            (version, dossier_uuid),
        )

    def add_remote_event(self, dossier_id: int, e: dict[str, Any]) -> bool:
        cur = self.conn.execute(
            "INSERT INTO events (uuid, dossier_id, at, username, kind, old_status, new_status, "
            "note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (uuid) DO NOTHING",
            (
                e["uuid"],
                dossier_id,
                e["at"],
                e["username"],
                e["kind"],
                e.get("old_status"),
                e.get("new_status"),
                e.get("note"),
                json.dumps(e.get("data") or {}, ensure_ascii=False),
            ),
        )
        return cur.rowcount > 0

    def add_remote_outbox(self, uuid: str, dossier_uuid: str, payload: Any, at: str) -> None:
        self.conn.execute(
            "INSERT INTO outbox (uuid, entity, entity_uuid, payload, created_at, state, acked_at) "
            "VALUES (?, ?, ?, ?, ?, 'synced', ?)",
            (uuid, REMOTE, dossier_uuid, json.dumps(payload, ensure_ascii=False), at, at),
        )

    # --- conflicts -----------------------------------------------------------------------

    def add_conflict(
        self,
        dossier_uuid: str,
        code: str,
        at: str,
        local_status: str | None,
        remote_status: str | None,
        remote_version: int,
        detail: dict[str, Any],
    ) -> bool:
        cur = self.conn.execute(
            "INSERT INTO sync_conflicts (dossier_uuid, code, detected_at, local_status, "
            "remote_status, remote_version, detail) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (dossier_uuid, remote_version) DO NOTHING",
            (
                dossier_uuid,
                code,
                at,
                local_status,
                remote_status,
                remote_version,
                json.dumps(detail, ensure_ascii=False),
            ),
        )
        return cur.rowcount > 0

    def conflicts(self, open_only: bool) -> list[Conflict]:
        rows = self.conn.execute(
            "SELECT id, dossier_uuid, code, detected_at, local_status, remote_status, "
            "remote_version, detail, resolved_at, resolved_by FROM sync_conflicts "
            f"{'WHERE resolved_at IS NULL' if open_only else ''} ORDER BY id"
        )
        return [
            Conflict(r[0], r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), r[8], r[9])
            for r in rows
        ]

    def resolve_conflict(self, conflict_id: int, by: str, at: str) -> bool:
        cur = self.conn.execute(
            "UPDATE sync_conflicts SET resolved_at = ?, resolved_by = ? "
            "WHERE id = ? AND resolved_at IS NULL",
            (at, by, conflict_id),
        )
        return cur.rowcount > 0

    # --- reconciliation --------------------------------------------------------------------

    def own_record_days(self) -> dict[str, list[str]]:
        days: dict[str, list[str]] = {}
        for day, uuid in self.conn.execute(
            "SELECT substr(created_at, 1, 10), uuid FROM outbox "
            "WHERE entity IN ('dossier', 'recovered') AND state = 'synced'"
        ):
            days.setdefault(day, []).append(uuid)
        return days

    def office_dossier_days(self, agency_code: str) -> dict[str, list[str]]:
        days: dict[str, list[str]] = {}
        for day, uuid in self.conn.execute(
            "SELECT substr(received_at, 1, 10), uuid FROM dossiers WHERE receiving_unit = ?",
            (agency_code,),
        ):
            days.setdefault(day, []).append(uuid)
        return days

    # --- the run log -----------------------------------------------------------------------

    def start_run(self, at: str, trigger: str) -> int:
        cur = self.conn.execute(
            "INSERT INTO sync_runs (started_at, trigger) VALUES (?, ?)", (at, trigger)
        )
        return int(cur.lastrowid or 0)

    def finish_run(
        self,
        run_id: int,
        at: str,
        ok: bool,
        pushed: int,
        pulled: int,
        conflicts: int,
        pending: int,
        errors: list[str],
    ) -> None:
        self.conn.execute(
            "UPDATE sync_runs SET ended_at = ?, ok = ?, pushed = ?, pulled = ?, conflicts = ?, "
            "pending = ?, errors = ? WHERE id = ?",
            (
                at,
                ok,
                pushed,
                pulled,
                conflicts,
                pending,
                json.dumps(errors, ensure_ascii=False),
                run_id,
            ),
        )

    def runs(self, limit: int) -> list[SyncRun]:
        rows = self.conn.execute(
            "SELECT id, started_at, ended_at, trigger, ok, pushed, pulled, conflicts, pending, "
            "errors FROM sync_runs ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [
            SyncRun(
                r[0],
                r[1],
                r[2],
                r[3],
                None if r[4] is None else bool(r[4]),
                r[5],
                r[6],
                r[7],
                r[8],
                json.loads(r[9]),
            )
            for r in rows
        ]


def _marks(values: list[Any]) -> str:
    return ", ".join("?" for _ in values)
