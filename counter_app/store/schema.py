"""Numbered migrations. Each is one function run inside one transaction; PRAGMA user_version
records the last one applied. Append new steps; never edit one that has shipped."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

Migration = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('clerk', 'supervisor')),
    password_hash TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE procedures (
    code TEXT PRIMARY KEY,
    local_code TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    field TEXT NOT NULL DEFAULT '',
    time_value INTEGER NOT NULL,
    time_unit TEXT NOT NULL
        CHECK (time_unit IN ('working_days', 'working_hours', 'calendar_days', 'same_day')),
    cutoff_hour REAL,
    fee INTEGER NOT NULL DEFAULT 0,
    documents TEXT NOT NULL DEFAULT '[]',
    active INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    name_folded TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    code TEXT NOT NULL UNIQUE,
    procedure_code TEXT NOT NULL,
    procedure_name TEXT NOT NULL,
    applicant_name TEXT NOT NULL,
    id_number TEXT NOT NULL,
    birth_date TEXT,
    gender TEXT,
    phone TEXT NOT NULL,
    email TEXT,
    address TEXT,
    owner_name TEXT,
    owner_id_number TEXT,
    channel TEXT NOT NULL DEFAULT 'in_person',
    documents TEXT NOT NULL DEFAULT '[]',
    sets INTEGER NOT NULL DEFAULT 1,
    received_at TEXT NOT NULL,
    due_at TEXT,
    status TEXT NOT NULL,
    receiving_unit TEXT NOT NULL,
    resolving_unit TEXT NOT NULL,
    fee INTEGER NOT NULL DEFAULT 0,
    notes TEXT,
    received_by TEXT NOT NULL,
    result_at TEXT,
    returned_at TEXT,
    returned_to TEXT,
    satisfaction TEXT,
    extra TEXT NOT NULL DEFAULT '{}',
    sync_state TEXT NOT NULL DEFAULT 'waiting'
        CHECK (sync_state IN ('waiting', 'sending', 'synced', 'error')),
    sync_error TEXT,
    server_version INTEGER,
    updated_at TEXT NOT NULL
);
CREATE INDEX dossiers_received_at ON dossiers (received_at);
CREATE INDEX dossiers_status_due ON dossiers (status, due_at);
CREATE INDEX dossiers_sync_state ON dossiers (sync_state) WHERE sync_state != 'synced';
CREATE INDEX dossiers_id_number ON dossiers (id_number);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    at TEXT NOT NULL,
    username TEXT NOT NULL,
    kind TEXT NOT NULL,
    old_status TEXT,
    new_status TEXT,
    note TEXT,
    data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX events_dossier ON events (dossier_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Everything that must reach the province, written in the same transaction as the change.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_uuid TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'waiting'
        CHECK (state IN ('waiting', 'sending', 'synced', 'error')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,
    last_error TEXT,
    acked_at TEXT,
    server_version INTEGER
);
CREATE INDEX outbox_pending ON outbox (state, id) WHERE state != 'synced';

-- Per (scope) counters: dossier sequence numbers per day and desk.
CREATE TABLE sequences (scope TEXT PRIMARY KEY, value INTEGER NOT NULL);

-- The folded (lower-case, no diacritics, đ->d) text of each dossier, rowid = dossiers.id.
CREATE VIRTUAL TABLE dossier_search USING fts5 (
    text, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4'
);
"""


def _v1(conn: sqlite3.Connection) -> None:
    for statement in _split(_V1):
        conn.execute(statement)


def _split(script: str) -> list[str]:
    """Split on ';' at ends of statements while keeping trigger bodies whole."""
    statements: list[str] = []
    current: list[str] = []
    for line in script.splitlines():
        if line.strip().startswith("--") or not line.strip():
            continue
        current.append(line)
        joined = "\n".join(current)
        if sqlite3.complete_statement(joined):
            statements.append(joined)
            current = []
    return statements


# Local calendar overrides (days off, make-up working days) from this office's supervisors and
# from the province's published calendar; one row per (day, source), history append-only.
_CALENDAR = """
CREATE TABLE calendar_days (
    day TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('local', 'province')),
    kind TEXT NOT NULL CHECK (kind IN ('off', 'work')),
    reason TEXT NOT NULL DEFAULT '',
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    version INTEGER NOT NULL,
    PRIMARY KEY (day, source)
);
CREATE TABLE calendar_history (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    source TEXT NOT NULL,
    action TEXT NOT NULL CHECK (action IN ('set', 'remove')),
    kind TEXT,
    reason TEXT,
    changed_by TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    version INTEGER NOT NULL
);
CREATE TRIGGER calendar_history_no_update BEFORE UPDATE ON calendar_history
BEGIN SELECT RAISE(ABORT, 'calendar history is append-only'); END;
CREATE TRIGGER calendar_history_no_delete BEFORE DELETE ON calendar_history
BEGIN SELECT RAISE(ABORT, 'calendar history is append-only'); END;
"""


def _calendar_days(conn: sqlite3.Connection) -> None:
    for statement in _split(_CALENDAR):
        conn.execute(statement)


# Sync bookkeeping: conflicts shown to the supervisor and the log of sync runs.
_SYNC = """
CREATE TABLE sync_conflicts (
    id INTEGER PRIMARY KEY,
    dossier_uuid TEXT NOT NULL,
    code TEXT NOT NULL,
    detected_at TEXT NOT NULL,
    local_status TEXT,
    remote_status TEXT,
    remote_version INTEGER NOT NULL,
    detail TEXT NOT NULL DEFAULT '{}',
    resolved_at TEXT,
    resolved_by TEXT,
    UNIQUE (dossier_uuid, remote_version)
);
CREATE TABLE sync_runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    trigger TEXT NOT NULL,
    ok INTEGER,
    pushed INTEGER NOT NULL DEFAULT 0,
    pulled INTEGER NOT NULL DEFAULT 0,
    conflicts INTEGER NOT NULL DEFAULT 0,
    pending INTEGER NOT NULL DEFAULT 0,
    errors TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state != 'synced';
"""


def _sync_ledger(conn: sqlite3.Connection) -> None:
    for statement in _split(_SYNC):
        conn.execute(statement)


# The dossier list pages by keyset on each sortable column (store/listing.py): an index per
# column, the rowid last, so the first rows of a million dossiers need no sort.
_LISTING = """
CREATE INDEX dossiers_due_sort ON dossiers (ifnull(due_at, '~'));
CREATE INDEX dossiers_applicant_name ON dossiers (applicant_name);
"""


def _listing_indexes(conn: sqlite3.Connection) -> None:
    for statement in _split(_LISTING):
        conn.execute(statement)


def _outbox_by_dossier(conn: sqlite3.Connection) -> None:
    # Sync asks "is anything of this dossier still unsent?" after every acknowledgement.
    conn.execute("CREATE INDEX outbox_entity ON outbox (entity_uuid, state)")


def _procedure_time_text_and_field_code(conn: sqlite3.Connection) -> None:
    # The limit as published ("0,5 ngày làm việc") for the receipt, and the field's code
    # (MaLinhVuc) for the portal. time_value keeps its INTEGER affinity: SQLite stores 0.5 as
    # REAL there, and whole values read back as int.
    conn.execute("ALTER TABLE procedures ADD COLUMN field_code TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE procedures ADD COLUMN time_text TEXT NOT NULL DEFAULT ''")


def _dossier_extended_due_date(conn: sqlite3.Connection) -> None:
    # due_at stays the original appointment; an apology letter's new date goes to its own
    # column. Until now the apology moved due_at and kept the original in extra: move them back.
    # A dossier ended since (due_at NULL) keeps its original in extra["due_at_when_ended"].
    conn.execute("ALTER TABLE dossiers ADD COLUMN extended_due_at TEXT")
    original = "json_extract(extra, '$.original_due_at')"
    ended = "json_extract(extra, '$.due_at_when_ended')"
    conn.execute(
        f"UPDATE dossiers SET extended_due_at = coalesce(due_at, {ended}), "
        f"due_at = CASE WHEN due_at IS NULL THEN NULL ELSE {original} END, "
        f"extra = json_remove(CASE WHEN {ended} IS NULL THEN extra "
        f"ELSE json_set(extra, '$.due_at_when_ended', {original}) END, '$.original_due_at') "
        f"WHERE {original} IS NOT NULL"
    )


def _dossier_handout_unit(conn: sqlite3.Connection) -> None:
    # The office that hands the result out (a dossier received for another commune); the hub
    # kept it in extra["handout_unit"] when the province set it.
    conn.execute("ALTER TABLE dossiers ADD COLUMN handout_unit TEXT NOT NULL DEFAULT ''")
    conn.execute(
        "UPDATE dossiers SET handout_unit = coalesce(json_extract(extra, '$.handout_unit'), '') "
        "WHERE instr(extra, 'handout_unit')"
    )


def _must_change_password(conn: sqlite3.Connection) -> None:
    # A supervisor's reset hands the user a temporary password to replace at next login.
    conn.execute("ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0")


def _intake_drafts(conn: sqlite3.Connection) -> None:
    # A half-typed intake, kept as it is typed so a crash or a power cut loses nothing; one per
    # user of this desk (the next login offers it back). Deleted when the intake is done.
    conn.execute(
        "CREATE TABLE intake_drafts (username TEXT PRIMARY KEY, data TEXT NOT NULL, "
        "updated_at TEXT NOT NULL)"
    )


def _secrets_out_of_the_database(conn: sqlite3.Connection) -> None:
    """The hub token and the receipt-signing key move to the desk's secret store (keyring or a
    0600 file beside the database, counter_app/secret_store.py): a copied database or backup
    must not let anyone sign receipts or sync as this desk. secure_delete overwrites the
    freed bytes instead of leaving them in free pages that a later copy would carry."""
    import json
    from pathlib import Path

    from ..secret_store import HUB_TOKEN, SIGNING_KEY, SecretStore

    def meta(key: str) -> object:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    desk, key, server = meta("desk"), meta("desk_signing_key"), meta("sync.server")
    if not isinstance(desk, dict) or (key is None and not isinstance(server, dict)):
        return  # not set up yet, or nothing to move
    path = conn.execute("PRAGMA database_list").fetchone()[2]
    if not path:
        return  # an in-memory database has no folder to keep secrets beside
    secrets = SecretStore(Path(path).parent, str(desk.get("uuid") or "unset"))
    conn.execute("PRAGMA secure_delete = ON")
    if isinstance(key, str):
        secrets.set(SIGNING_KEY, key)
        conn.execute("DELETE FROM meta WHERE key = 'desk_signing_key'")
    if isinstance(server, dict) and "token" in server:
        secrets.set(HUB_TOKEN, str(server.pop("token")))
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'sync.server'",
            (json.dumps(server, ensure_ascii=False),),
        )


def _access_log(conn: sqlite3.Connection) -> None:
    # Reads of citizens' data: who, what kind of read, which dossier, when (store/access.py).
    conn.execute(
        "CREATE TABLE IF NOT EXISTS access_log (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
        "username TEXT NOT NULL, action TEXT NOT NULL, dossier_uuid TEXT)"
    )
    conn.execute("CREATE INDEX IF NOT EXISTS access_log_dossier ON access_log (dossier_uuid)")


def _ratings_by_channel(conn: sqlite3.Connection) -> None:
    # Ratings the citizen gave elsewhere than at this desk (the hub's page, channel 'web'),
    # received on pull; the desk's own key stays in dossiers.satisfaction.
    conn.execute(
        "CREATE TABLE IF NOT EXISTS ratings (dossier_id INTEGER NOT NULL REFERENCES dossiers (id), "
        "channel TEXT NOT NULL, level TEXT NOT NULL, answers TEXT NOT NULL, "
        "rated_at TEXT NOT NULL, PRIMARY KEY (dossier_id, channel))"
    )


# Scanned papers and electronic results (Circular 03/2025 Art. 5). The file itself lives in the
# data folder under its SHA-256 (counter_app/attachments.py); a row says which dossier and
# checklist item it belongs to. The same file on two items is two rows and one stored file.
# IF NOT EXISTS: a test that replays an earlier migration over a current file runs this again.
_ATTACHMENTS = """
CREATE TABLE IF NOT EXISTS attachments (
    id INTEGER PRIMARY KEY,
    uuid TEXT NOT NULL UNIQUE,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    item INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('intake', 'result')),
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    pages INTEGER NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    sync_state TEXT NOT NULL DEFAULT 'waiting'
        CHECK (sync_state IN ('waiting', 'synced', 'error')),
    sync_error TEXT
);
CREATE INDEX IF NOT EXISTS attachments_dossier ON attachments (dossier_id, id);
CREATE INDEX IF NOT EXISTS attachments_unsent ON attachments (sync_state) WHERE sync_state != 'synced';
CREATE INDEX IF NOT EXISTS attachments_sha256 ON attachments (sha256);
"""


def _attachments(conn: sqlite3.Connection) -> None:
    for statement in _split(_ATTACHMENTS):
        conn.execute(statement)


def _event_chain(conn: sqlite3.Connection) -> None:
    """Issue 13 finding 11: each event of this desk becomes a link of a hash chain
    (counter_app/event_chain.py). Existing events are chained here, oldest first: the chain
    vouches for history from this upgrade on, since nothing proves what came before it. The
    update trigger now refuses changes of an event's own fields only; its chain columns may be
    written once (right after the insert) and never again."""
    from .chain import chain_existing

    columns = {r[1] for r in conn.execute("PRAGMA table_info(events)")}
    for column in (
        "chain_seq INTEGER",
        "chain_prev TEXT",
        "chain_hash TEXT",
        "chain_snapshot TEXT",
    ):
        if column.split()[0] not in columns:
            conn.execute(f"ALTER TABLE events ADD COLUMN {column}")
    conn.execute(
        "CREATE UNIQUE INDEX IF NOT EXISTS events_chain ON events (chain_seq) "
        "WHERE chain_seq IS NOT NULL"
    )
    # The seq a restored desk took over from the hub (adopt_chain_head) and the state a pull
    # left a dossier in (vouched for by the hub's copy, not by this desk's links).
    conn.execute(
        "CREATE TABLE IF NOT EXISTS chain_anchors (seq INTEGER PRIMARY KEY, hash TEXT NOT NULL, "
        "at TEXT NOT NULL)"
    )
    conn.execute(
        "CREATE TABLE IF NOT EXISTS remote_snapshots (dossier_id INTEGER PRIMARY KEY "
        "REFERENCES dossiers (id), after_event INTEGER NOT NULL, snapshot TEXT NOT NULL)"
    )
    conn.execute("DROP TRIGGER IF EXISTS events_no_update")
    conn.execute("DROP TRIGGER IF EXISTS events_chain_once")
    chain_existing(conn)
    conn.execute(
        "CREATE TRIGGER events_no_update BEFORE UPDATE OF uuid, dossier_id, at, username, kind, "
        "old_status, new_status, note, data ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )
    conn.execute(
        "CREATE TRIGGER events_chain_once BEFORE UPDATE OF chain_seq, chain_prev, chain_hash, "
        "chain_snapshot ON events WHEN OLD.chain_hash IS NOT NULL "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )


MIGRATIONS: list[Migration] = [
    _v1,
    _calendar_days,
    _sync_ledger,
    _listing_indexes,
    _outbox_by_dossier,
    _procedure_time_text_and_field_code,
    _dossier_extended_due_date,
    _dossier_handout_unit,
    _must_change_password,
    _intake_drafts,
    _secrets_out_of_the_database,
    _access_log,
    _ratings_by_channel,
    _attachments,
    _event_chain,
]
SCHEMA_VERSION = len(MIGRATIONS)
