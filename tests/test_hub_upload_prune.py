"""The hub drops uploads opened and never finished (a desk replaced, a file deleted before it
was sent): their staging files and rows go after a limit, a completed file never does. A real
hub on 127.0.0.1, on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
import os
import socket
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from attachment_files import make_pdf
from sync_support import OFFICE_A, HubServer, intake, make_counter, wait_for
from test_attachments_sync import hub_attachments, hub_file, run_sync

from counter_app import clock
from sync.file_transfer import UPLOADS, FileTransfer
from sync.hub import cli as hub_cli
from sync.hub.app import build_app
from sync.hub.service import Hub
from sync.hub.storage import open_storage
from sync.hub.storage_sql import SqlHubStorage
from sync.hub.storage_uploads import Upload, UploadTable
from sync.transport import HubClient


@pytest.fixture
def hub(hub_db: str, tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(hub_db, files_root=tmp_path / "hub-files")
    yield server
    server.stop()


def prune(hub: HubServer, *extra: str) -> int:
    args = ["prune-uploads", "--db", str(hub.db), "--files", str(hub._files_root), *extra]
    return hub_cli.main(args)


def test_abandoned_uploads_go_after_the_limit_and_completed_files_stay(
    hub: HubServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    c, admin = make_counter(tmp_path / "desk", OFFICE_A, 1, hub)
    code = intake(c, admin, 1)
    sent = c.attachments.attach(admin, code, make_pdf(tmp_path / "a.pdf", seed=1), item=1)
    result, _sent_bytes = run_sync(c)
    assert result.errors == [] and result.files_sent == 1
    assert hub_file(hub, sent.sha256).is_file()

    # Another file: opened at the hub, half sent, then the desk never comes back.
    data = make_pdf(tmp_path / "b.pdf", pages=3, noise_bytes=60_000, seed=2).read_bytes()
    settings = c.sync_book.server()
    assert settings is not None
    client = HubClient(settings.url, settings.token, timeout=(2.0, 5.0), retries=1)
    try:
        state: dict[str, Any] = client._call(
            "POST",
            UPLOADS,
            body={
                "sha256": hashlib.sha256(data).hexdigest(),
                "size": len(data),
                "dossier_uuid": c.dossiers.get(code).uuid,
                "media_type": "application/pdf",
            },
        )
        half = len(data) // 2
        assert FileTransfer(c, client)._patch(str(state["id"]), 0, data[:half]) == half
    finally:
        client.close()
    staging = hub._files_root / "incoming"
    part = staging / f"{state['id']}.part"
    assert part.stat().st_size == half
    stray = staging / "left-by-a-crash.part"  # a staging file whose row is gone
    stray.write_bytes(b"x" * 10)
    old = (clock.now() - timedelta(days=8)).timestamp()
    os.utime(stray, (old, old))

    later = clock.iso(clock.now() + timedelta(days=8))
    monkeypatch.setenv("COUNTER_APP_NOW", later)
    capsys.readouterr()
    assert prune(hub, "--older-than-days", "30") == 0
    assert "Đã xóa 0 tệp tải lên dở dang" in capsys.readouterr().out
    assert part.exists()

    assert prune(hub) == 0  # the default: 7 days
    assert "Đã xóa 1 tệp tải lên dở dang" in capsys.readouterr().out
    assert not part.exists() and not stray.exists()
    assert hub_file(hub, sent.sha256).read_bytes() == c.attachments.path(sent.sha256).read_bytes()
    [row] = hub_attachments(hub, code, capsys)
    assert row["sha256"] == sent.sha256 and row["complete"] is True
    # The upload's row is gone: the hub no longer knows the id.
    capsys.readouterr()
    assert prune(hub) == 0
    assert "Đã xóa 0 tệp tải lên dở dang" in capsys.readouterr().out
    c.close()


def test_a_bad_limit_is_refused_in_words(
    hub: HubServer, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert prune(hub, "--older-than-days", "0") == 1
    assert "số ngày dương" in capsys.readouterr().err
    monkeypatch.setenv("PROVINCE_HUB_UPLOAD_MAX_AGE_DAYS", "một tuần")
    assert prune(hub) == 1
    assert "PROVINCE_HUB_UPLOAD_MAX_AGE_DAYS" in capsys.readouterr().err


def test_the_serving_hub_prunes_abandoned_uploads_at_start(hub_db: str, tmp_path: Path) -> None:
    """`province-hub serve` does the same by itself: at start, then every 6 hours."""
    storage = open_storage(hub_db)
    hub = Hub(storage)
    desk = hub.authenticate(hub.enroll(OFFICE_A, "1"))
    assert desk is not None and isinstance(storage, SqlHubStorage)
    table = UploadTable(storage)
    old = clock.iso(clock.now() - timedelta(days=9))
    stale = table.open(
        Upload("stale-1", desk.id, "a" * 64, 10, "d-1", "application/pdf", 0, False), old
    )
    done = Upload("done-1", desk.id, "b" * 64, 10, "d-1", "application/pdf", 10, True)
    table.link(done, old)
    root = tmp_path / "hub-files"
    part = root / "incoming" / f"{stale.id}.part"
    part.parent.mkdir(parents=True)
    part.write_bytes(b"half")
    sock = socket.create_server(("127.0.0.1", 0))
    app = build_app(hub, files_root=root)
    server = uvicorn.Server(uvicorn.Config(app, log_level="error", lifespan="on"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    try:
        wait_for(lambda: not part.exists(), what="the abandoned upload's staging file pruned")
        assert table.get(stale.id) is None
        kept = table.get(done.id)
        assert kept is not None and kept.complete
    finally:
        server.should_exit = True
        thread.join(10)
        storage.close()
