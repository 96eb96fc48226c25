"""Who read which dossier, and when: the record of reads of citizens' data (issue 13,
finding 12). It names the user, the action and the dossier's UUID, never what was read or
searched for, so the record itself holds no personal data."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class AccessEntry:
    at: str
    username: str
    action: str  # view, search, export
    dossier_uuid: str | None  # None: a search that found nothing, an export of a period


class AccessTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def record(self, at: str, username: str, action: str, dossiers: Sequence[str]) -> None:
        found: list[str | None] = list(dossiers) or [None]
        rows = [(at, username, action, uuid) for uuid in found]
        self.conn.executemany(
            "INSERT INTO access_log (at, username, action, dossier_uuid) VALUES (?, ?, ?, ?)", rows
        )

    def recent(self, limit: int) -> list[AccessEntry]:
        rows = self.conn.execute(
            "SELECT at, username, action, dossier_uuid FROM access_log ORDER BY id DESC LIMIT ?",
            (limit,),
        )
        return [AccessEntry(*r) for r in rows]
