"""Rows of attached files: which dossier, which checklist item, and whether the hub has it."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from ..attachments import SHOWN_ONLY_MARKERS
from ..sync_records import AttachmentRow

_COLUMNS = (
    "a.uuid, d.uuid, d.code, a.item, a.kind, a.name, a.media_type, a.pages, a.size, a.sha256, "
    "a.added_by, a.added_at, a.sync_state, a.sync_error"
)
_FROM = "FROM attachments a JOIN dossiers d ON d.id = a.dossier_id"


class AttachmentTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def insert(self, dossier_id: int, row: AttachmentRow) -> None:
        self.conn.execute(
            "INSERT INTO attachments (uuid, dossier_id, item, kind, name, media_type, pages, "
            "size, sha256, added_by, added_at, sync_state) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, "
            "?, ?, ?)",
            (
                row.uuid,
                dossier_id,
                row.item,
                row.kind,
                row.name,
                row.media_type,
                row.pages,
                row.size,
                row.sha256,
                row.added_by,
                row.added_at,
                row.sync_state,
            ),
        )

    def exists(self, uuid: str) -> bool:
        row = self.conn.execute("SELECT 1 FROM attachments WHERE uuid = ?", (uuid,)).fetchone()
        return row is not None

    def of_dossier(self, dossier_id: int) -> list[AttachmentRow]:
        return self._rows(
            f"SELECT {_COLUMNS} {_FROM} WHERE a.dossier_id = ? ORDER BY a.id", (dossier_id,)
        )

    def unsent(self, limit: int) -> list[AttachmentRow]:
        """Files still to upload whose dossier record the hub already acknowledged: a slow
        link delivers every dossier before any scan. Oldest first."""
        return self._rows(
            f"SELECT {_COLUMNS} {_FROM} WHERE a.sync_state != 'synced' "
            "AND d.sync_state = 'synced' ORDER BY a.id LIMIT ?",
            (limit,),
        )

    def unsent_count(self) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM attachments WHERE sync_state != 'synced'"
        ).fetchone()
        return int(row[0])

    def set_sync_state(self, sha256: str, state: str, error: str | None) -> None:
        # Every row of the same file: one upload serves them all.
        self.conn.execute(
            "UPDATE attachments SET sync_state = ?, sync_error = ? WHERE sha256 = ?",
            (state, error, sha256),
        )

    def missing_from_events(self) -> list[tuple[str, dict[str, Any]]]:
        """(dossier uuid, event data) of 'attach' events with no row here: files attached by
        another office to a dossier this desk pulled."""
        rows = self.conn.execute(
            "SELECT d.uuid, e.data FROM events e JOIN dossiers d ON d.id = e.dossier_id "
            "WHERE e.kind = 'attach' AND NOT EXISTS (SELECT 1 FROM attachments a "
            "WHERE a.uuid = json_extract(e.data, '$.uuid')) ORDER BY e.id"
        )
        return [(r[0], json.loads(r[1])) for r in rows]

    def hashes(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT DISTINCT sha256 FROM attachments")]

    def uses_of(self, sha256: str) -> int:
        row = self.conn.execute(
            "SELECT count(*) FROM attachments WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return int(row[0])

    def digitisation_counts(self, date_from: str, date_to: str) -> dict[str, int]:
        """Decision 766's counts over dossiers received in [from, to) and results issued then:
        a dossier is digitised at intake when every item received has an intake scan, items
        only shown excepted: those the procedure's checklist marks shown_only, or, for a
        procedure no longer in the catalogue, whose name says "xuất trình"
        (counter_app.attachments.shown_only). A dossier accepted with an item unscanned counts
        as received, not as digitised."""
        lower, upper = SHOWN_ONLY_MARKERS
        received, digitised = self.conn.execute(
            "SELECT count(*), coalesce(sum(CASE WHEN json_array_length(d.documents) > 0 AND "
            "NOT EXISTS (SELECT 1 FROM json_each(d.documents) j "
            "WHERE NOT coalesce((SELECT json_extract(r.value, '$.shown_only') "
            "FROM procedures p, json_each(p.documents) r WHERE p.code = d.procedure_code "
            "AND json_extract(r.value, '$.name') = json_extract(j.value, '$.name') LIMIT 1), "
            "instr(lower(json_extract(j.value, '$.name')), ?) > 0 "
            "OR instr(json_extract(j.value, '$.name'), ?) > 0) "
            "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.dossier_id = d.id "
            "AND a.kind = 'intake' AND a.item = j.key + 1)) THEN 1 ELSE 0 END), 0) "
            "FROM dossiers d WHERE d.received_at >= ? AND d.received_at < ? "
            "AND d.status != 'refused'",
            (lower, upper, date_from, date_to),
        ).fetchone()
        issued, results = self.conn.execute(
            "SELECT count(*), coalesce(sum(CASE WHEN EXISTS (SELECT 1 FROM attachments a "
            "WHERE a.dossier_id = d.id AND a.kind = 'result') THEN 1 ELSE 0 END), 0) "
            "FROM dossiers d WHERE d.result_at >= ? AND d.result_at < ?",
            (date_from, date_to),
        ).fetchone()
        return {
            "received": int(received),
            "digitised_at_intake": int(digitised),
            "results_issued": int(issued),
            "results_digitised": int(results),
        }

    def _rows(self, sql: str, params: tuple[Any, ...]) -> list[AttachmentRow]:
        return [
            AttachmentRow(
                uuid=r[0],
                dossier_uuid=r[1],
                code=r[2],
                item=r[3],
                kind=r[4],
                name=r[5],
                media_type=r[6],
                pages=r[7],
                size=r[8],
                sha256=r[9],
                added_by=r[10],
                added_at=r[11],
                sync_state=r[12],
                sync_error=r[13],
            )
            for r in self.conn.execute(sql, params)
        ]
