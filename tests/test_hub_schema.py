"""The hub's schema is versioned on both backends: `migrate` creates and upgrades it, every
command refuses a newer schema in words, a PostgreSQL database must be migrated before use,
and a pilot's SQLite file from before versioning carries on with its data."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from sync.hub import cli as hub_cli
from sync.hub.storage import SchemaError, is_postgres, open_storage
from sync.hub.storage_migrations import SCHEMA_VERSION, SQLITE, statements


def set_schema_version(db: str, version: int) -> None:
    if is_postgres(db):
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("UPDATE hub_schema SET version = %s", (version,))
    else:
        with sqlite3.connect(db) as conn:
            conn.execute("UPDATE hub_schema SET version = ?", (version,))
        conn.close()


def test_migrate_is_idempotent_and_a_newer_schema_is_refused_in_words(
    hub_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert hub_cli.main(["migrate", "--db", hub_db]) == 0
    assert hub_cli.main(["migrate", "--db", hub_db]) == 0
    assert f"lược đồ số {SCHEMA_VERSION}" in capsys.readouterr().out
    assert hub_cli.main(["enroll", "--db", hub_db, "--agency-code", "X", "--desk", "1"]) == 0
    capsys.readouterr()

    set_schema_version(hub_db, SCHEMA_VERSION + 1)
    assert hub_cli.main(["serve", "--db", hub_db, "--port", "1"]) == 1
    err = capsys.readouterr().err
    assert f"lược đồ số {SCHEMA_VERSION + 1}, mới hơn chương trình này (số {SCHEMA_VERSION})" in err
    assert hub_cli.main(["stats", "--db", hub_db]) == 1
    assert hub_cli.main(["migrate", "--db", hub_db]) == 1  # never downgraded either
    with pytest.raises(SchemaError):
        open_storage(hub_db)


def test_a_postgresql_database_is_served_only_once_migrated(
    pg_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert hub_cli.main(["serve", "--db", pg_url, "--port", "1"]) == 1
    assert "chạy 'province-hub migrate --db URL' trước" in capsys.readouterr().err
    assert hub_cli.main(["migrate", "--db", pg_url]) == 0
    assert hub_cli.main(["enroll", "--db", pg_url, "--agency-code", "X", "--desk", "1"]) == 0
    assert hub_cli.main(["stats", "--db", pg_url, "--json"]) == 0
    assert '"desks": 1' in capsys.readouterr().out


def test_an_unreachable_postgresql_database_is_reported_in_words(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"postgresql://postgres@/nothing?host={tmp_path}&connect_timeout=1"
    assert hub_cli.main(["stats", "--db", url]) == 1
    assert "không kết nối được cơ sở dữ liệu của máy chủ tỉnh" in capsys.readouterr().err


def test_a_pilot_file_from_before_versioning_is_migrated_with_its_data(tmp_path: Path) -> None:
    db = tmp_path / "hub.sqlite3"
    with sqlite3.connect(db) as conn:
        for statement in statements(SQLITE[0][1]):
            conn.execute(statement)
        conn.execute(
            "INSERT INTO desks (agency_code, desk, token_hash, enrolled_at) "
            "VALUES ('X', '1', 'h', '2026-01-01')"
        )
    conn.close()
    storage = open_storage(db)
    try:
        assert storage.schema_version() == SCHEMA_VERSION
        assert storage.stats()["desks"] == 1
    finally:
        storage.close()
