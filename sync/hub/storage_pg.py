"""The PostgreSQL backend: psycopg 3 with a connection pool, for a province's hub processes.

Every write transaction first takes one transaction-scoped advisory lock, so writes are
serialised across all hub processes on the database, as SQLite serialises them on a file:
the checks of a push (idempotency, code uniqueness, conflicts) see everything committed
before, and versions, taken from a sequence under that lock, become visible in the order of
their numbers, which is what keeps the pull cursor from skipping a row (docs/sync-protocol.md,
"The pull cursor"). Reads take no lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack, contextmanager, nullcontext, suppress
from typing import Any

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from counter_app.errors import StorageError
from counter_app.i18n import _

from .storage import StorageBusy
from .storage_sql import SqlHubStorage

# pg_advisory_xact_lock key of the hub's write lock ("MOTCUA" in ASCII).
WRITE_LOCK = 0x4D4F54435541


class PostgresHubStorage(SqlHubStorage):
    backend = "postgresql"
    _placeholder = "%s"

    def __init__(self, url: str, pool_size: int = 10, pool_timeout: float = 30.0) -> None:
        super().__init__()
        self.url = url
        try:
            # One plain connection first: a wrong URL or a server that is down fails at once,
            # with the driver's words, instead of after the pool's retries.
            psycopg.connect(url, connect_timeout=10).close()
        except psycopg.Error as exc:
            raise StorageError(
                _("không kết nối được cơ sở dữ liệu của máy chủ tỉnh: {problem}").format(
                    problem=exc
                )
            ) from exc
        self.pool = ConnectionPool(
            url,
            min_size=1,
            max_size=max(1, pool_size),
            kwargs={"autocommit": True},
            open=True,
            name="hub",
            timeout=pool_timeout,
        )
        # No check on every checkout (a round trip per request): a connection broken by a
        # database restart fails one request, which the desk retries, and the pool drops it.

    @contextmanager
    def _connection(self) -> Iterator[psycopg.Connection[Any]]:
        conn: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        with ExitStack() as stack:
            try:
                conn = stack.enter_context(self.pool.connection())
            except PoolTimeout as exc:
                raise StorageBusy(
                    "the hub is busy: every database connection stayed taken; try again in a "
                    "few seconds"
                ) from exc
            yield conn

    def _pipeline(self, conn: Any) -> AbstractContextManager[Any]:
        # Only inside a transaction: outside one, the connection goes back to the pool.
        current: psycopg.Connection[Any] | None = getattr(self._local, "conn", None)
        if current is None or current is not conn:
            return nullcontext()
        return current.pipeline()

    def _has_schema_table(self) -> bool:
        row = self._one("SELECT to_regclass('hub_schema') IS NOT NULL")
        return bool(row and row[0])

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._begin(f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"):
            yield

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self._begin("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY"):
            yield

    @contextmanager
    def _begin(self, begin: str) -> Iterator[None]:
        # BEGIN and the lock in one round trip (a parameterless script), COMMIT by hand.
        with self.pool.connection() as conn:
            conn.execute(begin)
            self._local.conn = conn
            try:
                yield
            except BaseException:
                self._local.conn = None
                with suppress(psycopg.Error):  # a broken connection: the pool discards it
                    conn.execute("ROLLBACK")
                raise
            self._local.conn = None
            conn.execute("COMMIT")

    def next_version(self) -> int:
        return self.reserve_versions(1)[0]

    def reserve_versions(self, n: int) -> list[int]:
        # Under the write lock nobody else draws from the sequence: the numbers follow on.
        rows = self._all("SELECT nextval('hub_version') FROM generate_series(1, ?)", (n,))
        return [int(r[0]) for r in rows]

    def close(self) -> None:
        self.pool.close()
