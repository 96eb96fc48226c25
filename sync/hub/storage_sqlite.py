"""The SQLite backend: WAL mode, one connection per thread, writes behind SQLite's own lock."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .storage_sql import SqlHubStorage


class SqliteHubStorage(SqlHubStorage):
    backend = "sqlite"

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # Tokens' hashes and citizens' dossiers: the file is created private, never 0644 first
        # (SQLite gives its -wal and -shm files the same mode).
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if os.name == "posix":
            os.chmod(path, 0o600)
        self._all_conns: list[sqlite3.Connection] = []
        self._conns_lock = threading.Lock()

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (a sqlite3 connection must not be shared by threads)."""
        conn: sqlite3.Connection | None = getattr(self._local, "sqlite", None)
        if conn is None:
            conn = sqlite3.connect(
                self.path, isolation_level=None, timeout=30, check_same_thread=False
            )
            conn.execute("PRAGMA journal_mode=WAL")
            # The hub acknowledges a record only after its commit is on disk: a crash of the
            # hub after an ack must not lose what the desk then considers synced.
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA busy_timeout=30000")
            self._local.sqlite = conn
            with self._conns_lock:
                self._all_conns.append(conn)
        return conn

    @contextmanager
    def _connection(self) -> Iterator[sqlite3.Connection]:
        yield self.conn

    def _has_schema_table(self) -> bool:
        row = self._one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'hub_schema'")
        return row is not None

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE: the write lock from the start, so every check inside sees the latest state
        # and versions are committed in the order they are taken.
        with self._begin("BEGIN IMMEDIATE"):
            yield

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        """A read transaction: every query inside sees the same committed state (WAL)."""
        with self._begin("BEGIN"):
            yield

    @contextmanager
    def _begin(self, begin: str) -> Iterator[None]:
        conn = self.conn
        conn.execute(begin)
        try:
            yield
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def next_version(self) -> int:
        return self.reserve_versions(1)[0]

    def reserve_versions(self, n: int) -> list[int]:
        row = self._one("UPDATE sequence SET value = value + ? WHERE id = 1 RETURNING value", (n,))
        assert row is not None
        last = int(row[0])
        return list(range(last - n + 1, last + 1))

    def close(self) -> None:
        with self._conns_lock:
            conns, self._all_conns = self._all_conns, []
        for conn in conns:
            conn.close()
        self._local = threading.local()
