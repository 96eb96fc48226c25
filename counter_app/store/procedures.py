"""The procedure catalogue."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict
from typing import Any

from ..models import Procedure, RequiredDocument, TimeUnit
from ..text import fold
from .freshness import ReadCache

_COLUMNS = (
    "code, local_code, name, field, time_value, time_unit, cutoff_hour, fee, documents, "
    "active, version, field_code, time_text"
)


def _procedure(row: tuple[Any, ...]) -> Procedure:
    names = [c.strip() for c in _COLUMNS.split(",")]
    data = dict(zip(names, row, strict=True))
    # Built directly, not through from_dict: what is stored was checked on import, and an old
    # row (a limit imported as 0 before limits were checked) must still open.
    return Procedure(
        code=data["code"],
        name=data["name"],
        time_value=data["time_value"],
        time_unit=TimeUnit(data["time_unit"]),
        local_code=data["local_code"],
        field=data["field"],
        cutoff_hour=data["cutoff_hour"],
        fee=data["fee"],
        documents=tuple(RequiredDocument.from_dict(d) for d in json.loads(data["documents"])),
        active=bool(data["active"]),
        version=data["version"],
        field_code=data["field_code"],
        time_text=data["time_text"],
    )


class ProcedureTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # Procedures are immutable records: one per code is shared by every intake.
        self.cache: ReadCache[Procedure | None] = ReadCache(conn)

    def upsert(self, proc: Procedure, at: str) -> None:
        self.cache.forget()  # a code may also be another procedure's local code
        docs = json.dumps([asdict(d) for d in proc.documents], ensure_ascii=False)
        self.conn.execute(
            f"INSERT INTO procedures ({_COLUMNS}, name_folded, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (code) DO UPDATE SET local_code = excluded.local_code, "
            "name = excluded.name, field = excluded.field, time_value = excluded.time_value, "
            "time_unit = excluded.time_unit, cutoff_hour = excluded.cutoff_hour, "
            "fee = excluded.fee, documents = excluded.documents, active = excluded.active, "
            "version = excluded.version, field_code = excluded.field_code, "
            "time_text = excluded.time_text, name_folded = excluded.name_folded, "
            "updated_at = excluded.updated_at",
            (
                proc.code,
                proc.local_code,
                proc.name,
                proc.field,
                proc.time_value,
                proc.time_unit.value,
                proc.cutoff_hour,
                proc.fee,
                docs,
                int(proc.active),
                proc.version,
                proc.field_code,
                proc.time_text,
                fold(f"{proc.name} {proc.code} {proc.local_code}"),
                at,
            ),
        )

    def get(self, code: str) -> Procedure | None:
        return self.cache.get(code, lambda: self._get(code))

    def _get(self, code: str) -> Procedure | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM procedures WHERE code = ? OR local_code = ?", (code, code)
        ).fetchone()
        return None if row is None else _procedure(row)

    def all(self, active_only: bool = False) -> list[Procedure]:
        where = "WHERE active = 1" if active_only else ""
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM procedures {where} ORDER BY code")
        return [_procedure(r) for r in rows]

    def find(self, folded_query: str, limit: int = 50) -> list[Procedure]:
        """Active procedures whose folded name or code contains every word of the query."""
        words = folded_query.split()
        where = " AND ".join("name_folded LIKE ?" for _ in words) or "1"
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM procedures WHERE active = 1 AND {where} ORDER BY code LIMIT ?",
            [f"%{w}%" for w in words] + [limit],
        )
        return [_procedure(r) for r in rows]
