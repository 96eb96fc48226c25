"""Small read caches for rows that intake reads every time and that change rarely (the office,
this desk, the code format, a procedure).

A cached value is good while the database holds what it held when the value was read:
`PRAGMA data_version` changes when another connection (the CLI, a second app) commits, our own
writes forget the keys they touch, and a rolled-back transaction forgets everything
(`Store.write`). The check is one pragma, a fraction of a SELECT plus JSON decoding.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Generic, TypeVar

V = TypeVar("V")


class ReadCache(Generic[V]):
    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self._version: int | None = None
        self._items: dict[str, V] = {}

    def get(self, key: str, load: Callable[[], V]) -> V:
        version = self._conn.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._items.clear()
            self._version = version
        try:
            return self._items[key]
        except KeyError:
            value = self._items[key] = load()
            return value

    def forget(self, key: str | None = None) -> None:
        """Forget one key after our own write of it, or everything (a rollback)."""
        if key is None:
            self._items.clear()
        else:
            self._items.pop(key, None)
