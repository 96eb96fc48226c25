"""The hub's rules without HTTP, on both backends: idempotent answers, authorisation, province
changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sync_support import OFFICE_A, OFFICE_B, intake, make_counter

from counter_app.errors import NotFound, TransitionError
from counter_app.lifecycle import Status
from counter_app.signing import public_key_text
from sync.engine import wire_record
from sync.hub.service import Hub
from sync.hub.storage import open_storage
from sync.protocol import text_hash


def new_public_key() -> str:
    return public_key_text(Ed25519PrivateKey.generate())


def test_a_repeated_record_gets_its_first_answer_and_changes_nothing(
    tmp_path: Path, hub_db: str
) -> None:
    storage = open_storage(hub_db)
    hub = Hub(storage)
    desk = hub.authenticate(hub.enroll(OFFICE_A, "1"))
    assert desk is not None and hub.authenticate("wrong") is None
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1)
    intake(c, admin, 1)
    [record] = [wire_record(r) for r in c.sync_book.batch(10)]
    [first] = hub.push(desk, [record])
    assert first["status"] == "stored" and first["hash"] == text_hash(record["payload"])
    # The same UUID again, even with other content: the first answer, nothing re-applied.
    tampered = dict(record, payload=record["payload"].replace('"received"', '"stopped"'))
    [again] = hub.push(desk, [tampered])
    assert again == {**first, "repeat": True}
    assert storage.stats()["records"] == 1 and storage.stats()["by_status"] == {"received": 1}

    other = hub.authenticate(hub.enroll(OFFICE_B, "1"))
    assert other is not None
    fresh = dict(record, uuid="another-record-uuid")
    [refused] = hub.push(other, [fresh])
    assert refused["status"] == "rejected" and "not handled by office" in refused["error"]
    [malformed] = hub.push(desk, [{"uuid": "x", "payload": "{not json"}])
    assert malformed["status"] == "rejected"
    storage.close()


def test_province_status_changes_are_checked_and_versioned(tmp_path: Path, hub_db: str) -> None:
    storage = open_storage(hub_db)
    hub = Hub(storage)
    desk = hub.authenticate(hub.enroll(OFFICE_A, "1"))
    assert desk is not None
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1)
    code = intake(c, admin, 1)
    [ack] = hub.push(desk, [wire_record(r) for r in c.sync_book.batch(10)])
    changed = hub.set_status(code, Status.RESULT_READY, handout_unit=OFFICE_B)
    assert changed.version > ack["version"] and changed.data["result_at"]
    with pytest.raises(TransitionError):
        hub.set_status(code, Status.PROCESSING)
    with pytest.raises(NotFound):
        hub.set_status("no-such-code", Status.PROCESSING)
    # Routed: office B's desk now sees it in its pull, with the province's event.
    b_desk = hub.authenticate(hub.enroll(OFFICE_B, "1"))
    assert b_desk is not None
    page = hub.pull(b_desk, 0, 100, {})
    assert [ch["dossier"]["code"] for ch in page["changes"]] == [code]
    assert [e["username"] for e in page["changes"][0]["events"]] == ["admin", "province"]
    assert json.dumps(page, ensure_ascii=False)
    # Office A's desk does not get its own change echoed, only the province's.
    assert [ch["version"] for ch in hub.pull(desk, ack["version"], 100, {})["changes"]] == [
        changed.version
    ]
    storage.close()


def test_one_push_takes_a_dossier_in_changes_it_and_answers_a_repeat_within_itself(
    tmp_path: Path, hub_db: str
) -> None:
    storage = open_storage(hub_db)
    hub = Hub(storage)
    desk = hub.authenticate(hub.enroll(OFFICE_A, "1"))
    assert desk is not None
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1)
    code = intake(c, admin, 1)
    c.dossiers.change_status(admin, code, Status.PROCESSING)
    intake_record, change_record = [wire_record(r) for r in c.sync_book.batch(10)]
    acks = hub.push(desk, [intake_record, change_record, intake_record])
    assert [a["status"] for a in acks] == ["stored", "stored", "stored"]
    assert acks[0]["version"] < acks[1]["version"]
    assert acks[2] == {**acks[0], "repeat": True}
    [d] = storage.all_dossiers()
    assert d.status == "processing" and d.version == acks[1]["version"]
    assert storage.stats()["records"] == 2 and storage.stats()["events"] == 2
    storage.close()


def test_a_desk_keeps_its_first_signing_key_even_against_a_racing_registration(
    hub_db: str,
) -> None:
    storage = open_storage(hub_db)
    hub = Hub(storage)
    token = hub.enroll(OFFICE_A, "1")
    # Two requests authenticated before either registered (two hub processes at once).
    first, second = hub.authenticate(token), hub.authenticate(token)
    assert first is not None and second is not None
    key_one, key_two = new_public_key(), new_public_key()
    assert hub.register_key(first, key_one) is True
    assert hub.register_key(second, key_two) is False
    again = hub.authenticate(token)
    assert again is not None and again.public_key == key_one
    assert hub.register_key(again, key_one) is True
    storage.close()
