"""Issue 13 finding 11 at the hub: each desk's event chain must continue the copy the hub holds,
under a head signed with the desk's key. A real hub on loopback, on SQLite and PostgreSQL."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from sync_support import OFFICE_A, HubServer, intake, make_counter
from test_security_chain import rechain

from counter_app.event_chain import ChainHead, sign_head
from sync.engine import client_for, sync_now, wire_record
from sync.errors import ChainRefused


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    server = HubServer(hub_db)
    yield server
    server.stop()


def hub_head(hub: HubServer, c: object) -> ChainHead | None:
    held = client_for(c).chain_head()  # type: ignore[arg-type]
    return None if held is None else ChainHead(int(held["seq"]), str(held["hash"]))


def test_a_desk_starts_its_chain_and_continues_it(hub: HubServer, tmp_path: Path) -> None:
    c, admin = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    assert hub_head(hub, c) is None  # never pushed: no chain yet
    intake(c, admin, 1)
    intake(c, admin, 2)
    assert sync_now(c).ok
    assert hub_head(hub, c) == c.event_chain.head() == c.event_chain.hub_head()
    assert c.event_chain.head().seq == 2
    intake(c, admin, 3)
    assert sync_now(c).ok
    assert hub_head(hub, c) == c.event_chain.head() and c.event_chain.head().seq == 3
    assert c.check() == []


def test_a_desk_whose_history_was_rewritten_is_refused_and_the_hub_keeps_its_state(
    hub: HubServer, tmp_path: Path
) -> None:
    """Edited behind the app and re-chained with the code but without the key: the hub's copy
    of the chain no longer continues, and the push is refused whole."""
    c, admin = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    intake(c, admin, 1)
    intake(c, admin, 2)
    assert sync_now(c).ok
    held = hub_head(hub, c)
    conn: sqlite3.Connection = c._store.conn
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET username = 'someone' WHERE chain_seq = 1")
    conn.execute(
        "CREATE TRIGGER events_no_update BEFORE UPDATE OF uuid, dossier_id, at, username, kind, "
        "old_status, new_status, note, data ON events "
        "BEGIN SELECT RAISE(ABORT, 'events are append-only'); END"
    )
    rechain(conn)
    code = intake(c, admin, 3)
    result = sync_now(c)
    assert not result.ok
    assert any("HTTP 409" in e and "không nối tiếp chuỗi" in e for e in result.errors), (
        result.errors
    )
    assert hub_head(hub, c) == held  # the hub kept its state
    assert code not in {d.code for d in hub.reader().all_dossiers()}
    assert any("viết lại" in p for p in c.check())


def test_a_head_signed_with_another_key_is_refused(hub: HubServer, tmp_path: Path) -> None:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    c, admin = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    intake(c, admin, 1)
    assert sync_now(c).ok
    held = hub_head(hub, c)
    intake(c, admin, 2)
    [record] = c.sync_book.batch(10)
    head = ChainHead(int(record.chain_seq or 0), str(record.chain_hash))
    desk = c.event_chain.desk_uuid()
    forged = {**head.to_dict(), "desk": desk}
    forged["signature"] = sign_head(Ed25519PrivateKey.generate(), desk, head)
    client = client_for(c)
    with pytest.raises(ChainRefused, match="chữ ký") as refused:
        client.push_chained([wire_record(record)], forged)
    assert refused.value.status == 409
    assert hub_head(hub, c) == held
    # Without any head, once the chain has started: refused too.
    with pytest.raises(ChainRefused, match="phải kèm chuỗi"):
        client.push_chained([wire_record(record)], None)
    # Signed with the desk's own key: taken.
    acks, answer = client.push_chained([wire_record(record)], c.event_chain.signed(head))
    assert [a["status"] for a in acks] == ["stored"] and answer == head.to_dict()


def test_a_restored_desk_adopts_the_hubs_head_and_continues(hub: HubServer, tmp_path: Path) -> None:
    """What `restore` does (branch restore-sync): take the head the hub holds, then write on."""
    c, admin = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    intake(c, admin, 1)
    assert sync_now(c).ok
    backup = tmp_path / "backup.sqlite3"
    c._store.backup(backup)
    intake(c, admin, 2)
    assert sync_now(c).ok
    held = hub_head(hub, c)
    assert held is not None and held.seq == 2
    c.close()
    (tmp_path / "a" / "counter.sqlite3").unlink()
    for suffix in ("-wal", "-shm"):
        (tmp_path / "a" / f"counter.sqlite3{suffix}").unlink(missing_ok=True)
    backup.rename(tmp_path / "a" / "counter.sqlite3")
    from counter_app.counter import Counter

    restored = Counter.open(tmp_path / "a")
    try:
        assert restored.event_chain.head().seq == 1  # behind the hub
        restored.event_chain.adopt_chain_head(held.seq, held.hash)
        intake(restored, admin, 3)
        # Its code may repeat the lost dossier's (restore-sync's part); its link is taken.
        sync_now(restored)
        assert hub_head(hub, restored) == restored.event_chain.head()
        assert restored.event_chain.head().seq == 3
        assert restored.check() == []
    finally:
        restored.close()


def test_a_reinstalled_desk_enrolled_again_starts_a_new_chain(
    hub: HubServer, tmp_path: Path
) -> None:
    """A new PC for the same desk: a new key, so a new chain from link 1, not a refusal."""
    old, admin = make_counter(tmp_path / "old", OFFICE_A, 1, hub)
    intake(old, admin, 1)
    intake(old, admin, 2)
    assert sync_now(old).ok
    old.close()
    new, admin = make_counter(tmp_path / "new", OFFICE_A, 1, hub)  # enrolled again
    intake(new, admin, 5)
    result = sync_now(new)  # its first code repeats the old PC's (restore-sync's part) ...
    assert not any("chuỗi" in e for e in result.errors), result.errors  # ... its chain is taken
    assert hub_head(hub, new) == new.event_chain.head() and new.event_chain.head().seq == 1


def test_a_pulled_dossier_changed_behind_the_app_is_named(hub: HubServer, tmp_path: Path) -> None:
    """Another desk's dossier is vouched for by the state the pull left, not by a link here."""
    a, admin_a = make_counter(tmp_path / "a", OFFICE_A, 1, hub)
    b, _admin_b = make_counter(tmp_path / "b", OFFICE_A, 2, hub)
    code = intake(a, admin_a, 1)
    assert sync_now(a).ok and sync_now(b).ok
    assert b.dossiers.get(code).code == code and b.check() == []
    b._store.conn.execute("UPDATE dossiers SET id_number = '079000000001' WHERE code = ?", (code,))
    assert b.check() == [
        f"Hồ sơ {code} không khớp với trạng thái lần đồng bộ cuối mang về: hồ sơ đã bị sửa "
        "ngoài ứng dụng"
    ]
