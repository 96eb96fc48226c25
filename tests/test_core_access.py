"""Reads of a citizen's data name a user, as writes do, and are recorded without personal
data (issue 13, finding 12): the command line's `show`, `search` and register export, and the
desktop app's dossier pane."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from counter_app.counter import Counter
from counter_app.errors import AuthError, PermissionDenied
from counter_app.intake import IntakeRequest
from counter_app.models import User
from counter_app.passwords import MAX_FAILED_ATTEMPTS
from counter_app.resources import demo_procedures
from counter_app.store import DB_FILENAME

NAME, ID_NUMBER = "Phạm Thị Hoa", "001090765432"


def take_in(counter: Counter, clerk: User) -> str:
    procedure = next(p for p in demo_procedures() if p.active)
    request = IntakeRequest(
        procedure_code=procedure.code, full_name=NAME, id_number=ID_NUMBER, phone="0912345678"
    )
    return counter.dossiers.intake(clerk, request).code


def access_rows(data_dir: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(data_dir / DB_FILENAME) as conn:
        return conn.execute("SELECT * FROM access_log ORDER BY id").fetchall()


def test_show_and_search_need_a_user_and_are_recorded_without_personal_data(
    counter: Counter, clerk: User, cli: Any, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    code = take_in(counter, clerk)
    uuid = counter.dossiers.get(code).uuid
    monkeypatch.delenv("COUNTER_APP_USER")
    for argv in (
        ["show", code],
        ["search", "hoa"],
        [
            "export",
            "register",
            "--from",
            "2026-01-01",
            "--to",
            "2026-12-31",
            "--out",
            str(data_dir / "r.csv"),
        ],
    ):
        refused = cli(*argv)
        assert refused.code != 0 and "--user" in refused.err and NAME not in refused.out
    assert access_rows(data_dir) == []

    # A locked user reads nothing either.
    for _ in range(MAX_FAILED_ATTEMPTS):
        with pytest.raises(AuthError):
            counter.accounts.login("lan", "wrong")
    locked = cli("--user", "lan", "show", code)
    assert locked.code != 0 and NAME not in locked.out

    shown = cli("--user", "lan", "show", code)
    assert shown.code != 0  # still locked
    assert NAME in cli("--user", "admin", "show", code).out
    assert code in cli("--user", "admin", "search", "hoa").out
    assert cli("--user", "admin", "search", "nobody").code == 0
    rows = access_rows(data_dir)
    assert [(r[2], r[3], r[4]) for r in rows] == [
        ("admin", "view", uuid),
        ("admin", "search", uuid),
        ("admin", "search", None),
    ]
    everything = repr(rows)
    for personal in (NAME, ID_NUMBER, "hoa", "nobody", code):
        assert personal not in everything

    log = cli("--user", "admin", "access-log", "--json").json()
    assert [e["action"] for e in log] == ["search", "search", "view"]
    assert cli("--user", "lan", "access-log").code != 0  # locked, and not a supervisor


def test_the_access_log_is_for_supervisors(counter: Counter, clerk: User, supervisor: User) -> None:
    code = take_in(counter, clerk)
    dossier, events = counter.dossiers.view(clerk, code)
    assert dossier.code == code and [e.kind for e in events] == ["intake"]
    with pytest.raises(PermissionDenied):
        counter.dossiers.access_log(clerk)
    [entry] = counter.dossiers.access_log(supervisor)
    assert (entry.username, entry.action, entry.dossier_uuid) == ("lan", "view", dossier.uuid)
