"""Key-value settings: the office, this desk, code format, server configuration."""

from __future__ import annotations

import json
import sqlite3
from typing import Any


class MetaTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def get(self, key: str, default: Any = None) -> Any:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return default if row is None else json.loads(row[0])

    def set(self, key: str, value: Any) -> None:
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value, ensure_ascii=False)),
        )

    def next_sequence(self, scope: str) -> int:
        """The next number in a scope, taken inside the caller's transaction."""
        row = self.conn.execute(
            "INSERT INTO sequences (scope, value) VALUES (?, 1) "
            "ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value",
            (scope,),
        ).fetchone()
        return int(row[0])
