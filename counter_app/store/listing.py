"""The dossier list, one page at a time: keyset paging over an index, so the first rows of a
million-dossier office come back as fast as those of a new one.

Each sortable column has an index whose last key is the rowid (id), so "the rows after this
one" is a range scan, never an OFFSET that walks everything before it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from typing import Any

from .dossiers import fts_query

# Sort key -> SQL expression. due_at is NULL once a dossier ended; '~' sorts those after every
# date (index dossiers_due_sort is on this very expression, migration 'listing_indexes').
SORT_EXPRESSIONS = {
    "received_at": "received_at",
    "due_at": "ifnull(due_at, '~')",
    "code": "code",
    "applicant_name": "applicant_name",
}
LIST_COLUMNS = (
    "id, code, procedure_code, procedure_name, applicant_name, received_at, due_at, status, "
    "sync_state, sync_error, received_by, extended_due_at, receiving_unit, resolving_unit, "
    "handout_unit"
)


@dataclass(frozen=True)
class ListQuery:
    """Conditions already turned into values: statuses, due window, sync states, search."""

    statuses: tuple[str, ...] = ()
    due_from: str | None = None  # due_at >= this
    due_before: str | None = None  # due_at < this
    sync_states: tuple[str, ...] = ()
    text: str = ""


class DossierListing:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def _where(self, q: ListQuery) -> tuple[list[str], list[Any]] | None:
        """None when the search text has no word: such a search matches nothing."""
        clauses: list[str] = []
        params: list[Any] = []
        if q.statuses:
            clauses.append(f"status IN ({', '.join('?' for _ in q.statuses)})")
            params += q.statuses
        # Judged on the appointment the citizen holds (an apology's extension when there is
        # one); an extension is always later than due_at, so the due_at range keeps the index.
        if q.due_from is not None:
            clauses.append("coalesce(extended_due_at, due_at) >= ?")
            params.append(q.due_from)
        if q.due_before is not None:
            clauses.append("due_at < ? AND coalesce(extended_due_at, due_at) < ?")
            params += [q.due_before, q.due_before]
        if q.sync_states:
            clauses.append(f"sync_state IN ({', '.join('?' for _ in q.sync_states)})")
            params += q.sync_states
        if q.text.strip():
            match = fts_query(q.text)
            if match is None:
                return None
            clauses.append("id IN (SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?)")
            params.append(match)
        return clauses, params

    def page(
        self,
        q: ListQuery,
        sort: str,
        descending: bool,
        after: tuple[Any, int] | None,
        limit: int,
    ) -> list[tuple[Any, ...]]:
        """Rows (LIST_COLUMNS then the sort value) after the (sort value, id) key `after`."""
        expr = SORT_EXPRESSIONS[sort]
        where = self._where(q)
        if where is None:
            return []
        clauses, params = where
        if after is not None:
            clauses.append(f"({expr}, id) {'<' if descending else '>'} (?, ?)")
            params += [after[0], after[1]]
        direction = "DESC" if descending else "ASC"
        sql = (
            f"SELECT {LIST_COLUMNS}, {expr} FROM dossiers "
            f"{'WHERE ' + ' AND '.join(clauses) if clauses else ''} "
            f"ORDER BY {expr} {direction}, id {direction} LIMIT ?"
        )
        return self.conn.execute(sql, [*params, limit]).fetchall()

    def count(self, q: ListQuery) -> int:
        where = self._where(q)
        if where is None:
            return 0
        clauses, params = where
        sql = f"SELECT count(*) FROM dossiers {'WHERE ' + ' AND '.join(clauses) if clauses else ''}"
        return int(self.conn.execute(sql, params).fetchone()[0])
