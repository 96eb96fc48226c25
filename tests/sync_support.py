"""Test helpers for sync: a real hub served by uvicorn on 127.0.0.1, and real counters."""

from __future__ import annotations

import socket
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests
import uvicorn

from counter_app.counter import Counter
from counter_app.intake import IntakeRequest
from counter_app.models import Office, User
from counter_app.resources import demo_procedures
from sync.hub.app import build_app
from sync.hub.service import Hub
from sync.hub.storage import HubStorage, open_storage

PASSWORD = "matkhau-123"
OFFICE_A = "000.00.06.H56"
OFFICE_B = "000.00.07.H56"
PROCEDURES = [p.code for p in demo_procedures() if p.active]


def wait_for(condition: Callable[[], bool], timeout: float = 15.0, what: str = "") -> None:
    """Poll a condition (not a fixed sleep): returns as soon as it holds."""
    deadline = threading.Event()
    timer = threading.Timer(timeout, deadline.set)
    timer.start()
    try:
        while not condition():
            if deadline.wait(0.01):
                raise AssertionError(f"timed out waiting for {what or condition}")
    finally:
        timer.cancel()


class HubServer:
    """The hub app served by uvicorn in a thread, on a free port of 127.0.0.1."""

    def __init__(
        self,
        db: str | Path,
        files_root: Path | None = None,
        pool_size: int = 10,
        pool_timeout: float = 30.0,
    ) -> None:
        self.db = db
        if files_root is None and str(db).startswith("postgresql"):
            # A PostgreSQL hub names its folder of attached files (PROVINCE_HUB_FILES).
            files_root = Path(tempfile.mkdtemp(prefix="hub-files-"))
        self._files_root = files_root or Path(str(db) + ".files")
        self.storage = open_storage(db, pool_size=pool_size, pool_timeout=pool_timeout)
        self.hub = Hub(self.storage)
        sock = socket.create_server(("127.0.0.1", 0))
        self.port = sock.getsockname()[1]
        app = build_app(self.hub, files_root=self._files_root)
        config = uvicorn.Config(app, log_level="error", access_log=False, lifespan="off")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.thread.start()
        wait_for(self._healthy, what="the hub's /v1/health")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _healthy(self) -> bool:
        try:
            return requests.get(self.url + "/v1/health", timeout=1).json()["ok"] is True
        except (requests.RequestException, ValueError):
            return False

    def enroll(self, agency: str, desk: int) -> str:
        return self.hub.enroll(agency, str(desk))

    def reader(self) -> HubStorage:
        """A separate connection for the test's own reads."""
        return open_storage(self.db)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.storage.close()


def make_counter(
    path: Path, agency: str, desk: int, hub: HubServer | None = None, url: str | None = None
) -> tuple[Counter, User]:
    c = Counter.open(path)
    admin = c.setup(
        Office(agency_code=agency, name=f"UBND {agency}", province_code="79"),
        f"Quầy {desk}",
        "admin",
        "Nguyễn Thị Lan",
        PASSWORD,
        desk_number=desk,
        training=True,
    )
    c.catalogue.load_procedures(demo_procedures())
    if hub is not None:
        c.sync_book.set_server(url or hub.url, hub.enroll(agency, desk))
    return c, admin


def intake(c: Counter, actor: User, n: int, **extra: Any) -> str:
    req = IntakeRequest(
        procedure_code=PROCEDURES[n % len(PROCEDURES)],
        full_name=f"Nguyễn Văn {n}",
        id_number=f"0010901{n % 100000:05d}",
        phone="0912345678",
        **extra,
    )
    return c.dossiers.intake(actor, req).code


def local_state(c: Counter) -> dict[str, Any]:
    """What must match the hub: dossiers (uuid -> code, status) and the records synced."""
    conn = c._store.conn
    dossiers = {
        u: (code, status)
        for u, code, status in conn.execute("SELECT uuid, code, status FROM dossiers")
    }
    records = [
        r[0]
        for r in conn.execute(
            "SELECT uuid FROM outbox WHERE entity = 'dossier' AND state = 'synced'"
        )
    ]
    return {"dossiers": dossiers, "records": records}


def hub_state(hub: HubServer, agency: str | None = None) -> dict[str, Any]:
    storage = hub.reader()
    try:
        dossiers = {
            d.uuid: (d.code, d.status)
            for d in storage.all_dossiers()
            if agency is None or agency in (d.receiving_unit, d.resolving_unit, d.handout_unit)
        }
        return {"dossiers": dossiers, "records": storage.record_uuids()}
    finally:
        storage.close()
