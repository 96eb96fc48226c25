"""Quản trị → Cơ quan → "Khôi phục từ bản sao lưu…": the restore runs on the database worker
(its connection closed meanwhile), then recovery from a real hub on 127.0.0.1 on the network
worker, with a clear message at the end (issue 13, finding 8)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import AGENCY, PASSWORD
from pytestqt.qtbot import QtBot
from sync_support import HubServer, intake

from counter_app.counter import Counter
from counter_app.models import Dossier
from sync.engine import sync_now
from ui import operations as ops
from ui.context import AppContext
from ui.pages.admin import AdminPage

PASSPHRASE = "một cửa sao lưu 2026"
TIMEOUT = 60_000


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


def _backup_then_take_in(data_dir: Path, hub: HubServer, backup: Path) -> str:
    """Y synced and backed up, then X taken in and synced: X is what the backup lacks."""
    c = Counter.open(data_dir)
    try:
        admin = c.accounts.login("admin", PASSWORD)
        c.sync_book.set_server(hub.url, hub.enroll(AGENCY, 1))
        intake(c, admin, 1)
        assert sync_now(c).ok
        c.backups.set_passphrase(admin, PASSPHRASE)
        c.backups.backup(backup)
        x = intake(c, admin, 2)
        assert sync_now(c).ok
        return x
    finally:
        c.close()


def _read_on_the_worker(ctx: AppContext, qtbot: QtBot, code: str) -> Dossier:
    """The dossier as the app's database worker reads it (after a restore, its reopened file)."""
    seen: list[Dossier] = []
    ops.dossier(ctx, code=code).success(seen.append).run()
    qtbot.waitUntil(lambda: bool(seen), timeout=TIMEOUT)
    return seen[0]


def test_restore_from_quan_tri_takes_back_from_the_hub(
    supervisor_ctx: AppContext, data_dir: Path, tmp_path: Path, hub: HubServer, qtbot: QtBot
) -> None:
    backup = tmp_path / "desk.mcb"
    x = _backup_then_take_in(data_dir, hub, backup)
    page = AdminPage(supervisor_ctx)
    qtbot.addWidget(page)
    page.show()
    office = page.office
    with qtbot.waitSignal(office.restore_finished, timeout=TIMEOUT) as finished:
        office.restore_from(backup, PASSPHRASE)
        assert not office.restore_button.isEnabled()  # one restore at a time
    assert "lấy lại 1 hồ sơ" in finished.args[0]
    assert office.restore_button.isEnabled() and office.restore_progress.isHidden()
    # The database worker opened the restored file again: X is back, the mark is lifted.
    assert _read_on_the_worker(supervisor_ctx, qtbot, x).code == x
    c = Counter.open(data_dir)
    try:
        assert not c.sync_book.recovery.needed()
    finally:
        c.close()


def test_a_wrong_passphrase_says_so_and_changes_nothing(
    supervisor_ctx: AppContext, data_dir: Path, tmp_path: Path, hub: HubServer, qtbot: QtBot
) -> None:
    backup = tmp_path / "desk.mcb"
    x = _backup_then_take_in(data_dir, hub, backup)
    page = AdminPage(supervisor_ctx)
    qtbot.addWidget(page)
    office = page.office
    with qtbot.waitSignal(office.restore_finished, timeout=TIMEOUT) as finished:
        office.restore_from(backup, "not the passphrase at all")
    assert "Sai mật khẩu" in finished.args[0]
    # X still here: the database was not replaced.
    assert _read_on_the_worker(supervisor_ctx, qtbot, x).code == x
