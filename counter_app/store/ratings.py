"""Satisfaction ratings by channel: those the citizen gave on the hub's page, pulled here."""

from __future__ import annotations

import json
import sqlite3

from ..sync_records import Rating


class RatingTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def put(self, dossier_id: int, r: Rating) -> None:
        """One rating per dossier and channel: a changed one replaces it."""
        self.conn.execute(
            "INSERT INTO ratings (dossier_id, channel, level, answers, rated_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (dossier_id, channel) DO UPDATE SET "
            "level = excluded.level, answers = excluded.answers, rated_at = excluded.rated_at",
            (dossier_id, r.channel, r.level, json.dumps(r.answers), r.rated_at),
        )

    def of(self, dossier_id: int) -> list[Rating]:
        rows = self.conn.execute(
            "SELECT channel, level, answers, rated_at FROM ratings WHERE dossier_id = ? "
            "ORDER BY channel",
            (dossier_id,),
        )
        return [Rating(c, lv, json.loads(a), at) for c, lv, a, at in rows]
