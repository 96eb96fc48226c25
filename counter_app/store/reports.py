"""Read-only queries for statistics, the tracking register and the late list: one pass in SQL.

Times are ISO-8601 strings in office time (+07:00), so text comparison is time order.
"""

from __future__ import annotations

import sqlite3
from typing import Any


def _json(key: str) -> str:
    """extra's `key`; the substring test skips parsing the JSON of the many dossiers that do
    not have it (it halves the time of a year's report)."""
    return f"CASE WHEN instr(extra, '\"{key}\"') THEN json_extract(extra, '$.{key}') END"


# The due date a dossier is judged against: the original appointment (due_at; an apology's
# extension never excuses lateness), or the one kept when the dossier was stopped, withdrawn
# or refused.
_DUE = "coalesce(due_at, {ended})".format(ended=_json("due_at_when_ended"))
# End of processing: first result ready, else returned, else the stop / refusal / withdrawal
# (from the events), else a supplement request still waiting for the citizen.
_END = (
    "CASE WHEN result_at IS NOT NULL THEN result_at "
    "WHEN returned_at IS NOT NULL THEN returned_at "
    "WHEN status IN ('stopped', 'refused', 'withdrawn') THEN (SELECT min(e.at) FROM events e "
    "  WHERE e.dossier_id = dossiers.id AND e.new_status = dossiers.status) "
    f"WHEN status = 'supplement_requested' THEN {_json('supplement_requested_at')} "
    "END"
)
# This office's agency code. A dossier received here for another commune counts as received
# here; it counts as settled (on time or late) and in progress at the office that resolves it.
_OFFICE = "(SELECT json_extract(value, '$.agency_code') FROM meta WHERE key = 'office')"
_IN_PROGRESS_STATUSES = "('received', 'processing', 'supplement_requested', 'payment_requested')"

_GROUP_KEYS = {
    "procedure": ("procedure_code", "procedure_code"),
    "clerk": ("received_by", "received_by"),
    "day": ("substr(received_at, 1, 10)", "coalesce(substr(end_at, 1, 10), '')"),
    "all": ("''", "''"),
}

# Three layers, each a co-routine (LIMIT -1 stops SQLite from flattening them, which would
# re-evaluate the due/end expressions at every use): per dossier the due date and the end of
# processing; then small flags; then sums per (received key, ended key). Carrying only small
# integers into the GROUP BY keeps the sort cheap (benchmarked in bench/bench_report.py).
_REPORT = """
SELECT rkey, ekey,
    sum(recv_in), sum(ended_in), sum(ended_in AND cls = 1), sum(ended_in AND cls = 2),
    sum(ended_in AND cls = 3), sum(open_at_end), sum(open_at_end AND overdue),
    sum(recv_in AND synced), sum(ended_in AND rating > 0), sum(ended_in AND rating = 1),
    sum(ended_in AND rating = 2), sum(ended_in AND rating > 0 AND by_web)
FROM (
    SELECT {recv_key} AS rkey, {end_key} AS ekey,
        received_at >= :period_start AND received_here AS recv_in,
        coalesce(end_at >= :period_start AND end_at < :period_end, 0) AND settled_here
            AS ended_in,
        CASE WHEN supplements > 1 OR end_at > due THEN 3
             WHEN due IS NOT NULL AND substr(end_at, 1, :digits) < substr(due, 1, :digits) THEN 1
             ELSE 2 END AS cls,
        (end_at IS NULL OR end_at >= :period_end) AND settled_here AS open_at_end,
        coalesce(supplements > 1 OR due < :judged_at, 0) AS overdue,
        sync_state = 'synced' AS synced,
        CASE WHEN satisfaction IN ('rat_hai_long', 'hai_long') THEN 1
             WHEN satisfaction = 'khong_hai_long' THEN 2
             WHEN satisfaction IS NOT NULL THEN 3 ELSE 0 END AS rating,
        by_web
    FROM (
        SELECT procedure_code, received_by, received_at, sync_state,
            -- The desk's own rating, else the citizen's from the hub's page.
            coalesce(satisfaction, (SELECT r.level FROM ratings r WHERE r.dossier_id = dossiers.id
                                    AND r.channel = 'web')) AS satisfaction,
            satisfaction IS NULL AS by_web,
            {due} AS due, {end} AS end_at, coalesce({supplements}, 0) AS supplements,
            receiving_unit = {office} AS received_here, resolving_unit = {office} AS settled_here
        -- A whole-table scan beats the received_at index for the usual (recent) periods.
        FROM dossiers NOT INDEXED
        WHERE received_at < :period_end
          AND (status != 'refused' OR {refusal} IS NULL)
          AND (received_at >= :period_start OR updated_at >= :period_start
               OR status IN {in_progress})
        LIMIT -1
    )
    LIMIT -1
)
GROUP BY rkey, ekey
"""

_REGISTER = """
SELECT d.code, d.procedure_name, d.sets, coalesce(d.owner_name, d.applicant_name), d.address,
       d.phone, d.received_at, d.due_at, d.result_at, d.returned_at, d.returned_to, d.notes,
       d.status,
       -- An apology's extension rides in extra for the notes column; due_at is the original.
       CASE WHEN d.extended_due_at IS NULL THEN d.extra
            ELSE json_set(d.extra, '$.extended_due_at', d.extended_due_at) END,
       (SELECT coalesce(u.full_name, e.username) FROM events e
        LEFT JOIN users u ON u.username = e.username
        WHERE e.dossier_id = d.id AND e.kind = 'return' ORDER BY e.id LIMIT 1)
FROM dossiers d
WHERE d.received_at >= ? AND d.received_at < ?
  AND json_extract(d.extra, '$.refusal_reason') IS NULL
  -- The register of the office that received it, also for a dossier another office resolves.
  AND d.receiving_unit = {office}
ORDER BY d.received_at, d.id
"""


class ReportQueries:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def on_time_rows(
        self, period_start: str, period_end: str, judged_at: str, by: str, digits: int
    ) -> list[tuple[Any, ...]]:
        """Per (received key, ended key): received, settled, early, on_time, late,
        in_progress, in_progress_late, synced, rated, satisfied, dissatisfied, rated_web. Received,
        in-progress and synced counts belong to the first key, the others to the second."""
        recv_key, end_key = _GROUP_KEYS[by]
        sql = _REPORT.format(
            due=_DUE,
            end=_END,
            in_progress=_IN_PROGRESS_STATUSES,
            supplements=_json("supplement_count"),
            refusal=_json("refusal_reason"),
            office=_OFFICE,
            recv_key=recv_key,
            end_key=end_key,
        )
        args = {
            "period_start": period_start,
            "period_end": period_end,
            "judged_at": judged_at,
            "digits": digits,
        }
        return list(self.conn.execute(sql, args))

    def procedure_names(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT code, name FROM procedures").fetchall())

    def register(self, period_start: str, period_end: str) -> list[tuple[Any, ...]]:
        sql = _REGISTER.format(office=_OFFICE)
        return list(self.conn.execute(sql, (period_start, period_end)))

    def due_before(self, statuses: tuple[str, ...], horizon: str) -> list[tuple[Any, ...]]:
        """Running dossiers due on or before `horizon`, soonest first (index status, due_at)."""
        marks = ", ".join("?" for _ in statuses)
        return list(
            self.conn.execute(
                "SELECT code, procedure_code, procedure_name, status, received_at, "
                "coalesce(extended_due_at, due_at) "
                f"FROM dossiers WHERE status IN ({marks}) AND due_at IS NOT NULL "
                # An extension is always later than due_at: the index still narrows the scan.
                "AND due_at <= ? AND coalesce(extended_due_at, due_at) <= ? ORDER BY due_at, id",
                (*statuses, horizon, horizon),
            )
        )
