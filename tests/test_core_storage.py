"""The SQLite store: durability pragmas, privacy, append-only events, migrations, refusals."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from pathlib import Path

import pytest

import counter_app.store as store_module
from counter_app.counter import Counter
from counter_app.errors import StorageError
from counter_app.intake import IntakeRequest
from counter_app.models import User
from counter_app.sealed_backup import unseal
from counter_app.store import DB_FILENAME, Store
from counter_app.store.schema import MIGRATIONS, SCHEMA_VERSION


def take_in(c: Counter, actor: User, name: str = "Phạm Thị Hoa") -> str:
    return c.dossiers.intake(
        actor,
        IntakeRequest(
            procedure_code="1.001193", full_name=name, id_number="001190123456", phone="0912345678"
        ),
    ).code


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_wal_full_sync_and_foreign_keys_are_on(counter: Counter) -> None:
    conn = counter._store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute(
            "INSERT INTO events (uuid, dossier_id, at, username, kind) "
            "VALUES ('u', 999999, 'now', 'x', 'intake')"
        )


def test_the_database_file_and_its_wal_are_private(
    counter: Counter, supervisor: User, data_dir: Path
) -> None:
    take_in(counter, supervisor)
    for name in (DB_FILENAME, f"{DB_FILENAME}-wal"):
        assert stat.S_IMODE((data_dir / name).stat().st_mode) == 0o600, name


def test_events_cannot_be_updated_or_deleted_even_with_raw_sql(
    counter: Counter, supervisor: User, data_dir: Path
) -> None:
    take_in(counter, supervisor)
    counter.close()
    raw = sqlite3.connect(data_dir / DB_FILENAME)
    for sql in ("UPDATE events SET note = 'sửa'", "DELETE FROM events"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            raw.execute(sql)
    assert raw.execute("SELECT count(*) FROM events").fetchone()[0] == 1
    raw.close()


def test_every_write_is_all_or_nothing(counter: Counter, supervisor: User) -> None:
    before = counter._store.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0]
    with pytest.raises(RuntimeError), counter._store.write():
        counter._store.meta.next_sequence("scope")
        raise RuntimeError("power cut")
    assert counter._store.conn.execute("SELECT count(*) FROM sequences").fetchone()[0] == 0
    assert counter._store.conn.execute("SELECT count(*) FROM dossiers").fetchone()[0] == before


def test_a_database_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    raw = sqlite3.connect(path)  # rollback-journal mode: opening it as ours would flip it to WAL
    raw.execute("CREATE TABLE future (x)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.commit()
    raw.close()
    before = digest(path)
    with pytest.raises(StorageError) as exc:
        Store(path)
    message = str(exc.value)
    assert "phiên bản mới hơn" in message and "cập nhật ứng dụng" in message and "\n" not in message
    assert digest(path) == before


@pytest.mark.parametrize(
    "content", [b"this is not a database at all" * 100, b"SQLite format 3\x00" + b"\xff" * 4000]
)
def test_a_corrupt_file_gives_a_clear_error_and_is_not_modified(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / DB_FILENAME
    path.write_bytes(content)
    with pytest.raises(StorageError) as exc:
        Store(path)
    assert "Không mở được cơ sở dữ liệu" in str(exc.value)
    assert path.read_bytes() == content


def test_an_sqlite_file_of_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / DB_FILENAME
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE contacts (name)")
    raw.commit()
    raw.close()
    before = digest(path)
    with pytest.raises(StorageError, match="không phải cơ sở dữ liệu Một Cửa"):
        Store(path)
    assert digest(path) == before


def test_a_backup_copy_is_made_before_migrating_an_older_database(
    counter: Counter, supervisor: User, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The database is real and at today's version; the next release is simulated by one
    more migration appended to the list, exactly as a future helper would append it."""
    code = take_in(counter, supervisor)
    counter.close()

    def add_column(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE dossiers ADD COLUMN future_field TEXT")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, add_column])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    migrated = Counter.open(data_dir)
    assert migrated._store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    assert migrated.dossiers.get(code).code == code
    migrated.close()

    backup = data_dir / f"{DB_FILENAME}.before-v{SCHEMA_VERSION + 1}.bak"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert old.execute("SELECT code FROM dossiers").fetchall() == [(code,)]
    columns = [r[1] for r in old.execute("PRAGMA table_info(dossiers)")]
    assert "future_field" not in columns
    old.close()


def test_a_failing_migration_leaves_the_database_at_its_old_version(
    counter: Counter, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    counter.close()

    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE half_done (x)")
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(store_module, "MIGRATIONS", [*MIGRATIONS, broken])
    monkeypatch.setattr(store_module, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with pytest.raises(sqlite3.OperationalError):
        Store.open_dir(data_dir)
    raw = sqlite3.connect(data_dir / DB_FILENAME)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert (
        raw.execute("SELECT count(*) FROM sqlite_master WHERE name = 'half_done'").fetchone()[0]
        == 0
    )
    raw.close()


def test_a_new_database_runs_every_migration(tmp_path: Path) -> None:
    s = Store.open_dir(tmp_path / "new")
    assert s.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert not list((tmp_path / "new").glob("*.bak"))  # nothing to back up on a new file
    assert stat.S_IMODE((tmp_path / "new").stat().st_mode) == 0o700
    s.close()


def test_backup_produces_a_valid_private_database(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    code = take_in(counter, supervisor)
    target = tmp_path / "copies" / "backup.mcb"
    counter.backups.set_passphrase(supervisor, "một cửa sao lưu 2026")
    counter.backups.backup(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    # Sealed (tests/test_security_secrets.py); opened, it is a sound database.
    image = tmp_path / "copies" / "backup.sqlite3"
    image.write_bytes(unseal(target.read_bytes(), "một cửa sao lưu 2026"))
    copy = Counter(Store(image))
    assert copy.check() == [] and copy.dossiers.get(code).applicant.full_name == "Phạm Thị Hoa"
    copy.close()


def test_check_reports_broken_invariants(
    counter: Counter, supervisor: User, data_dir: Path
) -> None:
    take_in(counter, supervisor, "Một")
    take_in(counter, supervisor, "Hai")
    assert counter.check() == []
    conn = counter._store.conn
    conn.execute("DELETE FROM outbox WHERE id = (SELECT min(id) FROM outbox)")
    assert any("never queued for sync" in p for p in counter.check())
    conn.execute(
        "UPDATE dossiers SET status = 'returned' WHERE id = (SELECT max(id) FROM dossiers)"
    )
    assert any("differs from their last event" in p for p in counter.check())
    conn.execute("DELETE FROM dossier_search WHERE rowid = (SELECT max(id) FROM dossiers)")
    assert any("search index" in p for p in counter.check())
    conn.execute("DROP TRIGGER events_no_delete")
    assert any("append-only" in p or "trigger" in p for p in counter.check())


def test_check_finds_a_dossier_without_its_intake_event(counter: Counter) -> None:
    conn = counter._store.conn
    conn.execute(
        "INSERT INTO dossiers (uuid, code, procedure_code, procedure_name, applicant_name, "
        "id_number, phone, received_at, status, receiving_unit, resolving_unit, "
        "received_by, updated_at) VALUES ('u1', 'X-1', 'p', 'p', 'n', '1', '0', 'r', "
        "'received', 'a', 'a', 'admin', 'now')"
    )
    problems = counter.check()
    assert any("without any event" in p for p in problems)


def test_the_store_is_the_only_place_that_opens_sqlite() -> None:
    root = Path(store_module.__file__).parent.parent
    offenders = [
        p
        for p in root.rglob("*.py")
        if "sqlite3.connect" in p.read_text() and "store" not in p.relative_to(root).parts
    ]
    assert offenders == []


def test_a_database_built_at_the_previous_version_is_backed_up_then_migrated(
    tmp_path: Path,
) -> None:
    """A real older file: every migration but the last applied by hand, with data in it."""
    assert SCHEMA_VERSION >= 2
    path = tmp_path / DB_FILENAME
    raw = sqlite3.connect(path, isolation_level=None)
    for number, migration in enumerate(MIGRATIONS[:-1], 1):
        raw.execute("BEGIN")
        migration(raw)
        raw.execute(f"PRAGMA user_version = {number}")
        raw.execute("COMMIT")
    raw.execute("INSERT INTO meta (key, value) VALUES ('office', '\"kept\"')")
    raw.close()

    store = Store(path)
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert store.meta.get("office") == "kept"
    store.close()
    backup = tmp_path / f"{DB_FILENAME}.before-v{SCHEMA_VERSION}.bak"
    old = sqlite3.connect(backup)
    assert old.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION - 1
    assert old.execute("SELECT value FROM meta WHERE key = 'office'").fetchone() == ('"kept"',)
    old.close()
