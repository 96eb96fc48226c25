"""The SQL of the province's console, shared by both backends (mixed into `SqlHubStorage`):
its staff's accounts and sessions, the desks' health, and the rows the figures are made of."""

from __future__ import annotations

import json
from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ConsoleUser:
    id: int
    username: str
    full_name: str
    password_hash: str
    role: str
    failed: int
    locked_until: str | None


@dataclass(frozen=True)
class DeskHealth:
    id: int
    agency_code: str
    desk: str
    enrolled_at: str
    last_seen_at: str | None
    revoked_at: str | None
    records: int
    rejected: int
    conflicts: int


@dataclass(frozen=True)
class FigureRow:
    """What the on-time figures read of one dossier: its office, its data, the web rating."""

    unit: str
    code: str
    status: str
    data: dict[str, Any]
    web_level: str | None


class ConsoleSql:
    # Provided by SqlHubStorage.
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        raise NotImplementedError

    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None:
        raise NotImplementedError

    def _run(self, sql: str, params: Sequence[Any] = ()) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    # --- accounts -----------------------------------------------------------------------------

    _USER = (
        "SELECT id, username, full_name, password_hash, role, failed, locked_until "
        "FROM console_users"
    )

    def console_user(self, username: str) -> ConsoleUser | None:
        row = self._one(f"{self._USER} WHERE username = ?", (username,))
        return None if row is None else ConsoleUser(*row)

    def add_console_user(
        self, username: str, full_name: str, password_hash: str, role: str, at: str
    ) -> int:
        row = self._one("SELECT coalesce(max(id), 0) + 1 FROM console_users")
        assert row is not None
        self._run(
            "INSERT INTO console_users (id, username, full_name, password_hash, role, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (int(row[0]), username, full_name, password_hash, role, at),
        )
        return int(row[0])

    def console_login_failed(self, user_id: int, most: int, locked_until: str) -> int:
        """One more failure, counted in the database (two processes cannot both read 4 and
        write 5); the account locks at the `most`-th. Returns the count."""
        row = self._one(
            "UPDATE console_users SET failed = failed + 1 WHERE id = ? RETURNING failed", (user_id,)
        )
        failed = int(row[0]) if row else 0
        if failed >= most:
            self._run(
                "UPDATE console_users SET locked_until = ?, failed = 0 WHERE id = ?",
                (locked_until, user_id),
            )
        return failed

    def console_login_ok(self, user_id: int) -> None:
        self._run(
            "UPDATE console_users SET failed = 0, locked_until = NULL WHERE id = ?", (user_id,)
        )

    def add_session(self, token_hash: str, user_id: int, csrf: str, expires_at: str) -> None:
        self._run(
            "INSERT INTO console_sessions (token_hash, user_id, csrf, expires_at) "
            "VALUES (?, ?, ?, ?)",
            (token_hash, user_id, csrf, expires_at),
        )

    def session(self, token_hash: str) -> tuple[ConsoleUser, str, str] | None:
        """(user, CSRF token, expiry) of a session."""
        row = self._one(
            "SELECT u.id, u.username, u.full_name, u.password_hash, u.role, u.failed, "
            "u.locked_until, s.csrf, s.expires_at FROM console_sessions s "
            "JOIN console_users u ON u.id = s.user_id WHERE s.token_hash = ?",
            (token_hash,),
        )
        return None if row is None else (ConsoleUser(*row[:7]), str(row[7]), str(row[8]))

    def drop_session(self, token_hash: str) -> None:
        self._run("DELETE FROM console_sessions WHERE token_hash = ?", (token_hash,))

    # --- desks --------------------------------------------------------------------------------

    def revoke_desk(self, desk_id: int, unusable_hash: str, at: str) -> bool:
        """The desk's token stops working (its hash is replaced); enrolling it again undoes it."""
        row = self._one(
            "UPDATE desks SET token_hash = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL "
            "RETURNING id",
            (unusable_hash, at, desk_id),
        )
        return row is not None

    def desk_health(self) -> list[DeskHealth]:
        rows = self._all(
            "SELECT d.id, d.agency_code, d.desk, d.enrolled_at, d.last_seen_at, d.revoked_at, "
            "(SELECT count(*) FROM records r WHERE r.desk_id = d.id), "
            "(SELECT count(*) FROM records r WHERE r.desk_id = d.id AND r.answer LIKE ?), "
            "(SELECT count(*) FROM conflicts c WHERE c.desk_id = d.id) "
            "FROM desks d ORDER BY d.agency_code, d.desk",
            # The stored answer's JSON (json.dumps' default separators).
            ('%"status": "rejected"%',),
        )
        return [
            DeskHealth(
                int(r[0]),
                str(r[1]),
                str(r[2]),
                str(r[3]),
                r[4],
                r[5],
                int(r[6]),
                int(r[7]),
                int(r[8]),
            )
            for r in rows
        ]

    def latest_return(self, origin: str) -> tuple[str, str] | None:
        """(code, returned_at) of the dossier whose latest change, from `origin`, was its
        return: the one just handed over at that desk."""
        row = self._one(
            "SELECT code, data FROM dossiers WHERE origin = ? AND status = 'returned' "
            "ORDER BY version DESC LIMIT 1",
            (origin,),
        )
        return None if row is None else (str(row[0]), str(json.loads(row[1]).get("returned_at")))

    # --- figures ------------------------------------------------------------------------------

    def figure_rows(self, before_day: str) -> list[FigureRow]:
        """Every dossier received before `before_day` (the figures module sorts out which
        were received, settled or still open in the period), with its web rating."""
        rows = self._all(
            "SELECT d.receiving_unit, d.code, d.status, d.data, r.level FROM dossiers d "
            "LEFT JOIN ratings r ON r.dossier_uuid = d.uuid WHERE d.received_day < ? "
            "ORDER BY d.receiving_unit, d.code",
            (before_day,),
        )
        return [FigureRow(u, c, s, json.loads(d), lv) for u, c, s, d, lv in rows]
