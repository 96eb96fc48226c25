"""Hub processes of their own (`province-hub serve`), as a province runs them: started, killed
with SIGKILL, restarted on the same port, stopped; and a reader of their shared database."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
from pathlib import Path

import requests
from sync_support import wait_for

from sync.hub.service import Hub
from sync.hub.storage import HubStorage, open_storage


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class HubProcess:
    def __init__(self, db: str, workers: int = 1, port: int | None = None) -> None:
        self.db, self.workers = db, workers
        self.port = port or free_port()
        self.proc: subprocess.Popen[bytes] | None = None
        self.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [
                str(Path(sys.executable).parent / "province-hub"),
                "serve",
                "--db",
                self.db,
                "--port",
                str(self.port),
                "--workers",
                str(self.workers),
                "--pool-size",
                "4",
                "--log-level",
                "error",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        wait_for(self._healthy, 60, f"hub process on port {self.port}")

    def _healthy(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise AssertionError(f"hub process ended: {self.proc.stderr.read().decode()}")  # type: ignore[union-attr]
        try:
            return requests.get(self.url + "/v1/ready", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, open transactions die with the process."""
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()


class SharedDb:
    """What `hub_state` needs: a reader of the database the processes share."""

    def __init__(self, db: str) -> None:
        self.db = db

    def reader(self) -> HubStorage:
        return open_storage(self.db)

    def enroll(self, agency: str, desk: int) -> str:
        storage = open_storage(self.db)
        try:
            return Hub(storage).enroll(agency, str(desk))
        finally:
            storage.close()
