"""The return desk's queries: results waiting to be handed over, and codes by their last digits."""

from __future__ import annotations

import sqlite3

from ..models import Dossier
from .dossiers import _COLUMNS, row_to_dossier


class HandoutQueries:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def waiting(self, status: str, due_before: str | None, limit: int) -> list[Dossier]:
        """Dossiers in `status`, earliest appointment first (uses dossiers_status_due)."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM dossiers WHERE status = ? AND (? IS NULL OR due_at < ?) "
            "ORDER BY ifnull(due_at, '~'), id LIMIT ?",
            (status, due_before, due_before, limit),
        )
        return [row_to_dossier(r) for r in rows]

    def by_code_end(self, digits: str, limit: int) -> list[Dossier]:
        """Codes ending in these digits, newest first: what a citizen reads off the receipt."""
        rows = self.conn.execute(
            f"SELECT {_COLUMNS} FROM dossiers WHERE code LIKE ? ESCAPE '\\' "
            "ORDER BY id DESC LIMIT ?",
            ("%" + digits, limit),
        )
        return [row_to_dossier(r) for r in rows]
