"""Attached files over loopback: the desk's resumable upload (8 MiB PATCH chunks with
checksums, the hub fsyncing each and hashing the whole file) against one bare `requests` call
carrying the same number of bytes in a single request to the same hub in the same run (a
PATCH of the whole file: the hub has no other route that takes raw bytes). Then the bytes the
desk sends when 60 % of upload requests are cut in the middle of their body, against the
file's size.

Goals: upload >= 0.5 x the bare request's rate; bytes sent under faults reported as a ratio.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import requests

from bench.bench_sync import AGENCY, start_hub
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.models import Office, User
from counter_app.resources import demo_procedures
from sync.engine import SyncEngine
from sync.file_transfer import FileTransfer
from sync.transport import HubClient

SIZE = int(os.environ.get("BENCH_ATTACH_MB", "20")) * 1024 * 1024
ROUNDS = 3
FAULT_RATE = 0.6
CUT = {1, 2, 4}  # request numbers (mod 5) cut: 60 %


def _pdf(path: Path, size: int) -> Path:
    """A structurally valid PDF padded to `size` bytes with random (incompressible) data."""
    head = b"%PDF-1.4\n1 0 obj\n<< /Type /Page >>\nendobj\n% "
    body = head + os.urandom(size - len(head) - 200).replace(b"\n", b" ") + b"\n"
    xref = len(body)
    path.write_bytes(
        body
        + b"xref\n0 1\n0000000000 65535 f \ntrailer\n<< /Size 1 >>\n"
        + f"startxref\n{xref}\n%%EOF\n".encode()
    )
    return path


def _desk(folder: Path, url: str, token: str) -> tuple[Counter, User]:
    c = Counter.open(folder)
    admin = c.setup(
        Office(agency_code=AGENCY, name="UBND phường Bến Nghé"),
        "Quầy 1",
        "admin",
        "Nguyễn Thị Lan",
        "matkhau-123",
    )
    c.catalogue.load_procedures(demo_procedures())
    c.sync_book.set_server(url, token)
    return c, admin


def _dossier_with_file(c: Counter, admin: User, folder: Path, n: int) -> str:
    code = c.dossiers.intake(
        admin,
        IntakeRequest(
            procedure_code="1.001193",
            full_name=f"Người {n}",
            id_number="001090123456",
            phone="0912345678",
        ),
    ).code
    c.attachments.attach(admin, code, _pdf(folder / f"scan-{n}.pdf", SIZE), item=1)
    return code


def _push_records(c: Counter, url: str, token: str) -> None:
    client = HubClient(url, token)
    try:
        engine = SyncEngine(c, client)
        engine._push()  # the dossiers' records only: the files are what is measured
    finally:
        client.close()


def _upload_rate(c: Counter, url: str, token: str) -> float:
    [row] = c.attachments.unsent()
    client = HubClient(url, token)
    try:
        started = time.perf_counter()
        FileTransfer(c, client).upload(row)
        seconds = time.perf_counter() - started
    finally:
        client.close()
    c.attachments.mark_sent(row.sha256)
    return SIZE / seconds / 1e6


def _bare_rate(c: Counter, url: str, token: str, folder: Path, dossier_uuid: str, n: int) -> float:
    data = _pdf(folder / f"bare-{n}.pdf", SIZE).read_bytes()
    import hashlib

    auth = {"Authorization": f"Bearer {token}"}
    opened = requests.post(
        url + "/v1/uploads",
        headers=auth,
        timeout=30,
        json={
            "sha256": hashlib.sha256(data).hexdigest(),
            "size": len(data),
            "dossier_uuid": dossier_uuid,
            "media_type": "application/pdf",
        },
    ).json()
    headers = {**auth, "Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"}
    started = time.perf_counter()
    r = requests.patch(f"{url}/v1/uploads/{opened['id']}", data=data, headers=headers, timeout=120)
    seconds = time.perf_counter() - started
    assert r.status_code == 204, r.text
    return SIZE / seconds / 1e6


def _bytes_under_faults(c: Counter, admin: User, url: str, token: str, folder: Path) -> float:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
    from sync_proxy import FaultProxy

    class RandomCuts(FaultProxy):
        upload_requests = 0

        def _take(self, path: str, method: str = "") -> str | None:
            if method != "PATCH":
                return None
            self.upload_requests += 1
            # Three of every five requests that carry bytes, in a fixed order.
            if self.upload_requests % 5 in CUT:
                self.injected.append("cut_mid_body")
                return "cut_mid_body"
            return None

    host, port = url.removeprefix("http://").split(":")
    proxy = RandomCuts((host, int(port)))
    try:
        _dossier_with_file(c, admin, folder, 99)
        _push_records(c, url, token)
        sent, runs = 0, 0
        while c.attachments.unsent() and runs < 50:
            client = HubClient(proxy.url, token, timeout=(2.0, 10.0), retries=0)
            try:
                FileTransfer(c, client).upload_all()
            finally:
                sent += client.stats.bytes_sent
                client.close()
            runs += 1
        assert not c.attachments.unsent(), "the file did not arrive"
        print(
            f"  {FAULT_RATE:.0%} of PATCH requests cut mid-body ({len(proxy.injected)} of "
            f"{proxy.upload_requests}), {runs} "
            f"run(s), {sent / 1e6:.1f} MB sent for {SIZE / 1e6:.1f} MB "
            f"= {sent / SIZE:.2f} x the file"
        )
        return sent / SIZE
    finally:
        proxy.close()


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        proc, url, token = start_hub(folder / "hub.sqlite3")
        try:
            c, admin = _desk(folder / "desk", url, token)
            ours, bare = [], []
            for n in range(ROUNDS):
                code = _dossier_with_file(c, admin, folder, n)
                _push_records(c, url, token)
                ours.append(_upload_rate(c, url, token))
                bare.append(_bare_rate(c, url, token, folder, c.dossiers.get(code).uuid, n))
            a, b = statistics.median(ours), statistics.median(bare)
            print(
                f"  {SIZE / 1e6:.0f} MB over loopback, median of {ROUNDS}: resumable upload "
                f"{a:.0f} MB/s, bare single request {b:.0f} MB/s = {a / b:.2f} x "
                f"(goal >= 0.5)"
            )
            _bytes_under_faults(c, admin, url, token, folder)
        finally:
            proc.terminate()
            proc.wait(10)


if __name__ == "__main__":
    main()
