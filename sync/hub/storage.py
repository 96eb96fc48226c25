"""All of the hub's SQL. SQLite in WAL mode for a single-server pilot.

`HubStorage` is the interface the web app and the command line use; `SqliteHubStorage` is the
one backend. A PostgreSQL backend implements the same methods (the SQL here sticks to what
both accept, apart from the connection pragmas and `INSERT ... ON CONFLICT`, which PostgreSQL
also has), so nothing above this module changes.

Versions: every accepted change takes the next number of one hub-wide sequence. A dossier
carries the number of its latest change, which is what the pull cursor walks over.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

_SCHEMA = """
CREATE TABLE IF NOT EXISTS desks (
    id INTEGER PRIMARY KEY,
    agency_code TEXT NOT NULL,
    desk TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    public_key TEXT,
    enrolled_at TEXT NOT NULL,
    last_seen_at TEXT,
    UNIQUE (agency_code, desk)
);
-- The idempotency store: one row per record a desk pushed, with the answer it was given.
CREATE TABLE IF NOT EXISTS records (
    uuid TEXT PRIMARY KEY,
    desk_id INTEGER NOT NULL REFERENCES desks (id),
    dossier_uuid TEXT NOT NULL,
    day TEXT NOT NULL,
    hash TEXT NOT NULL,
    answer TEXT NOT NULL,
    received_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_desk_day ON records (desk_id, day);
CREATE TABLE IF NOT EXISTS dossiers (
    uuid TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    receiving_unit TEXT NOT NULL,
    resolving_unit TEXT NOT NULL,
    handout_unit TEXT,
    status TEXT NOT NULL,
    received_day TEXT NOT NULL,
    data TEXT NOT NULL,
    version INTEGER NOT NULL,
    origin TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS dossiers_version ON dossiers (version);
CREATE INDEX IF NOT EXISTS dossiers_receiving_day ON dossiers (receiving_unit, received_day);
CREATE TABLE IF NOT EXISTS events (
    uuid TEXT PRIMARY KEY,
    dossier_uuid TEXT NOT NULL,
    seq INTEGER NOT NULL,
    origin TEXT NOT NULL,
    data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_dossier ON events (dossier_uuid, seq);
CREATE TABLE IF NOT EXISTS sequence (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
INSERT OR IGNORE INTO sequence (id, value) VALUES (1, 0);
CREATE TABLE IF NOT EXISTS publications (
    kind TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    published_at TEXT NOT NULL,
    PRIMARY KEY (kind, version)
);
CREATE TABLE IF NOT EXISTS conflicts (
    id INTEGER PRIMARY KEY,
    dossier_uuid TEXT NOT NULL,
    record_uuid TEXT NOT NULL,
    desk_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    detail TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Desk:
    id: int
    agency_code: str
    desk: str
    public_key: str | None

    @property
    def origin(self) -> str:
        return f"desk:{self.id}"


@dataclass(frozen=True)
class HubDossier:
    uuid: str
    code: str
    receiving_unit: str
    resolving_unit: str
    handout_unit: str | None
    status: str
    data: dict[str, Any]
    version: int
    origin: str


class HubStorage(Protocol):
    """What the hub needs from its database; one implementation per backend."""

    def transaction(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...
    def add_desk(self, agency_code: str, desk: str, token_hash: str, at: str) -> int: ...
    def desk_by_token(self, token_hash: str) -> Desk | None: ...
    def set_desk_key(self, desk_id: int, public_key: str) -> None: ...
    def touch_desk(self, desk_id: int, at: str) -> None: ...
    def office_desk_keys(self, agency_codes: set[str]) -> list[Desk]: ...
    def record_answer(self, uuid: str) -> dict[str, Any] | None: ...
    def save_record(
        self, uuid: str, desk_id: int, dossier_uuid: str, day: str, content_hash: str,
        answer: dict[str, Any], at: str,
    ) -> None: ...  # fmt: skip
    def record_dossier(self, uuid: str) -> str: ...
    def next_version(self) -> int: ...
    def dossier(self, uuid: str) -> HubDossier | None: ...
    def dossier_by_code(self, code: str) -> HubDossier | None: ...
    def put_dossier(self, d: HubDossier, received_day: str) -> None: ...
    def add_event(self, uuid: str, dossier_uuid: str, seq: int, origin: str,
                  data: dict[str, Any]) -> None: ...  # fmt: skip
    def events_since(
        self, dossier_uuid: str, after: int, not_origin: str
    ) -> list[dict[str, Any]]: ...
    def changes_since(self, units: str, cursor: int, limit: int) -> list[HubDossier]: ...
    def add_conflict(self, dossier_uuid: str, record_uuid: str, desk_id: int, at: str,
                     detail: dict[str, Any]) -> None: ...  # fmt: skip
    def publish(self, kind: str, data: Any, at: str) -> int: ...
    def publication(self, kind: str) -> tuple[int, Any] | None: ...
    def desk_days(self, desk_id: int) -> dict[str, list[str]]: ...
    def office_days(self, agency_code: str) -> dict[str, list[str]]: ...
    def stats(self) -> dict[str, Any]: ...
    def all_dossiers(self) -> list[HubDossier]: ...
    def record_uuids(self) -> list[str]: ...


class SqliteHubStorage:
    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        # Tokens' hashes and citizens' dossiers: the file is created private, never 0644 first
        # (SQLite gives its -wal and -shm files the same mode).
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
        if os.name == "posix":
            os.chmod(path, 0o600)
        self.conn = sqlite3.connect(path, isolation_level=None, timeout=30, check_same_thread=False)
        self.conn.execute("PRAGMA journal_mode=WAL")
        # The hub acknowledges a record only after its commit is on disk: a crash of the hub
        # after an ack must not lose what the desk then considers synced.
        self.conn.execute("PRAGMA synchronous=FULL")
        self.conn.execute("PRAGMA busy_timeout=30000")
        self.conn.executescript(_SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()

    # --- desks ---------------------------------------------------------------------------

    def add_desk(self, agency_code: str, desk: str, token_hash: str, at: str) -> int:
        """Enroll a desk, or re-enroll it: the new token replaces (revokes) the old one."""
        row = self.conn.execute(
            "INSERT INTO desks (agency_code, desk, token_hash, enrolled_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (agency_code, desk) DO UPDATE SET token_hash = excluded.token_hash, "
            "enrolled_at = excluded.enrolled_at RETURNING id",
            (agency_code, desk, token_hash, at),
        ).fetchone()
        return int(row[0])

    def desk_by_token(self, token_hash: str) -> Desk | None:
        row = self.conn.execute(
            "SELECT id, agency_code, desk, public_key FROM desks WHERE token_hash = ?",
            (token_hash,),
        ).fetchone()
        return None if row is None else Desk(*row)

    def set_desk_key(self, desk_id: int, public_key: str) -> None:
        self.conn.execute("UPDATE desks SET public_key = ? WHERE id = ?", (public_key, desk_id))

    def touch_desk(self, desk_id: int, at: str) -> None:
        self.conn.execute("UPDATE desks SET last_seen_at = ? WHERE id = ?", (at, desk_id))

    def office_desk_keys(self, agency_codes: set[str]) -> list[Desk]:
        marks = ", ".join("?" for _ in agency_codes)
        rows = self.conn.execute(
            "SELECT id, agency_code, desk, public_key FROM desks "
            f"WHERE public_key IS NOT NULL AND agency_code IN ({marks}) ORDER BY id",
            sorted(agency_codes),
        )
        return [Desk(*r) for r in rows]

    # --- records and dossiers ------------------------------------------------------------

    def record_answer(self, uuid: str) -> dict[str, Any] | None:
        row = self.conn.execute("SELECT answer FROM records WHERE uuid = ?", (uuid,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def save_record(
        self, uuid: str, desk_id: int, dossier_uuid: str, day: str, content_hash: str,
        answer: dict[str, Any], at: str,
    ) -> None:  # fmt: skip
        self.conn.execute(
            "INSERT INTO records (uuid, desk_id, dossier_uuid, day, hash, answer, received_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (uuid, desk_id, dossier_uuid, day, content_hash, json.dumps(answer), at),
        )

    def record_dossier(self, uuid: str) -> str:
        row = self.conn.execute(
            "SELECT dossier_uuid FROM records WHERE uuid = ?", (uuid,)
        ).fetchone()
        return str(row[0]) if row else ""

    def next_version(self) -> int:
        row = self.conn.execute(
            "UPDATE sequence SET value = value + 1 WHERE id = 1 RETURNING value"
        ).fetchone()
        return int(row[0])

    _DOSSIER = (
        "SELECT uuid, code, receiving_unit, resolving_unit, handout_unit, status, data, "
        "version, origin FROM dossiers"
    )

    @staticmethod
    def _dossier(row: tuple[Any, ...]) -> HubDossier:
        return HubDossier(
            row[0], row[1], row[2], row[3], row[4], row[5], json.loads(row[6]), row[7], row[8]
        )

    def dossier(self, uuid: str) -> HubDossier | None:
        row = self.conn.execute(f"{self._DOSSIER} WHERE uuid = ?", (uuid,)).fetchone()
        return None if row is None else self._dossier(row)

    def dossier_by_code(self, code: str) -> HubDossier | None:
        row = self.conn.execute(f"{self._DOSSIER} WHERE code = ?", (code,)).fetchone()
        return None if row is None else self._dossier(row)

    def put_dossier(self, d: HubDossier, received_day: str) -> None:
        self.conn.execute(
            "INSERT INTO dossiers (uuid, code, receiving_unit, resolving_unit, handout_unit, "
            "status, received_day, data, version, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (uuid) DO UPDATE SET resolving_unit = excluded.resolving_unit, "
            "handout_unit = excluded.handout_unit, status = excluded.status, "
            "data = excluded.data, version = excluded.version, origin = excluded.origin",
            (d.uuid, d.code, d.receiving_unit, d.resolving_unit, d.handout_unit, d.status,
             received_day, json.dumps(d.data, ensure_ascii=False), d.version, d.origin),
        )  # fmt: skip

    def add_event(
        self, uuid: str, dossier_uuid: str, seq: int, origin: str, data: dict[str, Any]
    ) -> None:
        self.conn.execute(
            "INSERT INTO events (uuid, dossier_uuid, seq, origin, data) VALUES (?, ?, ?, ?, ?) "
            "ON CONFLICT (uuid) DO NOTHING",
            (uuid, dossier_uuid, seq, origin, json.dumps(data, ensure_ascii=False)),
        )

    def events_since(self, dossier_uuid: str, after: int, not_origin: str) -> list[dict[str, Any]]:
        rows = self.conn.execute(
            "SELECT data FROM events WHERE dossier_uuid = ? AND seq > ? AND origin != ? "
            "ORDER BY seq",
            (dossier_uuid, after, not_origin),
        )
        return [json.loads(r[0]) for r in rows]

    def changes_since(self, units: str, cursor: int, limit: int) -> list[HubDossier]:
        """Dossiers of an office (received there, resolved there or handed out there)."""
        rows = self.conn.execute(
            f"{self._DOSSIER} WHERE version > ? AND (receiving_unit = ? OR resolving_unit = ? "
            "OR handout_unit = ?) ORDER BY version LIMIT ?",
            (cursor, units, units, units, limit),
        )
        return [self._dossier(r) for r in rows]

    def add_conflict(
        self, dossier_uuid: str, record_uuid: str, desk_id: int, at: str, detail: dict[str, Any]
    ) -> None:
        self.conn.execute(
            "INSERT INTO conflicts (dossier_uuid, record_uuid, desk_id, at, detail) "
            "VALUES (?, ?, ?, ?, ?)",
            (dossier_uuid, record_uuid, desk_id, at, json.dumps(detail, ensure_ascii=False)),
        )

    # --- publications ----------------------------------------------------------------------

    def publish(self, kind: str, data: Any, at: str) -> int:
        row = self.conn.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM publications WHERE kind = ?", (kind,)
        ).fetchone()
        version = int(row[0])
        self.conn.execute(
            "INSERT INTO publications (kind, version, data, published_at) VALUES (?, ?, ?, ?)",
            (kind, version, json.dumps(data, ensure_ascii=False), at),
        )
        return version

    def publication(self, kind: str) -> tuple[int, Any] | None:
        row = self.conn.execute(
            "SELECT version, data FROM publications WHERE kind = ? ORDER BY version DESC LIMIT 1",
            (kind,),
        ).fetchone()
        return None if row is None else (int(row[0]), json.loads(row[1]))

    # --- reconciliation and statistics -------------------------------------------------------

    def desk_days(self, desk_id: int) -> dict[str, list[str]]:
        days: dict[str, list[str]] = {}
        for day, uuid in self.conn.execute(
            "SELECT day, uuid FROM records WHERE desk_id = ?", (desk_id,)
        ):
            days.setdefault(day, []).append(uuid)
        return days

    def office_days(self, agency_code: str) -> dict[str, list[str]]:
        days: dict[str, list[str]] = {}
        for day, uuid in self.conn.execute(
            "SELECT received_day, uuid FROM dossiers WHERE receiving_unit = ?", (agency_code,)
        ):
            days.setdefault(day, []).append(uuid)
        return days

    def stats(self) -> dict[str, Any]:
        offices: dict[str, dict[str, Any]] = {}
        for unit, status, count in self.conn.execute(
            "SELECT receiving_unit, status, count(*) FROM dossiers "
            "GROUP BY receiving_unit, status ORDER BY receiving_unit, status"
        ):
            office = offices.setdefault(unit, {"dossiers": 0, "by_status": {}})
            office["dossiers"] += count
            office["by_status"][status] = count
        totals = dict(
            self.conn.execute("SELECT status, count(*) FROM dossiers GROUP BY status").fetchall()
        )
        return {
            "offices": offices,
            "by_status": totals,
            "dossiers": sum(totals.values()),
            "records": self.conn.execute("SELECT count(*) FROM records").fetchone()[0],
            "events": self.conn.execute("SELECT count(*) FROM events").fetchone()[0],
            "desks": self.conn.execute("SELECT count(*) FROM desks").fetchone()[0],
            "conflicts": self.conn.execute("SELECT count(*) FROM conflicts").fetchone()[0],
        }

    def all_dossiers(self) -> list[HubDossier]:
        return [self._dossier(r) for r in self.conn.execute(f"{self._DOSSIER} ORDER BY code")]

    def record_uuids(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT uuid FROM records")]


def open_storage(path: Path) -> SqliteHubStorage:
    """The pilot's backend; a PostgreSQL one would be chosen here by a URL."""
    return SqliteHubStorage(path)
