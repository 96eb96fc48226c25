"""The sync outbox: one row per change that must reach the province."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class OutboxRecord:
    id: int
    uuid: str
    entity: str
    entity_uuid: str
    payload: dict[str, Any]
    created_at: str
    state: str
    attempts: int


class OutboxTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(
        self, uuid: str, entity: str, entity_uuid: str, payload: dict[str, Any], at: str
    ) -> None:
        self.conn.execute(
            "INSERT INTO outbox (uuid, entity, entity_uuid, payload, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (uuid, entity, entity_uuid, json.dumps(payload, ensure_ascii=False), at),
        )

    def pending_count(self) -> int:
        return int(
            self.conn.execute("SELECT count(*) FROM outbox WHERE state != 'synced'").fetchone()[0]
        )
