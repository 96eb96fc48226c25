"""Small read caches for rows that intake reads every time and that change rarely (the office,
this desk, the code format, a procedure).

A cached value is good while the database holds what it held when the value was read:
`PRAGMA data_version` changes when another connection (the CLI, a second app) commits; a
temporary trigger on each cached table forgets everything at any write through our own
connection, whatever code issues it (`watch`); and a rolled-back transaction forgets
everything (`Store.write`). The check is one pragma, a fraction of a SELECT plus JSON decoding.
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


def watch(conn: sqlite3.Connection, tables: dict[str, Callable[[], None]]) -> None:
    """Call each table's function after any INSERT, UPDATE or DELETE of its rows made through
    `conn`: TEMP triggers live with this connection only and leave the file untouched."""
    for table, forget in tables.items():
        function = f"mot_cua_forget_{table}"
        conn.create_function(function, 0, forget)
        for event in ("INSERT", "UPDATE", "DELETE"):
            conn.execute(
                f"CREATE TEMP TRIGGER IF NOT EXISTS {function}_{event.lower()} "
                f"AFTER {event} ON main.{table} BEGIN SELECT {function}(); END"
            )
