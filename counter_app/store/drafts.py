"""Half-typed intakes (one per user of this desk), kept until the intake is done or dropped."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


class DraftTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def save(self, username: str, data: dict[str, Any], at: str) -> None:
        self.conn.execute(
            "INSERT INTO intake_drafts (username, data, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT (username) DO UPDATE SET data = excluded.data, "
            "updated_at = excluded.updated_at",
            (username, json.dumps(data, ensure_ascii=False), at),
        )

    def get(self, username: str) -> tuple[dict[str, Any], str] | None:
        row = self.conn.execute(
            "SELECT data, updated_at FROM intake_drafts WHERE username = ?", (username,)
        ).fetchone()
        return None if row is None else (json.loads(row[0]), str(row[1]))

    def delete(self, username: str) -> None:
        self.conn.execute("DELETE FROM intake_drafts WHERE username = ?", (username,))
