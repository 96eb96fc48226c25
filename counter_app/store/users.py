"""Users and their login bookkeeping."""

from __future__ import annotations

import sqlite3
from typing import Any

from ..models import Role, User


def _user(row: sqlite3.Row | tuple[Any, ...]) -> User:
    return User(username=row[0], full_name=row[1], role=Role(row[2]), active=bool(row[3]))


_COLUMNS = "username, full_name, role, active"


class UserTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, user: User, password_hash: str, at: str) -> None:
        self.conn.execute(
            "INSERT INTO users (username, full_name, role, password_hash, active, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (user.username, user.full_name, user.role.value, password_hash, int(user.active), at),
        )

    def get(self, username: str) -> User | None:
        row = self.conn.execute(
            f"SELECT {_COLUMNS} FROM users WHERE username = ?", (username,)
        ).fetchone()
        return None if row is None else _user(row)

    def all(self) -> list[User]:
        rows = self.conn.execute(f"SELECT {_COLUMNS} FROM users ORDER BY username")
        return [_user(r) for r in rows]

    def count(self) -> int:
        return int(self.conn.execute("SELECT count(*) FROM users").fetchone()[0])

    def login_state(self, username: str) -> tuple[str, int, str | None] | None:
        """(password hash, failed attempts, locked until) or None for an unknown user."""
        row = self.conn.execute(
            "SELECT password_hash, failed_attempts, locked_until FROM users WHERE username = ?",
            (username,),
        ).fetchone()
        return None if row is None else (row[0], int(row[1]), row[2])

    def record_login(self, username: str, failed_attempts: int, locked_until: str | None) -> None:
        self.conn.execute(
            "UPDATE users SET failed_attempts = ?, locked_until = ? WHERE username = ?",
            (failed_attempts, locked_until, username),
        )

    def set_password_hash(self, username: str, password_hash: str) -> None:
        self.conn.execute(
            "UPDATE users SET password_hash = ? WHERE username = ?", (password_hash, username)
        )

    def set_active(self, username: str, active: bool) -> None:
        self.conn.execute("UPDATE users SET active = ? WHERE username = ?", (int(active), username))

    def set_role(self, username: str, role: Role) -> None:
        self.conn.execute("UPDATE users SET role = ? WHERE username = ?", (role.value, username))
