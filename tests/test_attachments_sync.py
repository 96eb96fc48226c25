"""Attached files reach the hub whole and once: a real hub on 127.0.0.1 (SQLite and
PostgreSQL), the fault-injecting proxy cutting requests mid-body and altering chunks, a desk
killed mid-upload, and the resolving office downloading the files of a dossier received for
it."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from attachment_files import make_pdf, make_png
from sync_proxy import FaultProxy
from sync_support import OFFICE_A, OFFICE_B, HubServer, intake, make_counter

from counter_app.counter import Counter
from counter_app.models import User
from sync.engine import SyncEngine, SyncResult
from sync.hub import cli as hub_cli
from sync.transport import HubClient

MB = 1024 * 1024
BIG = 20 * MB


@pytest.fixture
def hub(hub_db: str, tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(hub_db, files_root=tmp_path / "hub-files")
    yield server
    server.stop()


@pytest.fixture
def sqlite_hub(tmp_path: Path) -> Iterator[HubServer]:
    """For the heavy 20 MB runs: the upload path is the same on both backends."""
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


@pytest.fixture
def proxy(sqlite_hub: HubServer) -> Iterator[FaultProxy]:
    p = FaultProxy(("127.0.0.1", sqlite_hub.port))
    yield p
    p.close()


def run_sync(c: Counter) -> tuple[SyncResult, int]:
    """One sync; also the attachment bytes this desk put on the wire."""
    settings = c.sync_book.server()
    assert settings is not None
    client = HubClient(settings.url, settings.token, timeout=(2.0, 5.0), retries=1)
    try:
        return SyncEngine(c, client).run(), client.stats.bytes_sent
    finally:
        client.close()


def hub_file(hub: HubServer, sha256: str) -> Path:
    return hub._files_root / sha256[:2] / sha256


def hub_attachments(hub: HubServer, code: str, capsys: pytest.CaptureFixture[str]) -> Any:
    capsys.readouterr()
    assert hub_cli.main(["attachments", "--db", str(hub.db), code, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def desk(tmp_path: Path, hub: HubServer, url: str | None = None) -> tuple[Counter, User]:
    return make_counter(tmp_path / "desk", OFFICE_A, 1, hub, url)


def big_pdf(tmp_path: Path, seed: int = 7) -> Path:
    path = make_pdf(tmp_path / f"scan-{seed}.pdf", pages=2, noise_bytes=BIG, seed=seed)
    assert BIG * 0.9 < path.stat().st_size < BIG * 1.3
    return path


def test_files_reach_the_hub_identical_after_their_dossier_and_once(
    hub: HubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    c, admin = desk(tmp_path, hub)
    code = intake(c, admin, 1)
    pdf, png = make_pdf(tmp_path / "a.pdf", pages=3), make_png(tmp_path / "b.png")
    rows = [
        c.attachments.attach(admin, code, pdf, item=1),
        c.attachments.attach(admin, code, png, item=2),
        c.attachments.attach(admin, code, pdf, item=2),
    ]
    # Dossiers first: no file is due before its dossier's record is acknowledged.
    assert c.attachments.unsent() == []
    result, sent = run_sync(c)
    assert result.ok, result.errors
    assert result.files_sent == 2  # the same scan twice is one file
    for row in rows:
        assert hub_file(hub, row.sha256).read_bytes() == c.attachments.path(row.sha256).read_bytes()
    assert sent < pdf.stat().st_size + png.stat().st_size + 20_000
    assert {a.sync_state for a in c.attachments.of(code)} == {"synced"}
    listed = hub_attachments(hub, code, capsys)
    assert sorted((f["sha256"], f["size"], f["complete"]) for f in listed) == sorted(
        [(r.sha256, r.size, True) for r in rows]
    )

    # The same file on a new dossier: the hub holds it, so no byte of it is sent again.
    other = intake(c, admin, 2)
    c.attachments.attach(admin, other, pdf, item=1)
    result, sent = run_sync(c)
    assert result.ok and result.files_sent == 1
    assert sent < 10_000
    assert [f["complete"] for f in hub_attachments(hub, other, capsys)] == [True]

    # A file the hub lost is sent again by the next desk that attaches it.
    hub_file(hub, rows[0].sha256).unlink()
    c.attachments.attach(admin, other, pdf, item=2)
    result, sent = run_sync(c)
    assert result.ok and result.files_sent == 1
    assert hub_file(hub, rows[0].sha256).read_bytes() == pdf.read_bytes()


def test_a_20_mb_scan_arrives_whole_through_cuts_mid_body(
    sqlite_hub: HubServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    c, admin = desk(tmp_path, sqlite_hub, proxy.url)
    code = intake(c, admin, 1)
    row = c.attachments.attach(admin, code, big_pdf(tmp_path), item=1)
    proxy.fault("cut_mid_body", "/v1/uploads/", count=4, skip=1)
    total, runs = 0, 0
    while True:
        result, sent = run_sync(c)
        total, runs = total + sent, runs + 1
        if result.ok:
            break
        assert runs < 4, result.errors
    assert proxy.injected.count("cut_mid_body") == 4
    assert hashlib.sha256(hub_file(sqlite_hub, row.sha256).read_bytes()).hexdigest() == row.sha256
    assert total <= 1.5 * row.size, (total, row.size)


def test_a_chunk_altered_on_the_way_is_refused_and_sent_again(
    sqlite_hub: HubServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    c, admin = desk(tmp_path, sqlite_hub, proxy.url)
    code = intake(c, admin, 1)
    row = c.attachments.attach(
        admin, code, make_pdf(tmp_path / "a.pdf", noise_bytes=3 * MB), item=1
    )
    proxy.fault("corrupt_body", "/v1/uploads/", count=1)
    result, _ = run_sync(c)
    assert result.ok, result.errors
    assert proxy.injected == ["corrupt_body"]
    assert (
        hub_file(sqlite_hub, row.sha256).read_bytes() == c.attachments.path(row.sha256).read_bytes()
    )


def test_the_hub_refuses_an_altered_chunk_and_a_wrong_whole_file(
    hub: HubServer, tmp_path: Path
) -> None:
    c, admin = desk(tmp_path, hub)
    code = intake(c, admin, 1)
    assert run_sync(c)[0].ok
    settings = c.sync_book.server()
    assert settings is not None
    auth = {"Authorization": f"Bearer {settings.token}"}
    data = os.urandom(300_000)
    claimed = hashlib.sha256(b"something else").hexdigest()
    opened = requests.post(
        hub.url + "/v1/uploads",
        headers=auth,
        timeout=5,
        json={
            "sha256": claimed,
            "size": len(data),
            "dossier_uuid": c.dossiers.get(code).uuid,
            "media_type": "application/pdf",
        },
    ).json()
    url = f"{hub.url}/v1/uploads/{opened['id']}"
    chunk = {**auth, "Content-Type": "application/offset+octet-stream", "Tus-Resumable": "1.0.0"}
    wrong = "sha256 " + __import__("base64").b64encode(hashlib.sha256(b"x").digest()).decode()
    r = requests.patch(
        url,
        data=data[:1000],
        timeout=5,
        headers={**chunk, "Upload-Offset": "0", "Upload-Checksum": wrong},
    )
    assert r.status_code == 460
    assert requests.head(url, headers=auth, timeout=5).headers["Upload-Offset"] == "0"
    r = requests.patch(url, data=data[:1000], timeout=5, headers={**chunk, "Upload-Offset": "5"})
    assert r.status_code == 409 and r.headers["Upload-Offset"] == "0"
    r = requests.patch(url, data=data, timeout=5, headers={**chunk, "Upload-Offset": "0"})
    assert r.status_code == 422  # every byte came, but not the file announced
    assert not hub_file(hub, claimed).exists()
    assert requests.head(url, headers=auth, timeout=5).headers["Upload-Offset"] == "0"
    # Another office's desk cannot read this office's files, nor open uploads for its dossiers.
    token_b = hub.enroll(OFFICE_B, 1)
    r = requests.get(
        f"{hub.url}/v1/files/{claimed}", timeout=5, headers={"Authorization": f"Bearer {token_b}"}
    )
    assert r.status_code == 404


KILLED_DESK = """
import sys
from pathlib import Path
from counter_app.counter import Counter
from sync import file_transfer
from sync.engine import sync_now

half = int(sys.argv[2]) // 2
patch = file_transfer.FileTransfer._patch

def patch_then_stop(self, upload_id, offset, data):
    new = patch(self, upload_id, offset, data)
    if new >= half:
        print("half", flush=True)
        sys.stdin.read()  # blocks until the test kills this process
    return new

file_transfer.FileTransfer._patch = patch_then_stop
sync_now(Counter.open(Path(sys.argv[1])))
"""


def test_a_desk_killed_mid_upload_resumes_without_starting_over(
    sqlite_hub: HubServer, tmp_path: Path
) -> None:
    c, admin = desk(tmp_path, sqlite_hub)
    code = intake(c, admin, 1)
    row = c.attachments.attach(admin, code, big_pdf(tmp_path), item=1)
    child = subprocess.Popen(
        [sys.executable, "-c", KILLED_DESK, str(tmp_path / "desk"), str(row.size)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "half"
        child.send_signal(signal.SIGKILL)
        child.wait(10)
    finally:
        if child.poll() is None:
            child.kill()
    assert not hub_file(sqlite_hub, row.sha256).exists()
    result, sent = run_sync(c)
    assert result.ok, result.errors
    assert (
        hub_file(sqlite_hub, row.sha256).read_bytes() == c.attachments.path(row.sha256).read_bytes()
    )
    assert sent <= row.size // 2 + 2 * MB, (sent, row.size)


def test_the_resolving_office_downloads_the_files_of_a_dossier_received_for_it(
    hub: HubServer, tmp_path: Path
) -> None:
    hub.hub.publish(
        "offices",
        [{"agency_code": OFFICE_A, "name": "Phường A"}, {"agency_code": OFFICE_B, "name": "Xã B"}],
    )
    a, admin_a = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    b, _ = make_counter(tmp_path / "b", OFFICE_B, 1, hub)
    assert run_sync(a)[0].ok
    code = intake(a, admin_a, 1, resolving_unit=OFFICE_B)
    row = a.attachments.attach(
        admin_a, code, make_pdf(tmp_path / "x.pdf", noise_bytes=5 * MB), item=1
    )
    assert run_sync(a)[0].ok
    result, _ = run_sync(b)
    assert result.ok, result.errors
    assert result.files_received == 1
    [got] = b.attachments.of(code)
    assert (got.sha256, got.item, got.kind) == (row.sha256, 1, "intake")
    assert (
        b.attachments.path(row.sha256).read_bytes() == a.attachments.path(row.sha256).read_bytes()
    )
    assert b.check() == []
    assert run_sync(b)[0].files_received == 0


def test_a_download_cut_in_the_middle_resumes_from_what_arrived(
    sqlite_hub: HubServer, proxy: FaultProxy, tmp_path: Path
) -> None:
    sqlite_hub.hub.publish(
        "offices",
        [{"agency_code": OFFICE_A, "name": "Phường A"}, {"agency_code": OFFICE_B, "name": "Xã B"}],
    )
    a, admin_a = make_counter(tmp_path / "a", OFFICE_A, 1, sqlite_hub)
    b, _ = make_counter(tmp_path / "b", OFFICE_B, 1, sqlite_hub, proxy.url)
    assert run_sync(a)[0].ok
    code = intake(a, admin_a, 1, resolving_unit=OFFICE_B)
    row = a.attachments.attach(
        admin_a, code, make_pdf(tmp_path / "x.pdf", noise_bytes=12 * MB), item=1
    )
    assert row.size > 9 * MB  # two ranges of 8 MiB
    assert run_sync(a)[0].ok
    proxy.fault("cut_mid_response", "/v1/files/", count=2, skip=1)
    settings = b.sync_book.server()
    assert settings is not None
    client = HubClient(settings.url, settings.token, timeout=(2.0, 5.0), retries=0)
    try:
        result = SyncEngine(b, client).run()
        received = client.stats.bytes_received
    finally:
        client.close()
    assert result.ok, result.errors
    assert proxy.injected == ["cut_mid_response", "cut_mid_response"]
    assert (
        b.attachments.path(row.sha256).read_bytes() == a.attachments.path(row.sha256).read_bytes()
    )
    # The first range was kept: only the second came again.
    assert received < row.size + 2 * MB, (received, row.size)
