"""The local calendar: days off and make-up working days, one row per (date, source), and
their append-only history (who changed what, when, at which calendar revision)."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import cast

from ..calendar import CalendarOverride, DayKind

# The revision bumps on every change of the calendar or the sessions; readers compare it to
# decide whether a cached WorkCalendar is still good (cheap even across processes).
REVISION_KEY = "calendar.revision"


@dataclass(frozen=True)
class CalendarRecord:
    override: CalendarOverride
    changed_by: str
    changed_at: str
    version: int


class CalendarTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def revision(self) -> int:
        row = self.conn.execute("SELECT value FROM sequences WHERE scope = ?", (REVISION_KEY,))
        found = row.fetchone()
        return 0 if found is None else int(found[0])

    def bump_revision(self) -> int:
        """The next revision, taken inside the caller's transaction."""
        row = self.conn.execute(
            "INSERT INTO sequences (scope, value) VALUES (?, 1) "
            "ON CONFLICT (scope) DO UPDATE SET value = value + 1 RETURNING value",
            (REVISION_KEY,),
        ).fetchone()
        return int(row[0])

    def all(self) -> list[CalendarOverride]:
        rows = self.conn.execute("SELECT day, kind, reason, source FROM calendar_days")
        return [_override(r) for r in rows]

    def records(self, year: int | None = None) -> list[CalendarRecord]:
        sql = "SELECT day, kind, reason, source, changed_by, changed_at, version FROM calendar_days"
        args: tuple[str, ...] = ()
        if year is not None:
            sql += " WHERE day >= ? AND day < ?"
            args = (f"{year:04d}-01-01", f"{year + 1:04d}-01-01")
        rows = self.conn.execute(sql + " ORDER BY day, source", args)
        return [CalendarRecord(_override(r), r[4], r[5], int(r[6])) for r in rows]

    def get(self, day: date, source: str) -> CalendarOverride | None:
        row = self.conn.execute(
            "SELECT day, kind, reason, source FROM calendar_days WHERE day = ? AND source = ?",
            (day.isoformat(), source),
        ).fetchone()
        return None if row is None else _override(row)

    def put(self, o: CalendarOverride, changed_by: str, changed_at: str, version: int) -> None:
        self.conn.execute(
            "INSERT INTO calendar_days (day, source, kind, reason, changed_by, changed_at, "
            "version) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (day, source) DO UPDATE SET "
            "kind = excluded.kind, reason = excluded.reason, changed_by = excluded.changed_by, "
            "changed_at = excluded.changed_at, version = excluded.version",
            (o.day.isoformat(), o.source, o.kind, o.reason, changed_by, changed_at, version),
        )
        self._history(o.day, o.source, "set", o.kind, o.reason, changed_by, changed_at, version)

    def remove(
        self, day: date, source: str, changed_by: str, changed_at: str, version: int
    ) -> bool:
        cur = self.conn.execute(
            "DELETE FROM calendar_days WHERE day = ? AND source = ?", (day.isoformat(), source)
        )
        if cur.rowcount:
            self._history(day, source, "remove", None, None, changed_by, changed_at, version)
        return bool(cur.rowcount)

    def days_of_source(self, source: str) -> list[date]:
        rows = self.conn.execute("SELECT day FROM calendar_days WHERE source = ?", (source,))
        return [date.fromisoformat(r[0]) for r in rows]

    def history(self, day: date | None = None) -> list[tuple[str, ...]]:
        """(day, source, action, kind, reason, changed_by, changed_at, version), oldest first."""
        sql = (
            "SELECT day, source, action, kind, reason, changed_by, changed_at, version "
            "FROM calendar_history"
        )
        args: tuple[str, ...] = ()
        if day is not None:
            sql += " WHERE day = ?"
            args = (day.isoformat(),)
        return [tuple(r) for r in self.conn.execute(sql + " ORDER BY id", args)]

    def _history(
        self,
        day: date,
        source: str,
        action: str,
        kind: str | None,
        reason: str | None,
        changed_by: str,
        changed_at: str,
        version: int,
    ) -> None:
        self.conn.execute(
            "INSERT INTO calendar_history (day, source, action, kind, reason, changed_by, "
            "changed_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (day.isoformat(), source, action, kind, reason, changed_by, changed_at, version),
        )


def _override(row: tuple[str, ...]) -> CalendarOverride:
    return CalendarOverride(date.fromisoformat(row[0]), cast(DayKind, row[1]), row[2], row[3])
