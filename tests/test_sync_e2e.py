"""End to end: a real hub on 127.0.0.1, real counter databases, two offices, several desks."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest
import requests
from sync_support import (
    OFFICE_A,
    OFFICE_B,
    HubServer,
    hub_state,
    intake,
    local_state,
    make_counter,
)

from counter_app.lifecycle import Status
from sync.engine import sync_now
from sync.hub import cli as hub_cli


@pytest.fixture
def hub(tmp_path: Path) -> Iterator[HubServer]:
    server = HubServer(tmp_path / "hub.sqlite3")
    yield server
    server.stop()


def province(hub: HubServer, *args: str) -> int:
    return hub_cli.main([args[0], "--db", str(hub.db), *args[1:]])


def test_offline_intake_sync_province_processing_and_pull_back(
    hub: HubServer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a1, admin_a1 = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    a2, admin_a2 = make_counter(tmp_path / "a2", OFFICE_A, 2, hub)
    b1, admin_b1 = make_counter(tmp_path / "b1", OFFICE_B, 1, hub)
    # Offline: the hub is configured but unreachable (a closed port) while dossiers come in.
    real_url = a1.sync_book.server().url  # type: ignore[union-attr]
    token = a1.sync_book.server().token  # type: ignore[union-attr]
    a1.sync_book.set_server("http://127.0.0.1:9", token)
    codes_a1 = [intake(a1, admin_a1, n) for n in range(5)]
    codes_a2 = [intake(a2, admin_a2, 100 + n) for n in range(3)]
    codes_b1 = [intake(b1, admin_b1, 200 + n) for n in range(4)]
    offline = sync_now(a1, timeout=(1, 1))
    assert not offline.ok and offline.pushed == 0 and offline.pending == 5
    assert "127.0.0.1" not in offline.errors[0] or "connection" in offline.errors[0].lower()
    # The network is not the dossier's fault: it waits, with no error of its own.
    assert a1.dossiers.get(codes_a1[0]).sync_state.value == "waiting"
    assert a1.dossiers.get(codes_a1[0]).sync_error is None
    a1.sync_book.set_server(real_url, token)

    for c in (a1, a2, b1):
        result = sync_now(c)
        assert result.ok, result.errors
        assert result.pending == 0
    assert {a1.dossiers.get(code).sync_state.value for code in codes_a1} == {"synced"}

    province(hub, "stats", "--json")
    stats = json.loads(capsys.readouterr().out)
    assert stats["offices"][OFFICE_A]["dossiers"] == 8
    assert stats["offices"][OFFICE_B]["dossiers"] == 4
    assert stats["records"] == 12

    # Both desks of office A now hold all 8 of its dossiers, office B none of them.
    sync_now(a1)
    assert set(local_state(a1)["dossiers"]) == set(local_state(a2)["dossiers"])
    assert len(local_state(a1)["dossiers"]) == 8
    assert not set(local_state(b1)["dossiers"]) & set(local_state(a1)["dossiers"])

    # The province processes one of A1's dossiers; A1 and A2 see it after their next sync.
    code = codes_a1[0]
    assert province(hub, "status", code, "--to", "processing", "--note", "chuyển phòng") == 0
    assert province(hub, "status", code, "--to", "9") == 0
    for c in (a1, a2):
        result = sync_now(c)
        assert result.ok and result.pulled >= 1
        assert c.dossiers.get(code).status is Status.RESULT_READY
        assert c.dossiers.get(code).sync_state.value == "synced"
    kinds = [(e.username, e.new_status) for e in a1.dossiers.events(code)]
    assert ("province", "processing") in kinds and ("province", "result_ready") in kinds

    # A2 hands out A1's dossier; A1 learns of it.
    a2.dossiers.return_result(admin_a2, code, "Nguyễn Văn 0")
    assert sync_now(a2).ok
    assert sync_now(a1).ok
    assert a1.dossiers.get(code).status is Status.RETURNED

    # A dossier of office B, to be handed out at office A.
    routed = codes_b1[0]
    province(hub, "status", routed, "--to", "result_ready", "--handout-office", OFFICE_A)
    assert sync_now(a1).ok
    assert a1.dossiers.get(routed).status is Status.RESULT_READY
    a1.dossiers.return_result(admin_a1, routed, "Nguyễn Văn 200")
    assert sync_now(a1).ok
    assert sync_now(b1).ok
    assert b1.dossiers.get(routed).status is Status.RETURNED

    # Every record reached the hub exactly once and every dossier matches.
    for c in (a1, a2, b1):
        assert sync_now(c).ok
    hub_now = hub_state(hub)
    assert len(hub_now["records"]) == len(set(hub_now["records"]))
    for c, office in ((a1, OFFICE_A), (a2, OFFICE_A), (b1, OFFICE_B)):
        mine = local_state(c)
        assert set(mine["records"]) <= set(hub_now["records"])
        assert c.sync_book.pending_count() == 0
        assert mine["dossiers"] == {u: v for u, v in hub_state(hub, office)["dossiers"].items()}
        assert c.check() == []
    assert sorted(codes_a1 + codes_a2 + codes_b1) == sorted(
        v[0] for v in hub_now["dossiers"].values()
    )


def test_the_hub_refuses_other_offices_dossiers_and_unknown_tokens(
    hub: HubServer, tmp_path: Path
) -> None:
    a1, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    intake(a1, admin, 1)
    # A desk enrolled for office B but configured as office A: its dossiers are refused.
    a1.sync_book.set_server(hub.url, hub.enroll(OFFICE_B, 5))
    result = sync_now(a1)
    assert not result.ok and result.pushed == 0 and result.pending == 1
    assert "belongs to" in " ".join(result.errors)
    assert hub_state(hub)["dossiers"] == {}

    a1.sync_book.set_server(hub.url, "not-a-token")
    refused = sync_now(a1)
    assert not refused.ok and "401" in refused.errors[0]
    # Whose problem it is, in words: the desk must be enrolled again; the dossier is blameless.
    assert refused.problem == "desk_refused"
    assert refused.errors[0].startswith("Máy chủ tỉnh không nhận mã của quầy này")


def test_wire_is_gzip_json_and_openapi_is_served(hub: HubServer) -> None:
    token = hub.enroll(OFFICE_A, 1)
    body = gzip.compress(json.dumps({"records": []}).encode())
    resp = requests.post(
        hub.url + "/v1/push",
        data=body,
        stream=True,
        headers={
            "Authorization": f"Bearer {token}",
            "Content-Encoding": "gzip",
            "Accept-Encoding": "gzip",
        },
    )
    assert resp.status_code == 200 and resp.json() == {"acks": []}
    spec = requests.get(hub.url + "/openapi.json").json()
    assert spec["openapi"].startswith("3.") and "/v1/push" in spec["paths"]
    assert requests.get(hub.url + "/v1/pull").status_code == 401


def test_published_catalogue_calendar_and_desk_keys_reach_the_desks(
    hub: HubServer, tmp_path: Path
) -> None:
    a1, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    a2, _ = make_counter(tmp_path / "a2", OFFICE_A, 2, hub)
    procedures = [p.to_dict() for p in a1.catalogue.procedures()]
    procedures[0]["name"] = "Thủ tục đã sửa tên ở tỉnh"
    procedures[0]["version"] = 2
    catalogue = tmp_path / "procedures.json"
    catalogue.write_text(json.dumps({"procedures": procedures}, ensure_ascii=False), "utf-8")
    calendar = tmp_path / "calendar.json"
    calendar.write_text(
        json.dumps(
            {
                "version": 3,
                "days": [
                    {"date": "2027-01-04", "kind": "off", "reason": "Nghỉ bù"},
                    {"date": "2027-01-09", "kind": "work", "reason": "Làm bù"},
                ],
            }
        ),
        "utf-8",
    )
    assert province(hub, "publish-procedures", str(catalogue)) == 0
    assert province(hub, "publish-calendar", str(calendar)) == 0

    assert sync_now(a2).ok  # registers desk 2's key
    assert sync_now(a1).ok
    assert a1.catalogue.procedure(procedures[0]["code"]).name == "Thủ tục đã sửa tên ở tỉnh"
    assert a1.calendar_book.published_version() == 3
    assert not a1.calendar_book.current().is_working_day(date(2027, 1, 4))
    assert a1.calendar_book.current().is_working_day(date(2027, 1, 9))
    assert a1.sync_book.known_versions() == {"procedures": 1, "calendar": 1}
    assert [(k.desk, k.agency_code) for k in a1.keys.known()] == [("2", OFFICE_A)]
    # Nothing new published: the next pull does not send the catalogue again.
    a1.catalogue.load_procedures(
        [replace(a1.catalogue.procedure(procedures[0]["code"]), name="local")]
    )
    intake(a1, admin, 1)
    assert sync_now(a1).ok
    assert a1.catalogue.procedure(procedures[0]["code"]).name == "local"
    # Only the hash of a token is stored at the hub.
    token = a1.sync_book.server().token  # type: ignore[union-attr]
    for f in tmp_path.glob("hub.sqlite3*"):
        assert token.encode() not in f.read_bytes()


def test_change_made_at_both_ends_is_a_conflict_shown_to_the_supervisor(
    hub: HubServer, tmp_path: Path
) -> None:
    a1, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    code = intake(a1, admin, 1)
    assert sync_now(a1).ok
    # Offline at the desk: the citizen withdraws. Meanwhile the province finishes the dossier.
    a1.dossiers.change_status(admin, code, Status.WITHDRAWN, note="công dân rút")
    province(hub, "status", code, "--to", "processing")
    province(hub, "status", code, "--to", "result_ready")
    result = sync_now(a1)
    assert result.ok and result.conflicts == 1 and result.pending == 0
    # Never decided by the clock: the province's processing stands, the desk's change is
    # kept in the hub's history and the supervisor sees both.
    assert a1.dossiers.get(code).status is Status.RESULT_READY
    [conflict] = a1.sync_book.conflicts()
    assert (conflict.code, conflict.local_status, conflict.remote_status) == (
        code,
        "withdrawn",
        "result_ready",
    )
    storage = hub.reader()
    assert storage.stats()["conflicts"] == 1
    assert "withdrawn" in [e.new_status for e in a1.dossiers.events(code)]
    storage.close()
    # The same conflict is not recorded twice by later runs; resolving closes it.
    assert sync_now(a1).conflicts == 0
    a1.sync_book.resolve_conflict(admin, conflict.id)
    assert a1.sync_book.conflicts() == []
    assert len(a1.sync_book.conflicts(open_only=False)) == 1


def test_pull_keeps_an_unacknowledged_local_change(hub: HubServer, tmp_path: Path) -> None:
    a1, admin1 = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    a2, admin2 = make_counter(tmp_path / "a2", OFFICE_A, 2, hub)
    code = intake(a1, admin1, 1)
    assert sync_now(a1).ok and sync_now(a2).ok
    a2.dossiers.change_status(admin2, code, Status.PROCESSING)  # not yet sent
    a1.dossiers.change_status(admin1, code, Status.STOPPED)
    assert sync_now(a1).ok
    # Pull only (the push of a2's change fails): its local change must survive the pull.
    a2._store.conn.execute("UPDATE outbox SET next_attempt_at = '9999' WHERE state != 'synced'")
    pulled = sync_now(a2, force=False)
    assert pulled.conflicts == 1
    assert a2.dossiers.get(code).status is Status.PROCESSING
    # Once sent, the hub (which has a1's stop) answers conflict and a2 takes the hub's state.
    assert sync_now(a2).ok
    assert a2.dossiers.get(code).status is Status.STOPPED
    assert len(a2.sync_book.conflicts()) == 1


def test_reconciliation_finds_what_the_hub_lost_and_resends_it(
    hub: HubServer, tmp_path: Path
) -> None:
    a1, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    codes = [intake(a1, admin, n) for n in range(3)]
    assert sync_now(a1).ok
    # The hub loses one dossier and its record (say, restored from an older backup).
    lost = a1.dossiers.get(codes[1]).uuid
    storage = hub.reader()
    with storage.transaction():
        storage.conn.execute("DELETE FROM records WHERE dossier_uuid = ?", (lost,))
        storage.conn.execute("DELETE FROM events WHERE dossier_uuid = ?", (lost,))
        storage.conn.execute("DELETE FROM dossiers WHERE uuid = ?", (lost,))
    storage.close()
    result = sync_now(a1)
    assert result.ok, result.errors
    assert result.repaired == 3  # the whole day was sent again; the hub kept the others once
    state = hub_state(hub)
    assert lost in state["dossiers"] and len(state["records"]) == 3
    assert local_state(a1)["dossiers"] == state["dossiers"]
