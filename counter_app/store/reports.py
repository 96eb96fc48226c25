"""Read-only queries for statistics, the tracking register and the late list: one pass in SQL.

Times are ISO-8601 strings in office time (+07:00), so text comparison is time order.
"""

from __future__ import annotations

import sqlite3
from typing import Any

# The due date a dossier is judged against: the original appointment when an apology letter
# moved it, the one kept when the dossier was stopped/withdrawn/refused, else the current one.
_DUE = (
    "coalesce(json_extract(extra, '$.original_due_at'), due_at, "
    "json_extract(extra, '$.due_at_when_ended'))"
)
# End of processing: first result ready, else returned, else the stop / refusal / withdrawal
# (from the events), else a supplement request still waiting for the citizen.
_END = (
    "CASE WHEN result_at IS NOT NULL THEN result_at "
    "WHEN returned_at IS NOT NULL THEN returned_at "
    "WHEN status IN ('stopped', 'refused', 'withdrawn') THEN (SELECT min(e.at) FROM events e "
    "  WHERE e.dossier_id = dossiers.id AND e.new_status = dossiers.status) "
    "WHEN status = 'supplement_requested' THEN json_extract(extra, '$.supplement_requested_at') "
    "END"
)
_IN_PROGRESS_STATUSES = "('received', 'processing', 'supplement_requested', 'payment_requested')"

_GROUP_KEYS = {
    "procedure": ("procedure_code", "procedure_code"),
    "clerk": ("received_by", "received_by"),
    "day": ("substr(received_at, 1, 10)", "substr(end_at, 1, 10)"),
    "all": ("''", "''"),
}

_REPORT = """
WITH base AS MATERIALIZED (
    SELECT procedure_code, procedure_name, received_by, received_at, sync_state, satisfaction,
           {due} AS due, {end} AS end_at,
           coalesce(json_extract(extra, '$.supplement_count'), 0) AS supplements
    FROM dossiers
    WHERE received_at < :period_end
      AND json_extract(extra, '$.refusal_reason') IS NULL
      AND (received_at >= :period_start OR updated_at >= :period_start
           OR status IN {in_progress})
),
rows AS (
    SELECT {recv_key} AS key, max(procedure_name) AS label,
        sum(received_at >= :period_start) AS received,
        0 AS settled, 0 AS early, 0 AS on_time, 0 AS late,
        sum(end_at IS NULL OR end_at >= :period_end) AS in_progress,
        sum((end_at IS NULL OR end_at >= :period_end)
            AND (supplements > 1 OR due < :judged_at)) AS in_progress_late,
        sum(received_at >= :period_start AND sync_state = 'synced') AS synced,
        0 AS rated, 0 AS satisfied, 0 AS dissatisfied
    FROM base GROUP BY key
    UNION ALL
    SELECT {end_key} AS key, max(procedure_name) AS label,
        0, count(*),
        sum(supplements <= 1 AND due IS NOT NULL AND end_at <= due
            AND substr(end_at, 1, :digits) < substr(due, 1, :digits)),
        sum(supplements <= 1 AND (due IS NULL OR (end_at <= due
            AND substr(end_at, 1, :digits) >= substr(due, 1, :digits)))),
        sum(supplements > 1 OR end_at > due),
        0, 0, 0,
        sum(satisfaction IS NOT NULL),
        sum(satisfaction IN ('rat_hai_long', 'hai_long')),
        sum(satisfaction = 'khong_hai_long')
    FROM base WHERE end_at >= :period_start AND end_at < :period_end GROUP BY key
)
SELECT key, max(label), sum(received), sum(settled), sum(early), sum(on_time), sum(late),
       sum(in_progress), sum(in_progress_late), sum(synced), sum(rated), sum(satisfied),
       sum(dissatisfied)
FROM rows GROUP BY key ORDER BY key
"""

_REGISTER = """
SELECT d.code, d.procedure_name, d.sets, coalesce(d.owner_name, d.applicant_name), d.address,
       d.phone, d.received_at, d.due_at, d.result_at, d.returned_at, d.returned_to, d.notes,
       d.status, d.extra,
       (SELECT coalesce(u.full_name, e.username) FROM events e
        LEFT JOIN users u ON u.username = e.username
        WHERE e.dossier_id = d.id AND e.kind = 'return' ORDER BY e.id LIMIT 1)
FROM dossiers d
WHERE d.received_at >= ? AND d.received_at < ?
  AND json_extract(d.extra, '$.refusal_reason') IS NULL
ORDER BY d.received_at, d.id
"""


class ReportQueries:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def on_time_rows(
        self, period_start: str, period_end: str, judged_at: str, by: str, digits: int
    ) -> list[tuple[Any, ...]]:
        """Per group: key, label, received, settled, early, on_time, late, in_progress,
        in_progress_late, synced, rated, satisfied, dissatisfied."""
        recv_key, end_key = _GROUP_KEYS[by]
        sql = _REPORT.format(
            due=_DUE, end=_END, in_progress=_IN_PROGRESS_STATUSES,
            recv_key=recv_key, end_key=end_key,
        )  # fmt: skip
        args = {"period_start": period_start, "period_end": period_end,
                "judged_at": judged_at, "digits": digits}  # fmt: skip
        return list(self.conn.execute(sql, args))

    def register(self, period_start: str, period_end: str) -> list[tuple[Any, ...]]:
        return list(self.conn.execute(_REGISTER, (period_start, period_end)))

    def due_before(self, statuses: tuple[str, ...], horizon: str) -> list[tuple[Any, ...]]:
        """Running dossiers due on or before `horizon`, soonest first (index status, due_at)."""
        marks = ", ".join("?" for _ in statuses)
        return list(
            self.conn.execute(
                "SELECT code, procedure_code, procedure_name, status, received_at, due_at "
                f"FROM dossiers WHERE status IN ({marks}) AND due_at IS NOT NULL "
                "AND due_at <= ? ORDER BY due_at, id",
                (*statuses, horizon),
            )
        )
