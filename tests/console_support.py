"""The province's console over a real hub: accounts made with `province-hub user add`, a
session kept by hand (requests does not send a Secure cookie over plain http), a mixed set."""

from __future__ import annotations

import io
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import requests
from citizen_support import returned
from forms_helpers import take_in
from sync_support import HubServer

from counter_app import clock
from counter_app.counter import Counter
from counter_app.lifecycle import Status
from counter_app.models import User
from sync.engine import sync_now
from sync.hub import cli as hub_cli

ADMIN, VIEWER, PASSWORD = "so-noi-vu", "xem-so-lieu", "mat-khau-tinh-1"


def province(
    hub: HubServer, *args: str, stdin: str = "", monkeypatch: pytest.MonkeyPatch | None = None
) -> int:
    if monkeypatch is not None:
        monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return hub_cli.main([args[0], "--db", str(hub.db), *args[1:]])


def add_users(hub: HubServer, monkeypatch: pytest.MonkeyPatch) -> None:
    for name, role in ((ADMIN, "administrator"), (VIEWER, "viewer")):
        code = province(
            hub,
            "user",
            "add",
            name,
            "--name",
            f"Cán bộ {name}",
            "--role",
            role,
            stdin=PASSWORD + "\n",
            monkeypatch=monkeypatch,
        )
        assert code == 0


class Console:
    """A logged-in browser, as far as the server can tell."""

    def __init__(self, hub: HubServer, username: str, password: str = PASSWORD) -> None:
        self.hub = hub
        self.login = requests.post(
            f"{hub.url}/tinh/dang-nhap",
            data={"username": username, "password": password},
            allow_redirects=False,
            timeout=30,
        )
        self.cookie = self.login.cookies.get("mc_console", "")
        self.csrf = ""
        if self.cookie:
            self.csrf = csrf_of(self.get("/tinh").text)

    def get(self, path: str, **params: str) -> requests.Response:
        return requests.get(
            self.hub.url + path,
            params=params,
            allow_redirects=False,
            headers={"Cookie": f"mc_console={self.cookie}"},
            timeout=30,
        )

    def post(
        self,
        path: str,
        data: dict[str, str],
        files: dict[str, tuple[str, bytes]] | None = None,
        csrf: str | None = None,
    ) -> requests.Response:
        body = {"csrf": self.csrf if csrf is None else csrf, **data}
        return requests.post(
            self.hub.url + path,
            data=body,
            files=files,
            allow_redirects=False,
            headers={"Cookie": f"mc_console={self.cookie}"},
            timeout=30,
        )


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "no CSRF field on the page"
    return found.group(1)


def mixed_set(c: Counter, clerk: User, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dossiers of one office: returned on time and rated, settled late, one still open."""
    returned(c, clerk)
    late = take_in(c, clerk)
    c.dossiers.change_status(clerk, late.code, Status.PROCESSING)
    assert late.due_at is not None
    after_due = clock.parse_iso(late.due_at) + timedelta(days=2)
    monkeypatch.setenv("COUNTER_APP_NOW", clock.iso(after_due))
    c.dossiers.change_status(clerk, late.code, Status.RESULT_READY)
    monkeypatch.delenv("COUNTER_APP_NOW")
    take_in(c, clerk)
    assert sync_now(c).ok


def calendar_file(tmp_path: Path) -> bytes:
    days = [{"date": "2027-01-04", "kind": "off", "reason": "Nghỉ bù"}]
    return json.dumps({"version": 5, "days": days}).encode()


def period_of(at: datetime) -> tuple[str, str]:
    return (at - timedelta(days=40)).date().isoformat(), (
        at + timedelta(days=40)
    ).date().isoformat()
