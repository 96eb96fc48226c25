"""The hub's SQL, shared by both backends.

Written with `?` placeholders and SQL that SQLite and PostgreSQL both accept (`INSERT ... ON
CONFLICT`, `RETURNING`); a backend supplies connections (`_connection`), its placeholder,
transactions and version numbers.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from .storage import Desk, DeskKeyRow, HubDossier, HubRating
from .storage_console import ConsoleSql
from .storage_migrations import Migration, statements

CHUNK = 500


class SqlHubStorage(ConsoleSql):
    backend = ""
    _placeholder = "?"

    def __init__(self) -> None:
        # The connection of the transaction the current thread has open, if any.
        self._local = threading.local()

    # --- what a backend provides --------------------------------------------------------------

    def _connection(self) -> AbstractContextManager[Any]:
        raise NotImplementedError

    def _has_schema_table(self) -> bool:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def next_version(self) -> int:
        raise NotImplementedError

    # --- statements ----------------------------------------------------------------------------

    def _sql(self, sql: str) -> str:
        return sql if self._placeholder == "?" else sql.replace("?", self._placeholder)

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        with self._connection() as conn:
            cur = conn.execute(self._sql(sql), tuple(params))
            return [tuple(r) for r in cur.fetchall()] if cur.description else []

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        rows = self._all(sql, params)
        return rows[0] if rows else None

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        with self._connection() as conn:
            conn.execute(self._sql(sql), tuple(params))

    def _many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._connection() as conn:
                conn.cursor().executemany(self._sql(sql), rows)

    def _pipeline(self, conn: Any) -> AbstractContextManager[Any]:
        """Statements sent together, without waiting for each answer (PostgreSQL)."""
        return nullcontext()

    def _in_all(self, queries: Sequence[tuple[str, Sequence[str]]]) -> list[list[tuple[Any, ...]]]:
        """Each `sql` with `IN ({marks})` over its keys, in chunks the drivers accept, all
        sent before any answer is read: one round trip for the lot on PostgreSQL."""
        with self._connection() as conn, self._pipeline(conn):
            pending = []
            for sql, keys in queries:
                cursors = []
                for start in range(0, len(keys), CHUNK):
                    chunk = tuple(keys[start : start + CHUNK])
                    marks = ", ".join("?" for _ in chunk)
                    cursors.append(conn.cursor().execute(self._sql(sql.format(marks=marks)), chunk))
                pending.append(cursors)
            return [[tuple(r) for cur in cursors for r in cur.fetchall()] for cursors in pending]

    # --- schema ----------------------------------------------------------------------------------

    def schema_version(self) -> int:
        if not self._has_schema_table():
            return 0
        row = self._one("SELECT version FROM hub_schema")
        return int(row[0]) if row else 0

    def run_migrations(self, migrations: Sequence[Migration]) -> int:
        # Under the write lock: two hub processes started together migrate once.
        with self.transaction():
            self._run("CREATE TABLE IF NOT EXISTS hub_schema (version INTEGER NOT NULL)")
            row = self._one("SELECT version FROM hub_schema")
            if row is None:
                self._run("INSERT INTO hub_schema (version) VALUES (0)")
            done = int(row[0]) if row else 0
            for _name, script in migrations[done:]:
                for statement in statements(script):
                    self._run(statement)
            self._run("UPDATE hub_schema SET version = ?", (len(migrations),))
        return len(migrations)

    def ping(self) -> None:
        self._one("SELECT 1")

    # --- desks ---------------------------------------------------------------------------------

    def add_desk(self, agency_code: str, desk: str, token_hash: str, at: str) -> int:
        """Enroll a desk, or re-enroll it (a reinstall): the new token replaces (revokes) the
        old one, and the old signing key's validity ends now, so the new installation
        registers its own key; receipts signed before keep verifying with the old one."""
        row = self._one(
            "INSERT INTO desks (agency_code, desk, token_hash, enrolled_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (agency_code, desk) DO UPDATE SET token_hash = excluded.token_hash, "
            "enrolled_at = excluded.enrolled_at, public_key = NULL, revoked_at = NULL RETURNING id",
            (agency_code, desk, token_hash, at),
        )
        assert row is not None
        self._run(
            "UPDATE desk_keys SET valid_until = ? WHERE desk_id = ? AND valid_until IS NULL",
            (at, int(row[0])),
        )
        return int(row[0])

    def desk_by_token(self, token_hash: str) -> Desk | None:
        row = self._one(
            "SELECT id, agency_code, desk, public_key FROM desks WHERE token_hash = ?",
            (token_hash,),
        )
        return None if row is None else Desk(*row)

    def set_desk_key(self, desk_id: int, public_key: str, at: str) -> str | None:
        """Keep the installation's first key; returns the key it has now."""
        self._run(
            "UPDATE desks SET public_key = ? WHERE id = ? AND public_key IS NULL",
            (public_key, desk_id),
        )
        row = self._one("SELECT public_key FROM desks WHERE id = ?", (desk_id,))
        current = None if row is None else row[0]
        if current == public_key:
            self._run(
                "INSERT INTO desk_keys (desk_id, public_key, valid_from) VALUES (?, ?, ?) "
                "ON CONFLICT (desk_id, public_key) DO UPDATE SET valid_until = NULL",
                (desk_id, public_key, at),
            )
        return current

    def touch_desk(self, desk_id: int, at: str) -> None:
        self._run("UPDATE desks SET last_seen_at = ? WHERE id = ?", (at, desk_id))

    # --- event chains (service.py checks their continuity) ----------------------------------

    def chain_head(self, desk_id: int, public_key: str) -> tuple[int, str] | None:
        row = self._one(
            "SELECT seq, hash FROM desk_chains WHERE desk_id = ? AND public_key = ? "
            "ORDER BY seq DESC LIMIT 1",
            (desk_id, public_key),
        )
        return None if row is None else (int(row[0]), str(row[1]))

    def chain_links(self, desk_id: int, public_key: str, seqs: list[int]) -> dict[int, str]:
        if not seqs:
            return {}
        rows = self._all(
            "SELECT seq, hash FROM desk_chains WHERE desk_id = ? AND public_key = ? "
            "AND seq BETWEEN ? AND ?",
            (desk_id, public_key, min(seqs), max(seqs)),
        )
        return {int(r[0]): str(r[1]) for r in rows}

    def add_chain_links(
        self, desk_id: int, public_key: str, links: list[tuple[int, str, str]], at: str
    ) -> None:
        # Many rows per statement: one round trip per 200 links, not one per link (PostgreSQL).
        for start in range(0, len(links), 200):
            part = links[start : start + 200]
            params: list[Any] = []
            for seq, prev, digest in part:
                params += [desk_id, public_key, seq, prev, digest, at]
            self._run(
                "INSERT INTO desk_chains (desk_id, public_key, seq, prev, hash, received_at) "
                "VALUES " + ", ".join(["(?, ?, ?, ?, ?, ?)"] * len(part)),
                params,
            )

    def office_desk_keys(self, agency_codes: set[str]) -> list[DeskKeyRow]:
        """Every key, current or retired, of the desks of these offices, with its validity."""
        marks = ", ".join("?" for _ in agency_codes)
        rows = self._all(
            "SELECT d.id, d.agency_code, d.desk, k.public_key, k.valid_from, k.valid_until "
            f"FROM desk_keys k JOIN desks d ON d.id = k.desk_id WHERE d.agency_code IN ({marks}) "
            "ORDER BY d.id, k.valid_from",
            sorted(agency_codes),
        )
        return [
            DeskKeyRow(int(r[0]), str(r[1]), str(r[2]), str(r[3]), str(r[4]), r[5]) for r in rows
        ]

    def desks_last_seen(self) -> list[tuple[str, str, str | None]]:
        """(office, desk, last contact) of every desk: the operators' view of who is silent."""
        rows = self._all("SELECT agency_code, desk, last_seen_at FROM desks ORDER BY id")
        return [(str(a), str(d), s) for a, d, s in rows]

    # --- records and dossiers --------------------------------------------------------------

    def record_answer(self, uuid: str) -> dict[str, Any] | None:
        row = self._one("SELECT answer FROM records WHERE uuid = ?", (uuid,))
        return None if row is None else dict(json.loads(row[0]))

    _SAVE_RECORD = (
        "INSERT INTO records (uuid, desk_id, dossier_uuid, day, hash, answer, received_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?)"
    )
    _PUT_DOSSIER = (
        "INSERT INTO dossiers (uuid, code, receiving_unit, resolving_unit, handout_unit, "
        "status, received_day, data, version, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT (uuid) DO UPDATE SET resolving_unit = excluded.resolving_unit, "
        "handout_unit = excluded.handout_unit, status = excluded.status, "
        "data = excluded.data, version = excluded.version, origin = excluded.origin"
    )
    _ADD_EVENT = (
        "INSERT INTO events (uuid, dossier_uuid, seq, origin, data) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (uuid) DO NOTHING"
    )
    _ADD_CONFLICT = (
        "INSERT INTO conflicts (dossier_uuid, record_uuid, desk_id, at, detail) "
        "VALUES (?, ?, ?, ?, ?)"
    )

    def save_record(
        self,
        uuid: str,
        desk_id: int,
        dossier_uuid: str,
        day: str,
        content_hash: str,
        answer: dict[str, Any],
        at: str,
    ) -> None:
        self._run(
            self._SAVE_RECORD,
            (uuid, desk_id, dossier_uuid, day, content_hash, json.dumps(answer), at),
        )

    # A push reads what it needs for all of its records at once and writes them with
    # executemany: a handful of round trips per batch instead of seven per record.

    def push_reads(
        self, uuids: Sequence[str], dossiers: Sequence[str], codes: Sequence[str]
    ) -> tuple[dict[str, tuple[int, dict[str, Any]]], dict[str, HubDossier], dict[str, HubDossier]]:
        """What a push's records may read: the answers already given to their UUIDs (with the
        desk they were given to), and the hub's dossiers with their dossier UUIDs or codes."""
        answers, by_uuid, by_code = self._in_all(
            [
                ("SELECT uuid, desk_id, answer FROM records WHERE uuid IN ({marks})", uuids),
                (f"{self._DOSSIER} WHERE uuid IN ({{marks}})", dossiers),
                (f"{self._DOSSIER} WHERE code IN ({{marks}})", codes),
            ]
        )
        return (
            {str(u): (int(desk), dict(json.loads(a))) for u, desk, a in answers},
            {d.uuid: d for d in map(self._dossier, by_uuid)},
            {d.code: d for d in map(self._dossier, by_code)},
        )

    def write_push(
        self,
        dossiers: Sequence[tuple[HubDossier, str]],
        events: Sequence[tuple[str, str, int, str, dict[str, Any]]],
        records: Sequence[tuple[str, int, str, str, str, dict[str, Any], str]],
        conflicts: Sequence[tuple[str, str, int, str, dict[str, Any]]],
        seen: tuple[int, str],
    ) -> None:
        """What a push stores, in order (a dossier changed twice in one push ends as the last
        change left it), and the desk's last contact."""
        with self._connection() as conn, self._pipeline(conn):
            self._write_push(dossiers, events, records, conflicts)
            self.touch_desk(*seen)

    def _write_push(
        self,
        dossiers: Sequence[tuple[HubDossier, str]],
        events: Sequence[tuple[str, str, int, str, dict[str, Any]]],
        records: Sequence[tuple[str, int, str, str, str, dict[str, Any], str]],
        conflicts: Sequence[tuple[str, str, int, str, dict[str, Any]]],
    ) -> None:
        self._many(
            self._PUT_DOSSIER,
            [
                (
                    d.uuid,
                    d.code,
                    d.receiving_unit,
                    d.resolving_unit,
                    d.handout_unit,
                    d.status,
                    day,
                    json.dumps(d.data, ensure_ascii=False),
                    d.version,
                    d.origin,
                )
                for d, day in dossiers
            ],
        )
        self._many(
            self._ADD_EVENT,
            [
                (u, du, seq, origin, json.dumps(data, ensure_ascii=False))
                for u, du, seq, origin, data in events
            ],
        )
        self._many(
            self._SAVE_RECORD,
            [
                (u, desk, du, day, h, json.dumps(answer), at)
                for u, desk, du, day, h, answer, at in records
            ],
        )
        self._many(
            self._ADD_CONFLICT,
            [
                (du, ru, desk, at, json.dumps(detail, ensure_ascii=False))
                for du, ru, desk, at, detail in conflicts
            ],
        )

    def record_dossier(self, uuid: str) -> str:
        row = self._one("SELECT dossier_uuid FROM records WHERE uuid = ?", (uuid,))
        return str(row[0]) if row else ""

    _DOSSIER = (
        "SELECT uuid, code, receiving_unit, resolving_unit, handout_unit, status, data, "
        "version, origin FROM dossiers"
    )

    @staticmethod
    def _dossier(row: tuple[Any, ...]) -> HubDossier:
        return HubDossier(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            row[5],
            json.loads(row[6]),
            int(row[7]),
            row[8],
        )

    def dossier(self, uuid: str) -> HubDossier | None:
        row = self._one(f"{self._DOSSIER} WHERE uuid = ?", (uuid,))
        return None if row is None else self._dossier(row)

    def dossier_by_code(self, code: str) -> HubDossier | None:
        row = self._one(f"{self._DOSSIER} WHERE code = ?", (code,))
        return None if row is None else self._dossier(row)

    def put_dossier(self, d: HubDossier, received_day: str) -> None:
        self._run(
            self._PUT_DOSSIER,
            (
                d.uuid,
                d.code,
                d.receiving_unit,
                d.resolving_unit,
                d.handout_unit,
                d.status,
                received_day,
                json.dumps(d.data, ensure_ascii=False),
                d.version,
                d.origin,
            ),
        )

    def add_event(
        self, uuid: str, dossier_uuid: str, seq: int, origin: str, data: dict[str, Any]
    ) -> None:
        self._run(
            self._ADD_EVENT,
            (uuid, dossier_uuid, seq, origin, json.dumps(data, ensure_ascii=False)),
        )

    def events_since(self, dossier_uuid: str, after: int, not_origin: str) -> list[dict[str, Any]]:
        rows = self._all(
            "SELECT data FROM events WHERE dossier_uuid = ? AND seq > ? AND origin != ? "
            "ORDER BY seq",
            (dossier_uuid, after, not_origin),
        )
        return [json.loads(r[0]) for r in rows]

    def events_since_many(
        self, dossier_uuids: Sequence[str], after: int, not_origin: str
    ) -> dict[str, list[dict[str, Any]]]:
        """`events_since` for a page of dossiers in one query (per chunk), in order."""
        events: dict[str, list[dict[str, Any]]] = {}
        for start in range(0, len(dossier_uuids), CHUNK):
            chunk = list(dossier_uuids[start : start + CHUNK])
            marks = ", ".join("?" for _ in chunk)
            for d_uuid, data in self._all(
                f"SELECT dossier_uuid, data FROM events WHERE dossier_uuid IN ({marks}) "
                "AND seq > ? AND origin != ? ORDER BY dossier_uuid, seq",
                [*chunk, after, not_origin],
            ):
                events.setdefault(str(d_uuid), []).append(json.loads(data))
        return events

    def changes_since(self, units: str, cursor: int, limit: int) -> list[HubDossier]:
        """Dossiers of an office (received there, resolved there or handed out there)."""
        rows = self._all(
            f"{self._DOSSIER} WHERE version > ? AND (receiving_unit = ? OR resolving_unit = ? "
            "OR handout_unit = ?) ORDER BY version LIMIT ?",
            (cursor, units, units, units, limit),
        )
        return [self._dossier(r) for r in rows]

    # --- what a desk restored from a backup learns back (docs/sync-protocol.md, Recovery) ----

    def desk_changes_since(
        self, agency_code: str, origin: str, after: int, limit: int
    ) -> list[HubDossier]:
        """Dossiers of an office that one desk wrote an event of, changed after a version."""
        rows = self._all(
            f"{self._DOSSIER} d WHERE version > ? AND (receiving_unit = ? OR resolving_unit = ? "
            "OR handout_unit = ?) AND EXISTS (SELECT 1 FROM events e "
            "WHERE e.dossier_uuid = d.uuid AND e.origin = ?) ORDER BY version LIMIT ?",
            (after, agency_code, agency_code, agency_code, origin, limit),
        )
        return [self._dossier(r) for r in rows]

    def desk_records_of(
        self, desk_id: int, dossier_uuids: Sequence[str]
    ) -> list[tuple[str, str, str]]:
        """(record UUID, dossier UUID, day) of what one desk pushed about these dossiers."""
        found: list[tuple[str, str, str]] = []
        for start in range(0, len(dossier_uuids), CHUNK):
            chunk = list(dossier_uuids[start : start + CHUNK])
            marks = ", ".join("?" for _ in chunk)
            found += [
                (str(u), str(d), str(day))
                for u, d, day in self._all(
                    "SELECT uuid, dossier_uuid, day FROM records WHERE desk_id = ? "
                    f"AND dossier_uuid IN ({marks}) "
                    "ORDER BY uuid",
                    [desk_id, *chunk],
                )
            ]
        return found

    def highest_seq(self, origin: str, after: int) -> int:
        """The highest outbox sequence number of a desk that a dossier changed after a version
        still carries (the number a later snapshot of that desk must exceed)."""
        rows = self._all(
            "SELECT data FROM dossiers WHERE origin = ? AND version > ?", (origin, after)
        )
        return max((int(json.loads(r[0]).get("origin_seq") or 0) for r in rows), default=0)

    def codes_since(self, agency_code: str, after: int) -> list[tuple[str, str]]:
        """(code, received day) of the dossiers an office took in, changed after a version."""
        rows = self._all(
            "SELECT code, received_day FROM dossiers WHERE receiving_unit = ? AND version > ?",
            (agency_code, after),
        )
        return [(str(c), str(d)) for c, d in rows]

    def add_conflict(
        self, dossier_uuid: str, record_uuid: str, desk_id: int, at: str, detail: dict[str, Any]
    ) -> None:
        self._run(
            self._ADD_CONFLICT,
            (dossier_uuid, record_uuid, desk_id, at, json.dumps(detail, ensure_ascii=False)),
        )

    # --- publications --------------------------------------------------------------------------

    def publish(self, kind: str, data: Any, at: str) -> int:
        row = self._one(
            "SELECT coalesce(max(version), 0) + 1 FROM publications WHERE kind = ?", (kind,)
        )
        assert row is not None
        version = int(row[0])
        self._run(
            "INSERT INTO publications (kind, version, data, published_at) VALUES (?, ?, ?, ?)",
            (kind, version, json.dumps(data, ensure_ascii=False), at),
        )
        return version

    def publication(self, kind: str) -> tuple[int, Any] | None:
        row = self._one(
            "SELECT version, data FROM publications WHERE kind = ? ORDER BY version DESC LIMIT 1",
            (kind,),
        )
        return None if row is None else (int(row[0]), json.loads(row[1]))

    # --- reconciliation and statistics -------------------------------------------------------

    def desk_days(self, desk_id: int) -> dict[str, list[str]]:
        return _by_day(self._all("SELECT day, uuid FROM records WHERE desk_id = ?", (desk_id,)))

    def office_days(self, agency_code: str) -> dict[str, list[str]]:
        return _by_day(
            self._all(
                "SELECT received_day, uuid FROM dossiers WHERE receiving_unit = ?", (agency_code,)
            )
        )

    def stats(self) -> dict[str, Any]:
        offices: dict[str, dict[str, Any]] = {}
        for unit, status, n in self._all(
            "SELECT receiving_unit, status, count(*) FROM dossiers "
            "GROUP BY receiving_unit, status ORDER BY receiving_unit, status"
        ):
            office = offices.setdefault(unit, {"dossiers": 0, "by_status": {}})
            office["dossiers"] += int(n)
            office["by_status"][status] = int(n)
        totals = {
            s: int(n)
            for s, n in self._all(
                "SELECT status, count(*) FROM dossiers GROUP BY status ORDER BY status"
            )
        }

        def count(table: str) -> int:
            row = self._one(f"SELECT count(*) FROM {table}")
            return int(row[0]) if row else 0

        return {
            "offices": offices,
            "by_status": totals,
            "dossiers": sum(totals.values()),
            "records": count("records"),
            "events": count("events"),
            "desks": count("desks"),
            "conflicts": count("conflicts"),
        }

    # --- citizens' ratings ----------------------------------------------------------------------

    _RATING = (
        "SELECT dossier_uuid, code, receiving_unit, answers, level, channel, rated_at, "
        "changed_at, version FROM ratings"
    )

    @staticmethod
    def _rating(row: tuple[Any, ...]) -> HubRating:
        return HubRating(
            row[0], row[1], row[2], json.loads(row[3]), row[4], row[5], row[6], row[7], int(row[8])
        )

    def rating(self, dossier_uuid: str) -> HubRating | None:
        row = self._one(f"{self._RATING} WHERE dossier_uuid = ?", (dossier_uuid,))
        return None if row is None else self._rating(row)

    def put_rating(self, r: HubRating) -> None:
        self._run(
            "INSERT INTO ratings (dossier_uuid, code, receiving_unit, answers, level, channel, "
            "rated_at, changed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (dossier_uuid) DO UPDATE SET answers = excluded.answers, "
            "level = excluded.level, changed_at = excluded.changed_at, version = excluded.version",
            (
                r.dossier_uuid,
                r.code,
                r.receiving_unit,
                json.dumps(r.answers),
                r.level,
                r.channel,
                r.rated_at,
                r.changed_at,
                r.version,
            ),
        )

    def ratings_since(self, unit: str, after: int, upto: int | None) -> list[HubRating]:
        """An office's ratings with a version in (after, upto], or above `after` if no upto."""
        top = "" if upto is None else " AND version <= ?"
        params: list[Any] = [unit, after] + ([] if upto is None else [upto])
        rows = self._all(
            f"{self._RATING} WHERE receiving_unit = ? AND version > ?{top} ORDER BY version",
            params,
        )
        return [self._rating(r) for r in rows]

    def all_dossiers(self) -> list[HubDossier]:
        return [self._dossier(r) for r in self._all(f"{self._DOSSIER} ORDER BY code")]

    def record_uuids(self) -> list[str]:
        return [str(r[0]) for r in self._all("SELECT uuid FROM records")]


def _by_day(rows: list[tuple[Any, ...]]) -> dict[str, list[str]]:
    days: dict[str, list[str]] = {}
    for day, uuid in rows:
        days.setdefault(str(day), []).append(str(uuid))
    return days
