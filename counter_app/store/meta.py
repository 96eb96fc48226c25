"""Key-value settings: the office, this desk, code format, server configuration."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

from .freshness import ReadCache


class MetaTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        # The stored text, decoded afresh on each get: callers may change what they are given.
        self.cache: ReadCache[str | None] = ReadCache(conn)

    def get(self, key: str, default: Any = None) -> Any:
        text = self.cache.get(key, lambda: self._text(key))
        return default if text is None else json.loads(text)

    def _text(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set(self, key: str, value: Any) -> None:
        self.cache.forget(key)
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
