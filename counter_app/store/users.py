"""Users and their login bookkeeping."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from ..models import Role, User


def _user(row: sqlite3.Row | tuple[Any, ...]) -> User:
    return User(
        username=row[0],
        full_name=row[1],
        role=Role(row[2]),
        active=bool(row[3]),
        must_change_password=bool(row[4]),
    )


_COLUMNS = "username, full_name, role, active, must_change_password"


@dataclass(frozen=True)
class LoginState:
    password_hash: str
    failed_attempts: int
    locked_until: str | None


class UserTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, user: User, password_hash: str, at: str) -> None:
        self.conn.execute(
            "INSERT INTO users (username, full_name, role, password_hash, active, created_at, "
            "must_change_password) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                user.username,
                user.full_name,
                user.role.value,
                password_hash,
                int(user.active),
                at,
                int(user.must_change_password),
            ),
        )

    def get(self, username: str) -> User | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,)
        ).fetchone()
        return None if row is None else _user(row)

    def all(self) -> list[User]:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username")
        return [_user(r) for r in rows]

    def locks(self) -> dict[str, str]:
        """username -> locked_until of every user with a lock recorded (maybe expired)."""
        rows = self.conn.execute(
            "SELECT username, locked_until FROM users WHERE locked_until IS NOT NULL"
        )
        return {r[0]: r[1] for r in rows}

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM users").fetchone()[0])

    def login_state(self, username: str) -> LoginState | None:
        row = self.conn.execute(
            "SELECT password_hash, failed_attempts, locked_until FROM users WHERE username = ?",
            (username,),
        ).fetchone()
        return None if row is None else LoginState(row[0], int(row[1]), row[2])

    def add_failure(self, username: str) -> int:
        """One more wrong password, counted by SQLite itself so that parallel attempts (two
        processes, two threads) never overwrite each other's count; returns the new count."""
        row = self.conn.execute(
            "UPDATE users SET failed_attempts = failed_attempts + 1 WHERE username = ? "
            "RETURNING failed_attempts",
            (username,),
        ).fetchone()
        return 0 if row is None else int(row[0])

    def lock(self, username: str, until: str) -> None:
        self.conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = ? WHERE username = ?",
            (until, username),
        )

    def clear_failures(self, username: str) -> None:
        self.conn.execute(
            "UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE username = ?",
            (username,),
        )

    def set_password_hash(self, username: str, password_hash: str, must_change: bool) -> None:
        self.conn.execute(
            "UPDATE users SET password_hash = ?, must_change_password = ? WHERE username = ?",
            (password_hash, int(must_change), username),
        )

    def set_active(self, username: str, active: bool) -> None:
        self.conn.execute("UPDATE users SET active = ? WHERE username = ?", (int(active), username))

    def set_role(self, username: str, role: Role) -> None:
        self.conn.execute("UPDATE users SET role = ? WHERE username = ?", (role.value, username))
