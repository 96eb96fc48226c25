"""SQL of the event hash chain (the hashing itself is counter_app/event_chain.py).

Each event written at this desk carries chain_seq, chain_prev, chain_hash and chain_snapshot.
Events received from the province (store/sync.py) carry none: they are not this desk's. A
dossier changed by a pull keeps the snapshot of what the pull left in `remote_snapshots`, so
its state is vouched for by the hub's copy instead of by one of this desk's links.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..event_chain import EMPTY, ChainHead, link_hash, snapshot_hash

# The dossier columns a link vouches for: fixed here, so a column added later does not change
# every snapshot. Left out: the rowid and what sync bookkeeping changes (sync_state, ...).
SNAPSHOT = (
    "uuid, code, procedure_code, procedure_name, applicant_name, id_number, birth_date, "
    "gender, phone, email, address, owner_name, owner_id_number, channel, documents, sets, "
    "received_at, due_at, status, receiving_unit, resolving_unit, fee, notes, received_by, "
    "result_at, returned_at, returned_to, satisfaction, extra, updated_at, extended_due_at, "
    "handout_unit"
)
# An event's stored fields, in the order they are hashed.
EVENT = "uuid, dossier_id, at, username, kind, old_status, new_status, note, data"
HUB_HEAD_META = "event_chain.hub_head"  # the last head the hub said it holds for this desk
_EVENT_E = ", ".join("e." + c.strip() for c in EVENT.split(","))


@dataclass(frozen=True)
class Break:
    """The first broken link `check` found; words are chosen by the core (no personal data)."""

    # edited, missing, snapshot, pulled, unchained, rewritten, behind_hub, synced_unsent
    kind: str
    seq: int | None = None
    code: str | None = None


class ChainTable:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def head(self) -> ChainHead:
        row = self.conn.execute(
            "SELECT chain_seq, chain_hash FROM events WHERE chain_seq IS NOT NULL "
            "ORDER BY chain_seq DESC LIMIT 1"
        ).fetchone()
        anchor = self.anchor()
        if row is None or (anchor is not None and anchor.seq >= row[0]):
            return anchor or EMPTY
        return ChainHead(int(row[0]), str(row[1]))

    def anchor(self) -> ChainHead | None:
        row = self.conn.execute(
            "SELECT seq, hash FROM chain_anchors ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        return None if row is None else ChainHead(int(row[0]), str(row[1]))

    def hash_at(self, seq: int) -> str | None:
        """This desk's own link `seq` (None if it has none: before an anchor, or deleted)."""
        row = self.conn.execute(
            "SELECT chain_hash FROM events WHERE chain_seq = ?", (seq,)
        ).fetchone()
        return None if row is None else str(row[0])

    def acknowledged(self) -> int:
        """The last link of this desk the hub acknowledged as this database recorded it (0:
        none), by its outbox rows, whatever head was noted since."""
        row = self.conn.execute(
            "SELECT coalesce(max(e.chain_seq), 0) FROM outbox o JOIN events e ON e.uuid = "
            "json_extract(o.payload, '$.event.uuid') WHERE o.entity = 'dossier' "
            "AND o.state = 'synced'"
        ).fetchone()
        return int(row[0])

    def snapshot(self, dossier_id: int) -> str:
        row = self.conn.execute(f"SELECT {SNAPSHOT} FROM dossiers WHERE id = ?", (dossier_id,))
        return snapshot_hash(row.fetchone())

    def link(self, event_id: int) -> None:
        """Chain the event just inserted, in the caller's transaction (the one writer)."""
        head = self.head()
        row = self.conn.execute(f"SELECT {EVENT} FROM events WHERE id = ?", (event_id,)).fetchone()
        snapshot = self.snapshot(int(row[1]))
        seq = head.seq + 1
        digest = link_hash(seq, head.hash, row, snapshot)
        # The triggers let the chain columns be written once, and nothing else ever.
        self.conn.execute(
            "UPDATE events SET chain_seq = ?, chain_prev = ?, chain_hash = ?, "
            "chain_snapshot = ? WHERE id = ?",
            (seq, head.hash, digest, snapshot, event_id),
        )

    def note_remote(self, dossier_id: int) -> None:
        """A pull changed this dossier: its state is the hub's, from the latest event on."""
        latest = self.conn.execute("SELECT coalesce(max(id), 0) FROM events").fetchone()[0]
        self.conn.execute(
            "INSERT INTO remote_snapshots (dossier_id, after_event, snapshot) VALUES (?, ?, ?) "
            "ON CONFLICT (dossier_id) DO UPDATE SET after_event = excluded.after_event, "
            "snapshot = excluded.snapshot",
            (dossier_id, latest, self.snapshot(dossier_id)),
        )

    def adopt(self, head: ChainHead, at: str) -> None:
        self.conn.execute(
            "INSERT INTO chain_anchors (seq, hash, at) VALUES (?, ?, ?) "
            "ON CONFLICT (seq) DO UPDATE SET hash = excluded.hash, at = excluded.at",
            (head.seq, head.hash, at),
        )

    def first_break(self, hub_head: ChainHead | None) -> Break | None:
        """The first link that does not hold, in chain order, then the dossiers' states."""
        return (
            self._links_break(hub_head)
            or self._snapshot_break()
            or self._synced_break(hub_head)
            or self._unchained_break()
        )

    def _links_break(self, hub_head: ChainHead | None) -> Break | None:
        anchors = dict(self.conn.execute("SELECT seq, hash FROM chain_anchors"))
        prev = EMPTY
        for seq, prev_hash, stored, row in self._links():
            expected = prev.hash if seq == prev.seq + 1 else anchors.get(seq - 1)
            if expected is None or prev_hash != expected:
                return Break("missing", seq)
            if link_hash(seq, prev_hash, row, stored[1]) != stored[0]:
                return Break("edited", seq)
            if hub_head is not None and seq == hub_head.seq and stored[0] != hub_head.hash:
                return Break("rewritten", seq)
            prev = ChainHead(seq, stored[0])
        if hub_head is not None and max(prev.seq, max(anchors, default=0)) < hub_head.seq:
            return Break("behind_hub", prev.seq)
        return None

    def _links(self) -> Iterator[tuple[int, str, tuple[str, str], tuple[Any, ...]]]:
        rows = self.conn.execute(
            f"SELECT e.chain_seq, e.chain_prev, e.chain_hash, e.chain_snapshot, {_EVENT_E} "
            "FROM events e WHERE e.chain_seq IS NOT NULL ORDER BY e.chain_seq"
        )
        for r in rows:
            yield int(r[0]), r[1], (r[2], r[3]), r[4:]

    def _snapshot_break(self) -> Break | None:
        """Each dossier as its last link (or the last pull) left it."""
        rows = self.conn.execute(
            f"SELECT d.{SNAPSHOT.replace(', ', ', d.')}, l.chain_seq, l.chain_snapshot, "
            "r.snapshot FROM dossiers d "
            "LEFT JOIN events l ON l.id = (SELECT max(e.id) FROM events e WHERE "
            "e.dossier_id = d.id AND e.chain_seq IS NOT NULL) "
            "LEFT JOIN remote_snapshots r ON r.dossier_id = d.id AND r.after_event >= "
            "coalesce(l.id, 0) WHERE l.id IS NOT NULL OR r.dossier_id IS NOT NULL "
            "ORDER BY coalesce(l.chain_seq, 0)"
        )
        for r in rows:
            *values, seq, chained, remote = r
            expected = remote if remote is not None else chained
            if snapshot_hash(values) != expected:
                return Break("snapshot" if remote is None else "pulled", seq, str(values[1]))
        return None

    def _synced_break(self, hub_head: ChainHead | None) -> Break | None:
        """An outbox row marked synced whose link the hub never acknowledged."""
        row = self.conn.execute(
            "SELECT min(e.chain_seq) FROM outbox o JOIN events e ON e.uuid = "
            "json_extract(o.payload, '$.event.uuid') WHERE o.entity = 'dossier' "
            "AND o.state = 'synced' AND e.chain_seq > ?",
            (0 if hub_head is None else hub_head.seq,),
        ).fetchone()
        return None if row[0] is None else Break("synced_unsent", int(row[0]))

    def _unchained_break(self) -> Break | None:
        """An event queued as this desk's (its outbox row) without a link: slipped in."""
        row = self.conn.execute(
            "SELECT d.code FROM outbox o JOIN events e ON e.uuid = "
            "json_extract(o.payload, '$.event.uuid') JOIN dossiers d ON d.id = e.dossier_id "
            "WHERE o.entity = 'dossier' AND e.chain_seq IS NULL ORDER BY o.id LIMIT 1"
        ).fetchone()
        return None if row is None else Break("unchained", None, str(row[0]))


def chain_existing(conn: sqlite3.Connection) -> None:
    """Migration helper: link this desk's existing events, oldest first. A desk's own events
    are those its outbox queued for the province; their snapshot is the dossier as it is now
    for its last event (what the upgrade can vouch for) and as it was sent for the others."""
    table = ChainTable(conn)
    own = conn.execute(
        f"SELECT e.id, {_EVENT_E} FROM events e WHERE e.chain_seq IS NULL AND e.uuid IN "
        "(SELECT json_extract(payload, '$.event.uuid') FROM outbox WHERE entity = 'dossier') "
        "ORDER BY e.id"
    ).fetchall()
    last_of: dict[int, int] = {}
    for event_id, _uuid, dossier_id, *_rest in own:
        last_of[dossier_id] = event_id
    sent = {
        r[0]: r[1]
        for r in conn.execute(
            "SELECT json_extract(payload, '$.event.uuid'), json_extract(payload, '$.dossier') "
            "FROM outbox WHERE entity = 'dossier'"
        )
    }
    head = table.head()
    prev, seq = head.hash, head.seq
    for event_id, *row in own:
        snapshot = (
            table.snapshot(row[1])
            if last_of.get(row[1]) == event_id
            else snapshot_hash([sent.get(row[0]) or ""])
        )
        seq += 1
        digest = link_hash(seq, prev, row, snapshot)
        conn.execute(
            "UPDATE events SET chain_seq = ?, chain_prev = ?, chain_hash = ?, chain_snapshot = ? "
            "WHERE id = ?",
            (seq, prev, digest, snapshot, event_id),
        )
        prev = digest
    # What was acknowledged before the upgrade counts as held by the hub (see _synced_break).
    acked = conn.execute(
        "SELECT e.chain_seq, e.chain_hash FROM outbox o JOIN events e ON e.uuid = "
        "json_extract(o.payload, '$.event.uuid') WHERE o.entity = 'dossier' "
        "AND o.state = 'synced' ORDER BY e.chain_seq DESC LIMIT 1"
    ).fetchone()
    if acked is not None and acked[0] is not None:
        conn.execute(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING",
            (HUB_HEAD_META, json.dumps({"seq": acked[0], "hash": acked[1]})),
        )
