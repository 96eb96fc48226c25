"""Dossiers, their append-only events and the full-text search index."""

from __future__ import annotations

import functools
import json
import re
import sqlite3
from typing import Any

from ..lifecycle import Status
from ..models import (
    Applicant,
    Channel,
    DocumentReceived,
    Dossier,
    Event,
    SyncState,
)
from ..text import fold
from .chain import ChainTable

_COLUMNS = (
    "id, uuid, code, procedure_code, procedure_name, applicant_name, id_number, birth_date, "
    "gender, phone, email, address, owner_name, owner_id_number, channel, documents, sets, "
    "received_at, due_at, status, receiving_unit, resolving_unit, fee, notes, received_by, "
    "result_at, returned_at, returned_to, satisfaction, extra, sync_state, sync_error, "
    "updated_at, extended_due_at, handout_unit"
)
_NAMES = [c.strip() for c in _COLUMNS.split(",")]
# Fields a later change may set; everything else is fixed at intake.
UPDATABLE = frozenset(
    {
        "due_at",
        "status",
        "result_at",
        "returned_at",
        "returned_to",
        "satisfaction",
        "notes",
        "resolving_unit",
        "extra",
        "updated_at",
        "email",
        "address",
        "phone",
        "extended_due_at",
        "handout_unit",
    }
)


def search_text(d: Dossier) -> str:
    """Names, code, ID numbers and phone. Not the procedure name: nearly every one starts with
    "Đăng ký", which would make the common surname Đặng match every dossier."""
    parts = [
        d.code,
        d.applicant.full_name,
        d.applicant.id_number,
        d.applicant.phone,
        d.owner_name or "",
        d.owner_id_number or "",
    ]
    return fold(" ".join(parts))


def fts_query(text: str) -> str | None:
    """Every word of the folded query as a quoted prefix term, all required."""
    words = re.findall(r"\w+", fold(text))
    if not words:
        return None
    return " AND ".join(f'"{w}"*' for w in words)


# Enum members by stored value: a dict lookup is several times cheaper than calling the Enum,
# and search turns up to hundreds of rows into records per keystroke.
_STATUS = {s.value: s for s in Status}
_CHANNEL = {c.value: c for c in Channel}
_SYNC = {s.value: s for s in SyncState}


def _documents(text: str) -> tuple[DocumentReceived, ...]:
    return () if text == "[]" else tuple(DocumentReceived(**x) for x in json.loads(text))


def row_to_dossier(row: tuple[Any, ...]) -> Dossier:
    (
        _,
        uuid,
        code,
        procedure_code,
        procedure_name,
        applicant_name,
        id_number,
        birth_date,
        gender,
        phone,
        email,
        address,
        owner_name,
        owner_id_number,
        channel,
        documents,
        sets,
        received_at,
        due_at,
        status,
        receiving_unit,
        resolving_unit,
        fee,
        notes,
        received_by,
        result_at,
        returned_at,
        returned_to,
        satisfaction,
        extra,
        sync_state,
        sync_error,
        updated_at,
        extended_due_at,
        handout_unit,
    ) = row  # the order of _COLUMNS
    return Dossier(
        uuid=uuid,
        code=code,
        procedure_code=procedure_code,
        procedure_name=procedure_name,
        applicant=Applicant(
            full_name=applicant_name,
            id_number=id_number,
            phone=phone,
            address=address,
            email=email,
            birth_date=birth_date,
            gender=gender,
        ),
        received_at=received_at,
        due_at=due_at,
        status=_STATUS[status],
        received_by=received_by,
        receiving_unit=receiving_unit,
        resolving_unit=resolving_unit,
        channel=_CHANNEL[channel],
        owner_name=owner_name,
        owner_id_number=owner_id_number,
        documents=_documents(documents),
        sets=sets,
        fee=fee,
        notes=notes,
        result_at=result_at,
        returned_at=returned_at,
        returned_to=returned_to,
        satisfaction=satisfaction,
        sync_state=_SYNC[sync_state],
        sync_error=sync_error,
        updated_at=updated_at,
        extra={} if extra == "{}" else json.loads(extra),
        extended_due_at=extended_due_at,
        handout_unit=handout_unit,
    )


def _documents_json(documents: tuple[DocumentReceived, ...]) -> str:
    # vars() of the flat frozen record: asdict() deep-copies field by field for nothing here.
    return json.dumps([x.counts() for x in documents], ensure_ascii=False) if documents else "[]"


def _row_values(d: Dossier) -> dict[str, Any]:
    a = d.applicant
    return {
        "uuid": d.uuid,
        "code": d.code,
        "procedure_code": d.procedure_code,
        "procedure_name": d.procedure_name,
        "applicant_name": a.full_name,
        "id_number": a.id_number,
        "birth_date": a.birth_date,
        "gender": a.gender,
        "phone": a.phone,
        "email": a.email,
        "address": a.address,
        "owner_name": d.owner_name,
        "owner_id_number": d.owner_id_number,
        "channel": d.channel.value,
        "documents": _documents_json(d.documents),
        "sets": d.sets,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "status": d.status.value,
        "receiving_unit": d.receiving_unit,
        "resolving_unit": d.resolving_unit,
        "fee": d.fee,
        "notes": d.notes,
        "received_by": d.received_by,
        "result_at": d.result_at,
        "returned_at": d.returned_at,
        "returned_to": d.returned_to,
        "satisfaction": d.satisfaction,
        "extra": json.dumps(d.extra, ensure_ascii=False),
        "sync_state": d.sync_state.value,
        "sync_error": d.sync_error,
        "updated_at": d.updated_at,
        "extended_due_at": d.extended_due_at,
        "handout_unit": d.handout_unit,
    }


# Built once: search runs at every keystroke of the return desk's search box.
_SEARCH_SQL = (
    f"SELECT {', '.join('d.' + n for n in _NAMES)} FROM dossiers d WHERE d.id IN ("
    "SELECT rowid FROM dossier_search WHERE dossier_search MATCH ? "
    "ORDER BY rowid DESC LIMIT ?) ORDER BY d.id DESC"
)


@functools.cache
def _insert_sql(columns: tuple[str, ...]) -> str:
    """One text per column list, so the statement is built once and sqlite3's statement cache
    finds it prepared."""
    return f"INSERT INTO dossiers ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"


class DossierTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def insert(self, d: Dossier) -> int:
        values = _row_values(d)
        cur = self.conn.execute(_insert_sql(tuple(values)), tuple(values.values()))
        rowid = int(cur.lastrowid or 0)
        self.conn.execute(
            "INSERT INTO dossier_search (rowid, text) VALUES (?, ?)", (rowid, search_text(d))
        )
        return rowid

    def update(self, dossier_id: int, **fields: Any) -> None:
        bad = set(fields) - UPDATABLE
        if bad:
            raise ValueError(f"not updatable: {sorted(bad)}")
        if "extra" in fields:
            fields["extra"] = json.dumps(fields["extra"], ensure_ascii=False)
        sets = ", ".join(f"{k} = ?" for k in fields)
        self.conn.execute(
            f"UPDATE dossiers SET {sets} WHERE id = ?", [*fields.values(), dossier_id]
        )

    def set_sync_state(self, uuid: str, state: SyncState, error: str | None = None) -> None:
        self.conn.execute(
            "UPDATE dossiers SET sync_state = ?, sync_error = ? WHERE uuid = ?",
            (state.value, error, uuid),
        )

    def _one(self, where: str, value: Any) -> tuple[int, Dossier] | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM dossiers WHERE {where}", (value,)
        ).fetchone()
        return None if row is None else (int(row[0]), row_to_dossier(row))

    def by_code(self, code: str) -> tuple[int, Dossier] | None:
        return self._one("code = ?", code)

    def by_uuid(self, uuid: str) -> tuple[int, Dossier] | None:
        return self._one("uuid = ?", uuid)

    def add_event(self, dossier_id: int, e: Event) -> None:
        """Append the event as the next link of this desk's chain (store/chain.py)."""
        cur = self.conn.execute(
            "INSERT INTO events (uuid, dossier_id, at, username, kind, old_status, new_status, "
            "note, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                e.uuid,
                dossier_id,
                e.at,
                e.username,
                e.kind,
                e.old_status,
                e.new_status,
                e.note,
                json.dumps(e.data, ensure_ascii=False),
            ),
        )
        ChainTable(self.conn).link(int(cur.lastrowid or 0))

    def events(self, dossier_id: int) -> list[Event]:
        rows = self.conn.execute(
            "SELECT e.uuid, d.uuid, e.at, e.username, e.kind, e.old_status, e.new_status, "
            "e.note, e.data FROM events e JOIN dossiers d ON d.id = e.dossier_id "
            "WHERE e.dossier_id = ? ORDER BY e.id",
            (dossier_id,),
        )
        return [
            Event(
                uuid=r[0],
                dossier_uuid=r[1],
                at=r[2],
                username=r[3],
                kind=r[4],
                old_status=r[5],
                new_status=r[6],
                note=r[7],
                data=json.loads(r[8]),
            )
            for r in rows
        ]

    def search(self, text: str, limit: int | None) -> list[Dossier]:
        """Newest first. Folding happens on both sides, so 'dang van duc' finds 'Đặng Văn Đức'."""
        query = fts_query(text)
        if query is None:
            return []
        rows = self.conn.execute(_SEARCH_SQL, (query, limit or -1))
        return [row_to_dossier(r) for r in rows]

    def latest_by_id_number(self, id_number: str) -> Dossier | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM dossiers WHERE id_number = ? ORDER BY id DESC LIMIT 1",
            (id_number,),
        ).fetchone()
        return None if row is None else row_to_dossier(row)

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0])

    def all_codes(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT code FROM dossiers ORDER BY id")]

    def events_agree(self, uuid: str) -> bool:
        """One dossier passes the event checks of `invariant_errors`."""
        row = self.conn.execute(
            "SELECT d.status IS (SELECT e.new_status FROM events e WHERE e.dossier_id = d.id "
            "AND e.new_status IS NOT NULL ORDER BY e.id DESC LIMIT 1) FROM dossiers d "
            "WHERE d.uuid = ?",
            (uuid,),
        ).fetchone()
        return bool(row and row[0])

    def invariant_errors(self) -> list[str]:
        """Checks beyond SQLite's own: each dossier indexed, with events and an outbox row, its
        status the one its last event set, and events still append-only."""
        problems: list[str] = []
        missing = self.conn.execute(
            "SELECT count(*) FROM dossiers d WHERE NOT EXISTS "
            "(SELECT 1 FROM events e WHERE e.dossier_id = d.id)"
        ).fetchone()[0]
        if missing:
            problems.append(f"{missing} dossiers without any event")
        unindexed = self.conn.execute(
            "SELECT (SELECT count(*) FROM dossiers) - (SELECT count(*) FROM dossier_search)"
        ).fetchone()[0]
        if unindexed:
            problems.append(f"search index differs from dossiers by {unindexed} rows")
        # NOT IN builds one temporary index over the outbox instead of a scan per dossier.
        no_outbox = self.conn.execute(
            "SELECT count(*) FROM dossiers WHERE uuid NOT IN "
            # 'remote': a dossier pulled from the province (store/sync.py), already synced.
            "(SELECT entity_uuid FROM outbox WHERE entity IN ('dossier', 'remote'))"
        ).fetchone()[0]
        if no_outbox:
            problems.append(f"{no_outbox} dossiers never queued for sync")
        drifted = self.conn.execute(
            "SELECT count(*) FROM dossiers d WHERE d.status IS NOT (SELECT e.new_status "
            "FROM events e WHERE e.dossier_id = d.id AND e.new_status IS NOT NULL "
            "ORDER BY e.id DESC LIMIT 1)"
        ).fetchone()[0]
        if drifted:
            problems.append(f"{drifted} dossiers whose status differs from their last event")
        triggers = {
            r[0] for r in self.conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        }
        if not {"events_no_update", "events_no_delete"} <= triggers:
            problems.append("events are no longer protected against change (trigger missing)")
        return problems
