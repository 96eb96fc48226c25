"""Issue 13, finding 14: files only their owner may read, and a token that need not appear on
a command line (where `ps` and the shell history show it to every local user)."""

from __future__ import annotations

import io
import logging
import os
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sync.hub.storage import open_storage


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_hub_database_is_created_private(tmp_path: Path) -> None:
    db = tmp_path / "hub" / "hub.sqlite3"
    storage = open_storage(db)
    try:
        storage.conn.execute("CREATE TABLE IF NOT EXISTS probe (x)")
        assert _mode(db) == 0o600
        wal = db.with_name(db.name + "-wal")
        assert not wal.exists() or _mode(wal) == 0o600
    finally:
        storage.close()


@pytest.fixture
def restore_hooks() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = sys.excepthook, __import__("threading").excepthook
    yield
    for handler in root.handlers:
        if handler not in handlers:
            handler.close()
    root.handlers[:] = handlers
    root.setLevel(level)
    sys.excepthook, __import__("threading").excepthook = hooks


def test_the_app_log_is_private_in_an_existing_data_folder(
    tmp_path: Path, restore_hooks: None
) -> None:
    from ui.errors import install_excepthook

    data = tmp_path / "data"
    (data / "logs").mkdir(parents=True)
    os.chmod(data / "logs", 0o755)
    (data / "logs" / "app.log").write_text("older lines\n")
    os.chmod(data / "logs" / "app.log", 0o644)
    install_excepthook(data / "logs")
    logging.getLogger("probe").warning("a line")
    assert _mode(data / "logs") == 0o700
    assert _mode(data / "logs" / "app.log") == 0o600
    assert "a line" in (data / "logs" / "app.log").read_text()


def test_a_fresh_log_folder_is_private(tmp_path: Path, restore_hooks: None) -> None:
    from ui.errors import install_excepthook

    install_excepthook(tmp_path / "fresh" / "logs")
    logging.getLogger("probe").warning("a line")
    assert _mode(tmp_path / "fresh" / "logs") == 0o700
    assert _mode(tmp_path / "fresh" / "logs" / "app.log") == 0o600


@pytest.fixture
def office(cli: Any) -> Any:
    r = cli(
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "UBND phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--demo",
    )
    assert r.code == 0, r.err
    return cli


def _token(data_dir: Path) -> str:
    from counter_app.counter import Counter

    c = Counter.open(data_dir)
    try:
        settings = c.sync_book.server()
        assert settings is not None
        return settings.token
    finally:
        c.close()


def test_the_token_can_come_from_a_file(office: Any, data_dir: Path, tmp_path: Path) -> None:
    token_file = tmp_path / "token.txt"
    token_file.write_text("secret-from-file\n")
    r = office("server", "set", "http://127.0.0.1:9", "--token-file", str(token_file))
    assert r.code == 0, r.err
    assert _token(data_dir) == "secret-from-file"


def test_the_token_can_come_from_standard_input(
    office: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("secret-from-stdin\n"))
    r = office("server", "set", "http://127.0.0.1:9", "--token-file", "-")
    assert r.code == 0, r.err
    assert _token(data_dir) == "secret-from-stdin"


def test_a_missing_token_file_is_an_error_in_words(office: Any, tmp_path: Path) -> None:
    r = office("server", "set", "http://127.0.0.1:9", "--token-file", str(tmp_path / "none"))
    assert r.code != 0 and "Traceback" not in r.err
    assert "token" in r.err


def test_setup_takes_the_token_from_a_file(cli: Any, data_dir: Path, tmp_path: Path) -> None:
    token_file = tmp_path / "token.txt"
    token_file.write_text("setup-secret\n")
    r = cli(
        "setup",
        "--agency-code",
        "000.00.06.H56",
        "--office-name",
        "UBND phường Bến Nghé",
        "--desk",
        "Quầy 1",
        "--admin",
        "admin",
        "--server",
        "http://127.0.0.1:9",
        "--token-file",
        str(token_file),
    )
    assert r.code == 0, r.err
    assert _token(data_dir) == "setup-secret"
