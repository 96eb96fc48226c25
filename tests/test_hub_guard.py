"""A hostile or broken desk against the real hub on loopback, on both backends (issue 13,
findings 1–4): one office must not be able to break, squat on or read another's sync."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from hub_records import desk_code, dossier_snapshot, new_dossier_record, record_of
from sync_support import OFFICE_A, OFFICE_B, HubServer, intake, make_counter

from counter_app.lifecycle import Status
from counter_app.signing import public_key_text, receipt_payload, verify_receipt_payload
from sync.engine import SyncEngine, client_for
from sync.hub.service import new_desk_token
from sync.hub.storage import HubDossier


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    yield server
    server.stop()


def push(hub: HubServer, token: str, records: list[dict[str, Any]]) -> requests.Response:
    return requests.post(
        hub.url + "/v1/push",
        json={"records": records},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def pull(hub: HubServer, token: str, cursor: int = 0) -> dict[str, Any]:
    answer = requests.get(
        hub.url + "/v1/pull",
        params={"cursor": cursor},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert answer.status_code == 200
    return dict(answer.json())


def test_a_bad_record_is_refused_alone_and_office_b_keeps_syncing(
    hub: HubServer, tmp_path: Path
) -> None:
    a1 = hub.enroll(OFFICE_A, 1)
    good = new_dossier_record(OFFICE_A, 1, 1)
    # Finding 1: resolved at office B, without the procedure every desk needs.
    broken = dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 1, 2), "d-broken")
    broken["resolving_unit"] = OFFICE_B
    del broken["procedure_code"]
    bogus = dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 1, 3), "d-bogus")
    bogus["status"] = "bogus_status"
    not_json = dict(new_dossier_record(OFFICE_A, 1, 4), payload="{not json")
    deep = dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 1, 5), "d-deep")
    nested: Any = "x"
    for _ in range(40):
        nested = {"n": nested}
    deep["extra"] = {"n": nested}
    surrogate = record_of(dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 1, 6), "d-sur"), 6)
    surrogate["payload"] = surrogate["payload"].replace('"extra": {}', '"extra": {"x": "\\ud800"}')
    records = [
        good,
        record_of(broken, 2),
        record_of(bogus, 3),
        not_json,
        record_of(deep, 5),
        surrogate,
    ]
    answer = push(hub, a1, records)
    assert answer.status_code == 200
    acks = answer.json()["acks"]
    assert [a["status"] for a in acks] == ["stored"] + ["rejected"] * 5
    assert "procedure_code" in acks[1]["error"]
    assert "status" in acks[2]["error"] and "bogus_status" not in acks[2]["error"]
    assert "not JSON" in acks[3]["error"] and "nested" in acks[4]["error"]

    # Office B's desk syncs as usual: nothing of A's bad records reaches it.
    b, b_admin = make_counter(tmp_path / "b1", OFFICE_B, 1, hub)
    intake(b, b_admin, 1)
    result = SyncEngine(b, client_for(b)).run()
    assert result.ok, result.errors
    assert b.sync_book.runs(1)[0].ok is True
    assert b.dossiers.search(OFFICE_A) == [] and b.sync_book.pending_count() == 0
    b.close()


def test_the_hub_keeps_the_receiving_office_and_code_it_owns(hub: HubServer) -> None:
    a1, b1, a2 = hub.enroll(OFFICE_A, 1), hub.enroll(OFFICE_B, 1), hub.enroll(OFFICE_A, 2)
    # A dossier received for another commune names an office the province published.
    hub.hub.publish(
        "offices", [{"agency_code": OFFICE_A, "name": "A"}, {"agency_code": OFFICE_B, "name": "B"}]
    )
    snapshot = dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 1, 1), "d-1")
    snapshot["resolving_unit"] = OFFICE_B
    [stored] = push(hub, a1, [record_of(snapshot, 1)]).json()["acks"]
    assert stored["status"] == "stored"
    # The resolving office changes the status, and tries to take the dossier over.
    changed = dict(
        snapshot, status="processing", receiving_unit=OFFICE_B, code=desk_code(OFFICE_B, 1, 1)
    )
    [ack] = push(hub, b1, [record_of(changed, 1, stored["version"])]).json()["acks"]
    assert ack["status"] == "stored"
    [change] = pull(hub, a2)["changes"]
    assert change["dossier"]["status"] == "processing"
    assert change["dossier"]["receiving_unit"] == OFFICE_A
    assert change["dossier"]["code"] == desk_code(OFFICE_A, 1, 1)


def test_a_desk_can_only_take_in_codes_of_its_own_prefix(hub: HubServer) -> None:
    a1, b1 = hub.enroll(OFFICE_A, 1), hub.enroll(OFFICE_B, 1)
    # Office A's desk 1 takes B's next code, then its own office's desk 2's next code.
    squat_b = dossier_snapshot(OFFICE_A, desk_code(OFFICE_B, 1, 1), "d-squat-b")
    squat_a2 = dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 2, 1), "d-squat-a2")
    odd = dossier_snapshot(OFFICE_A, f"{OFFICE_A}-x-1001", "d-odd")
    acks = push(hub, a1, [record_of(squat_b, 1), record_of(squat_a2, 2), record_of(odd, 3)]).json()[
        "acks"
    ]
    assert [a["status"] for a in acks] == ["rejected"] * 3
    assert "not of this desk" in acks[0]["error"]
    # B's real dossier with that code is taken in.
    [real] = push(hub, b1, [new_dossier_record(OFFICE_B, 1, 1)]).json()["acks"]
    assert real["status"] == "stored"
    reader = hub.reader()
    try:
        assert {d.code for d in reader.all_dossiers()} == {desk_code(OFFICE_B, 1, 1)}
    finally:
        reader.close()


def test_another_desk_replaying_a_record_uuid_gets_neither_its_answer_nor_its_dossier(
    hub: HubServer,
) -> None:
    a1, b1 = hub.enroll(OFFICE_A, 1), hub.enroll(OFFICE_B, 1)
    snapshot = dossier_snapshot(OFFICE_A, desk_code(OFFICE_A, 1, 1), "d-a")
    [first] = push(hub, a1, [record_of(snapshot, 1)]).json()["acks"]
    hub.hub.set_status(snapshot["code"], Status.PROCESSING)
    # A's change made before it saw the province's: a conflict, answered with A's dossier.
    late = record_of(dict(snapshot, status="withdrawn"), 2, first["version"])
    [conflict] = push(hub, a1, [late]).json()["acks"]
    assert conflict["status"] == "conflict" and conflict["current"]["dossier"]["uuid"] == "d-a"
    # Office B replays A's record UUID (learnt from a log, a proxy, a shared USB stick).
    replay = dict(new_dossier_record(OFFICE_B, 1, 1), uuid=late["uuid"])
    answer = push(hub, b1, [replay])
    assert answer.status_code == 200
    [ack] = answer.json()["acks"]
    assert ack["status"] == "rejected" and "another desk" in ack["error"]
    assert "current" not in ack and "repeat" not in ack and "d-a" not in answer.text
    # A's own resend still gets its first answer.
    [again] = push(hub, a1, [late]).json()["acks"]
    assert again["repeat"] is True and again["version"] == conflict["version"]


def new_key() -> str:
    return public_key_text(Ed25519PrivateKey.generate())


def put_key(hub: HubServer, token: str, key: str) -> requests.Response:
    return requests.put(
        hub.url + "/v1/desk-key",
        json={"public_key": key},
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def test_desk_keys_must_be_ed25519_and_re_enrolment_rotates_them(hub: HubServer) -> None:
    a1, a2 = hub.enroll(OFFICE_A, 1), hub.enroll(OFFICE_A, 2)
    for junk in ["key-one", "", "A" * 43, "x" * 5000, new_key() + "A", "_" * 43]:
        refused = put_key(hub, a1, junk)
        assert refused.status_code == 400, junk
    # 32 bytes that are not a point of the curve.
    assert put_key(hub, a1, "7" + "_" * 42).status_code == 400
    old = new_key()
    assert put_key(hub, a1, old).status_code == 200
    assert put_key(hub, a1, new_key()).status_code == 409  # the same installation: kept

    # The desk is reinstalled and enrolled again: a new token and a new key.
    reinstalled = hub.enroll(OFFICE_A, 1)
    assert put_key(hub, a1, new_key()).status_code == 401  # the old token is revoked
    new = new_key()
    assert put_key(hub, reinstalled, new).status_code == 200
    keys = {k["public_key"]: k for k in pull(hub, a2)["desk_keys"] if k["desk"] == "1"}
    assert set(keys) == {old, new}
    assert keys[old]["valid_until"] is not None and keys[new]["valid_until"] is None
    # The reinstalled desk gets its own retired key (its old receipts), not its current one.
    assert [k["public_key"] for k in pull(hub, reinstalled)["desk_keys"]] == [old]


def test_old_receipts_verify_at_every_desk_after_a_desk_is_reinstalled(
    hub: HubServer, tmp_path: Path
) -> None:
    a1, admin1 = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    code = intake(a1, admin1, 1)
    old_receipt = receipt_payload(a1, a1.dossiers.get(code))
    assert SyncEngine(a1, client_for(a1)).run().ok
    a1.close()
    again, admin_again = make_counter(tmp_path / "a1-new", OFFICE_A, 1, hub)
    # (Its reconciliation differs from the hub's: what a reinstall forgets is finding 8's.)
    SyncEngine(again, client_for(again)).run()
    assert again.sync_book.desk_key_registered()
    new_receipt = receipt_payload(again, again.dossiers.get(intake(again, admin_again, 2)))
    a2, _ = make_counter(tmp_path / "a2", OFFICE_A, 2, hub)
    assert SyncEngine(a2, client_for(a2)).run().ok
    for counter in (a2, again):
        assert verify_receipt_payload(counter, old_receipt).code == code
    assert verify_receipt_payload(a2, new_receipt).desk == "1"
    a2.close()
    again.close()


def test_a_sync_that_raised_is_never_logged_as_ok(hub: HubServer, tmp_path: Path) -> None:
    b, _ = make_counter(tmp_path / "b1", OFFICE_B, 1, hub)
    # A row no push can store any more (written before the hub checked records): a desk that
    # meets it fails, and its log must say so.
    version = hub.storage.next_version()
    with hub.storage.transaction():
        hub.storage.put_dossier(
            HubDossier(
                "d-old",
                "OLD-1",
                OFFICE_B,
                OFFICE_B,
                None,
                "received",
                {"uuid": "d-old", "code": "OLD-1"},
                version,
                "desk:0",
            ),
            "2026-11-25",
        )
    try:
        result = SyncEngine(b, client_for(b)).run()
        ok = result.ok
    except Exception:  # a desk without pull validation raises; either way the log tells
        ok = False
    [run] = b.sync_book.runs(1)
    assert ok is False and run.ok is False and run.errors
    assert json.dumps(run.errors)
    b.close()


def test_a_desk_token_never_reads_as_a_command_line_option() -> None:
    # One token_urlsafe in 64 starts with "-", which `counter-app setup --token T` refused.
    assert not any(new_desk_token().startswith("-") for _n in range(5000))
