"""Issue 13, finding 10: the hub token and the receipt-signing key are kept outside the
database (the OS credential store, or a 0600 file where there is none: on this test machine,
the file), so neither a copied database nor a backup holds them; backups are sealed with the
supervisor's passphrase and `restore` asks for it."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from conftest import AGENCY, PASSWORD

from counter_app import signing
from counter_app.counter import Counter
from counter_app.errors import ValidationError
from counter_app.intake import IntakeRequest
from counter_app.models import User
from counter_app.sealed_backup import BackupError, unseal
from counter_app.secret_store import HUB_TOKEN, SIGNING_KEY
from counter_app.store import DB_FILENAME
from counter_app.store.schema import MIGRATIONS, _secrets_out_of_the_database

TOKEN = "hub-token-that-must-not-leak-0123456789"
PASSPHRASE = "một cửa sao lưu 2026"


def _database_bytes(data_dir: Path) -> bytes:
    return b"".join(p.read_bytes() for p in data_dir.glob(f"{DB_FILENAME}*") if p.is_file())


def _take_in(c: Counter, actor: User, name: str) -> str:
    req = IntakeRequest(
        procedure_code="1.001193", full_name=name, id_number="001090123456", phone="0912345678"
    )
    return c.dossiers.intake(actor, req).code


def test_the_token_and_the_signing_key_are_not_in_the_database(
    counter: Counter, supervisor: User, data_dir: Path
) -> None:
    counter.sync_book.set_server("http://127.0.0.1:9", TOKEN)
    key_text = signing.b64url(counter.keys.signing_key().private_bytes_raw())
    counter.close()
    raw = _database_bytes(data_dir)
    assert TOKEN.encode() not in raw
    assert key_text.encode() not in raw
    folder = data_dir / "secrets"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for secret in folder.iterdir():
        assert stat.S_IMODE(secret.stat().st_mode) == 0o600
    again = Counter.open(data_dir)
    try:
        settings = again.sync_book.server()
        assert settings is not None and settings.token == TOKEN
        assert signing.b64url(again.keys.signing_key().private_bytes_raw()) == key_text
    finally:
        again.close()


def test_a_migration_moves_existing_secrets_out(counter: Counter, data_dir: Path) -> None:
    """A database of the previous version, with both secrets in its meta table."""
    counter.sync_book.set_server("http://127.0.0.1:9", TOKEN)
    key_text = signing.b64url(counter.keys.signing_key().private_bytes_raw())
    counter.secrets.delete(HUB_TOKEN)
    counter.secrets.delete(SIGNING_KEY)
    counter.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME, isolation_level=None)
    conn.execute(
        "INSERT INTO meta (key, value) VALUES ('desk_signing_key', ?)", (json.dumps(key_text),)
    )
    conn.execute(
        "UPDATE meta SET value = ? WHERE key = 'sync.server'",
        (json.dumps({"url": "http://127.0.0.1:9", "token": TOKEN, "ca_file": None}),),
    )
    # Back to before the secrets moved out (the later migrations replay harmlessly).
    conn.execute(f"PRAGMA user_version = {MIGRATIONS.index(_secrets_out_of_the_database)}")
    conn.close()

    c = Counter.open(data_dir)
    try:
        assert c.secrets.get(HUB_TOKEN) == TOKEN
        assert c.secrets.get(SIGNING_KEY) == key_text
        settings = c.sync_book.server()
        assert settings is not None and settings.token == TOKEN
    finally:
        c.close()
    conn = sqlite3.connect(data_dir / DB_FILENAME)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    db = (data_dir / DB_FILENAME).read_bytes()
    assert TOKEN.encode() not in db
    assert key_text.encode() not in db


def test_a_backup_needs_the_passphrase_and_holds_no_personal_data_in_clear(
    counter: Counter, supervisor: User, tmp_path: Path
) -> None:
    _take_in(counter, supervisor, "Phạm Thị Hoa")
    target = tmp_path / "usb" / "backup.mcb"
    with pytest.raises(ValidationError, match="backup-passphrase"):
        counter.backups.backup(target)
    with pytest.raises(ValidationError, match="12"):
        counter.backups.set_passphrase(supervisor, "short")
    counter.backups.set_passphrase(supervisor, PASSPHRASE)
    counter.sync_book.set_server("http://127.0.0.1:9", TOKEN)
    counter.backups.backup(target)
    sealed = target.read_bytes()
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not sealed.startswith(b"SQLite format 3")
    assert "Phạm Thị Hoa".encode() not in sealed and b"001090123456" not in sealed
    image = unseal(sealed, PASSPHRASE)
    assert image.startswith(b"SQLite format 3")
    assert TOKEN.encode() not in image  # no secret inside, even once opened
    assert PASSPHRASE.encode() not in image


def test_restore_with_a_wrong_passphrase_or_a_changed_file_changes_nothing(
    counter: Counter, supervisor: User, data_dir: Path, tmp_path: Path
) -> None:
    counter.backups.set_passphrase(supervisor, PASSPHRASE)
    target = tmp_path / "backup.mcb"
    counter.backups.backup(target)
    counter.close()
    before = hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest()
    with pytest.raises(BackupError, match="Sai mật khẩu sao lưu"):
        Counter.restore(data_dir, target, "not the passphrase")
    tampered = bytearray(target.read_bytes())
    tampered[-40] ^= 1
    (tmp_path / "tampered.mcb").write_bytes(bytes(tampered))
    with pytest.raises(BackupError):
        Counter.restore(data_dir, tmp_path / "tampered.mcb", PASSPHRASE)
    (tmp_path / "plain.sqlite3").write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    with pytest.raises(BackupError, match="không phải bản sao lưu Một Cửa"):
        Counter.restore(data_dir, tmp_path / "plain.sqlite3", PASSPHRASE)
    assert hashlib.sha256((data_dir / DB_FILENAME).read_bytes()).hexdigest() == before
    assert sorted(p.name for p in data_dir.iterdir() if "restor" in p.name) == []


def test_backup_and_restore_from_the_command_line(cli: Any, data_dir: Path, tmp_path: Path) -> None:
    assert (
        cli(
            "setup",
            "--agency-code",
            AGENCY,
            "--office-name",
            "UBND",
            "--desk",
            "Quầy 1",
            "--admin",
            "admin",
            "--demo",
        ).code
        == 0
    )
    intake = [
        "intake",
        "--procedure",
        "1.001193",
        "--id-number",
        "001090123456",
        "--phone",
        "0912345678",
        "--name",
    ]
    kept = cli(*intake, "Lê Văn Giữ").out.strip()
    target = tmp_path / "backup.mcb"
    r = cli("backup", "--out", str(target))
    assert r.code == 2 and "backup-passphrase" in r.err
    assert cli("backup-passphrase", COUNTER_APP_BACKUP_PASSPHRASE=PASSPHRASE).code == 0
    assert cli("backup", "--out", str(target)).code == 0
    later = cli(*intake, "Lê Văn Sau").out.strip()
    r = cli("restore", str(target), COUNTER_APP_BACKUP_PASSPHRASE="wrong passphrase!")
    assert r.code == 1 and "Sai mật khẩu sao lưu" in r.err and "Traceback" not in r.err
    assert cli("show", later).code == 0  # nothing changed
    r = cli("restore", str(target), COUNTER_APP_BACKUP_PASSPHRASE=PASSPHRASE)
    assert r.code == 0, r.err
    assert cli("show", kept).code == 0
    assert cli("show", later).code == 1
    assert cli("check").code == 0
    assert list(data_dir.glob(f"{DB_FILENAME}.before-restore-*.bak"))
    c = Counter.open(data_dir)
    try:
        assert c.accounts.login("admin", PASSWORD).username == "admin"
    finally:
        c.close()
