"""What the hub needs from its database, and `open_storage`, which picks the backend.

`HubStorage` is the interface the web app and the command line use. Two backends implement
it with the same SQL (`storage_sql.py`): SQLite in WAL mode for a pilot, a training room and
the tests (`storage_sqlite.py`), PostgreSQL with a connection pool for a province
(`storage_pg.py`). Their schemas are numbered migrations (`storage_migrations.py`).

Versions: every accepted change takes the next number of one hub-wide sequence. A dossier
carries the number of its latest change, which is what the pull cursor walks over. Writes are
serialised (SQLite's write lock, PostgreSQL's advisory lock), so versions become visible in
the order they are numbered: docs/sync-protocol.md, "The pull cursor", says why.

Thread safety: every method may be called from any thread. A transaction belongs to the
thread that opened it; outside one, each call uses a connection of its own thread (SQLite) or
one borrowed from the pool for that call (PostgreSQL). No connection is shared by threads.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from counter_app.errors import StorageError
from counter_app.i18n import _

from .storage_console import ConsoleUser, DeskHealth, FigureRow


class SchemaError(StorageError):
    """The database's schema is not the one this hub program expects."""


class StorageBusy(StorageError):
    """Every database connection stayed taken for the pool's whole wait: the hub is overloaded
    for a moment, not broken, so the request is answered 503 and the desk tries again."""


@dataclass(frozen=True)
class Desk:
    id: int
    agency_code: str
    desk: str
    public_key: str | None

    @property
    def origin(self) -> str:
        return f"desk:{self.id}"


@dataclass(frozen=True)
class DeskKeyRow:
    """A key a desk signs (or signed) receipts with; `valid_until` is None while current."""

    desk_id: int
    agency_code: str
    desk: str
    public_key: str
    valid_from: str
    valid_until: str | None


@dataclass(frozen=True)
class HubDossier:
    uuid: str
    code: str
    receiving_unit: str
    resolving_unit: str
    handout_unit: str | None
    status: str
    data: dict[str, Any]
    version: int
    origin: str


@dataclass(frozen=True)
class HubRating:
    """A citizen's satisfaction rating of a dossier, as the public page took it."""

    dossier_uuid: str
    code: str
    receiving_unit: str
    answers: dict[str, str]
    level: str  # the overall answer, in the desk's levels
    channel: str
    rated_at: str
    changed_at: str
    version: int


class HubStorage(Protocol):
    """What the hub needs from its database; one implementation per backend."""

    backend: str

    def transaction(self) -> AbstractContextManager[None]: ...
    def snapshot(self) -> AbstractContextManager[None]: ...
    def close(self) -> None: ...
    def schema_version(self) -> int: ...
    def run_migrations(self, migrations: Sequence[tuple[str, str]]) -> int: ...
    def ping(self) -> None: ...
    def add_desk(self, agency_code: str, desk: str, token_hash: str, at: str) -> int: ...
    def desk_by_token(self, token_hash: str) -> Desk | None: ...
    def set_desk_key(self, desk_id: int, public_key: str, at: str) -> str | None: ...
    def touch_desk(self, desk_id: int, at: str) -> None: ...
    def office_desk_keys(self, agency_codes: set[str]) -> list[DeskKeyRow]: ...
    def chain_head(self, desk_id: int, public_key: str) -> tuple[int, str] | None: ...
    def chain_links(self, desk_id: int, public_key: str, seqs: list[int]) -> dict[int, str]: ...
    def add_chain_links(
        self, desk_id: int, public_key: str, links: list[tuple[int, str, str]], at: str
    ) -> None: ...
    def record_answer(self, uuid: str) -> dict[str, Any] | None: ...
    def save_record(
        self,
        uuid: str,
        desk_id: int,
        dossier_uuid: str,
        day: str,
        content_hash: str,
        answer: dict[str, Any],
        at: str,
    ) -> None: ...
    def record_dossier(self, uuid: str) -> str: ...
    def next_version(self) -> int: ...
    def reserve_versions(self, n: int) -> list[int]: ...
    def push_reads(
        self, uuids: Sequence[str], dossiers: Sequence[str], codes: Sequence[str]
    ) -> tuple[
        dict[str, tuple[int, dict[str, Any]]], dict[str, HubDossier], dict[str, HubDossier]
    ]: ...
    def write_push(
        self,
        dossiers: Sequence[tuple[HubDossier, str]],
        events: Sequence[tuple[str, str, int, str, dict[str, Any]]],
        records: Sequence[tuple[str, int, str, str, str, dict[str, Any], str]],
        conflicts: Sequence[tuple[str, str, int, str, dict[str, Any]]],
        seen: tuple[int, str],
    ) -> None: ...
    def dossier(self, uuid: str) -> HubDossier | None: ...
    def dossier_by_code(self, code: str) -> HubDossier | None: ...
    def put_dossier(self, d: HubDossier, received_day: str) -> None: ...
    def add_event(
        self, uuid: str, dossier_uuid: str, seq: int, origin: str, data: dict[str, Any]
    ) -> None: ...
    def events_since(
        self, dossier_uuid: str, after: int, not_origin: str
    ) -> list[dict[str, Any]]: ...
    def events_since_many(
        self, dossier_uuids: Sequence[str], after: int, not_origin: str
    ) -> dict[str, list[dict[str, Any]]]: ...
    def changes_since(self, units: str, cursor: int, limit: int) -> list[HubDossier]: ...
    def desk_changes_since(
        self, agency_code: str, origin: str, after: int, limit: int
    ) -> list[HubDossier]: ...
    def highest_seq(self, origin: str, after: int) -> int: ...
    def desk_records_of(
        self, desk_id: int, dossier_uuids: Sequence[str]
    ) -> list[tuple[str, str, str]]: ...
    def codes_since(self, agency_code: str, after: int) -> list[tuple[str, str]]: ...
    def add_conflict(
        self, dossier_uuid: str, record_uuid: str, desk_id: int, at: str, detail: dict[str, Any]
    ) -> None: ...
    def publish(self, kind: str, data: Any, at: str) -> int: ...
    def publication(self, kind: str) -> tuple[int, Any] | None: ...
    def desk_days(self, desk_id: int) -> dict[str, list[str]]: ...
    def office_days(self, agency_code: str) -> dict[str, list[str]]: ...
    def desks_last_seen(self) -> list[tuple[str, str, str | None]]: ...
    def stats(self) -> dict[str, Any]: ...
    def rating(self, dossier_uuid: str) -> HubRating | None: ...
    def put_rating(self, r: HubRating) -> None: ...
    def ratings_since(self, unit: str, after: int, upto: int | None) -> list[HubRating]: ...
    def console_user(self, username: str) -> ConsoleUser | None: ...
    def add_console_user(
        self, username: str, full_name: str, password_hash: str, role: str, at: str
    ) -> int: ...
    def console_login_failed(self, user_id: int, most: int, locked_until: str) -> int: ...
    def console_login_ok(self, user_id: int) -> None: ...
    def add_session(self, token_hash: str, user_id: int, csrf: str, expires_at: str) -> None: ...
    def session(self, token_hash: str) -> tuple[ConsoleUser, str, str] | None: ...
    def drop_session(self, token_hash: str) -> None: ...
    def revoke_desk(self, desk_id: int, unusable_hash: str, at: str) -> bool: ...
    def desk_health(self) -> list[DeskHealth]: ...
    def figure_rows(self, before_day: str) -> list[FigureRow]: ...
    def latest_return(self, origin: str) -> tuple[str, str] | None: ...
    def all_dossiers(self) -> list[HubDossier]: ...
    def record_uuids(self) -> list[str]: ...


def is_postgres(db: str | Path) -> bool:
    return str(db).startswith(("postgresql://", "postgres://"))


def open_storage(
    db: str | Path,
    *,
    migrate: bool | None = None,
    pool_size: int = 10,
    pool_timeout: float = 30.0,
) -> HubStorage:
    """The backend named by `db`: a `postgresql://` URL, or else a SQLite file path.

    `migrate`: bring an older schema up to date first. By default a SQLite file is migrated
    (a pilot's hub creates its file on first use) and a PostgreSQL database is not: a province
    runs `province-hub migrate` once, before starting its hub processes. A schema newer than
    this program, or (without `migrate`) older, raises `SchemaError` in words.
    """
    storage: HubStorage
    if is_postgres(db):
        from .storage_pg import PostgresHubStorage

        storage = PostgresHubStorage(str(db), pool_size=pool_size, pool_timeout=pool_timeout)
        default = False
    else:
        from .storage_sqlite import SqliteHubStorage

        storage = SqliteHubStorage(Path(db))
        default = True
    try:
        check_schema(storage, migrate=default if migrate is None else migrate)
    except BaseException:
        storage.close()
        raise
    return storage


def check_schema(storage: HubStorage, *, migrate: bool) -> None:
    from .storage_migrations import SCHEMA_VERSION, apply_migrations

    found = storage.schema_version()
    if found > SCHEMA_VERSION:
        raise SchemaError(
            _(
                "cơ sở dữ liệu của máy chủ tỉnh có lược đồ số {found}, mới hơn chương trình này "
                "(số {known}): hãy cài phiên bản province-hub mới hơn"
            ).format(found=found, known=SCHEMA_VERSION)
        )
    if found < SCHEMA_VERSION:
        if not migrate:
            raise SchemaError(
                _(
                    "lược đồ cơ sở dữ liệu số {found} đã cũ (cần số {known}): chạy "
                    "'province-hub migrate --db URL' trước"
                ).format(found=found, known=SCHEMA_VERSION)
            )
        apply_migrations(storage)


def __getattr__(name: str) -> Any:
    # Older callers import the SQLite backend from here.
    if name == "SqliteHubStorage":
        from .storage_sqlite import SqliteHubStorage

        return SqliteHubStorage
    raise AttributeError(name)
