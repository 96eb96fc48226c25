"""Sync throughput: 10,000 dossiers pushed over loopback by the engine, against a bare batched
POST of the very same request bodies with requests (same run, a second fresh hub doing the
same storage work). Also bytes on the wire per dossier against uncompressed JSON.

Goals: engine >= 0.5 x the bare POST's throughput; wire bytes <= 1/5 of uncompressed JSON.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import requests

from bench import conditions
from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.models import Office
from counter_app.resources import demo_procedures
from sync import transport
from sync.engine import SyncEngine
from sync.hub.service import Hub
from sync.hub.storage import open_storage

DOSSIERS = int(os.environ.get("BENCH_SYNC_DOSSIERS", "10000"))
AGENCY = "000.00.06.H56"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_hub(db: Path) -> tuple[subprocess.Popen[bytes], str, str]:
    storage = open_storage(db)
    token = Hub(storage).enroll(AGENCY, "1")
    storage.close()
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sync.hub.cli", "serve", "--db", str(db), "--port", str(port)],
        stdout=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    ready = threading.Event()
    while not ready.wait(0.05):
        try:
            if requests.get(url + "/v1/health", timeout=1).ok:
                break
        except requests.RequestException:
            continue
    return proc, url, token


def make_counter(path: Path) -> Counter:
    c = Counter.open(path)
    admin = c.setup(
        Office(agency_code=AGENCY, name="UBND phường Bến Nghé"),
        "Quầy 1",
        "admin",
        "Nguyễn Thị Lan",
        "matkhau-123",
    )
    procs = [p.code for p in demo_procedures()]
    c.catalogue.load_procedures(demo_procedures())
    for start in range(0, DOSSIERS, 1000):
        with c._store.write():  # one transaction per thousand: this is set-up, not the bench
            for n in range(start, min(DOSSIERS, start + 1000)):
                c.dossiers.intake(
                    admin,
                    IntakeRequest(
                        procedure_code=procs[n % len(procs)],
                        full_name=f"Nguyễn Văn Bình {n}",
                        id_number=f"0010901{n % 100000:05d}",
                        phone=f"09{n:08d}",
                        address=f"Số {n} đường Lê Lợi, phường Bến Nghé",
                    ),
                )
    return c


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    print(f"dossiers: {DOSSIERS}")
    made = time.perf_counter()
    c = make_counter(tmp / "counter")
    print(f"set-up (intake of {DOSSIERS}): {time.perf_counter() - made:.1f} s")
    hub_a, url_a, token_a = start_hub(tmp / "hub-a.sqlite3")
    hub_b, url_b, token_b = start_hub(tmp / "hub-b.sqlite3")
    try:
        bodies: list[bytes] = []
        raw_json = 0
        encode = transport.encode_body

        def recording_encode(data: Any) -> bytes:
            nonlocal raw_json
            body = encode(data)
            if isinstance(data, dict) and "records" in data:
                bodies.append(body)
                # Uncompressed JSON: each record's dossier + event, as the core wrote it.
                raw_json += sum(len(r["payload"].encode()) for r in data["records"])
            return body

        transport.encode_body = recording_encode  # type: ignore[assignment]
        client = transport.HubClient(url_a, token_a)
        phases: dict[str, float] = {}

        def progress(phase: str, done: int, total: int) -> None:
            phases.setdefault(phase, time.perf_counter())

        started = time.perf_counter()
        result = SyncEngine(c, client, progress=progress).run()
        ended = time.perf_counter()
        transport.encode_body = encode  # type: ignore[assignment]
        assert result.ok and result.pushed == DOSSIERS, result.errors
        push_s = phases.get("pull", ended) - started
        sent = sum(len(b) for b in bodies)

        session = requests.Session()
        headers = {
            "Authorization": f"Bearer {token_b}",
            "Content-Type": "application/json",
            "Content-Encoding": "gzip",
            "Accept-Encoding": "gzip",
        }
        bare_started = time.perf_counter()
        for body in bodies:
            session.post(
                url_b + "/v1/push", data=body, headers=headers, timeout=60
            ).raise_for_status()
        bare_s = time.perf_counter() - bare_started

        engine_rate, bare_rate = DOSSIERS / push_s, DOSSIERS / bare_s
        print(
            f"engine push: {push_s:.2f} s = {engine_rate:,.0f} dossiers/s "
            f"({len(bodies)} requests); whole run incl. pull + reconcile "
            f"{ended - started:.2f} s"
        )
        print(f"bare POST of the same bodies: {bare_s:.2f} s = {bare_rate:,.0f} dossiers/s")
        print(f"ratio engine/bare: {engine_rate / bare_rate:.2f} (goal >= 0.5)")
        print(conditions.line(tmp))
        print(
            f"wire: {sent / DOSSIERS:,.0f} B/dossier sent (+ {client.stats.bytes_received / DOSSIERS:,.0f} "
            f"B received); uncompressed JSON {raw_json / DOSSIERS:,.0f} B/dossier"
        )
        print(f"ratio wire/uncompressed: {sent / raw_json:.3f} (goal <= 0.2)")
        client.close()
    finally:
        for proc in (hub_a, hub_b):
            proc.terminate()
            proc.wait(10)
        c.close()


if __name__ == "__main__":
    main()
