"""Issue 13 finding 8: restoring a backup must not diverge from the hub silently.

Backup, take in X, change Y, sync, restore: before the fix X never came back, the next
intake reused X's code (refused by the hub for good) and a change reused an outbox number
the hub treated as stale yet acknowledged as stored. A real hub on 127.0.0.1 throughout.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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

from counter_app.counter import Counter
from counter_app.errors import NotFound, PermissionDenied
from counter_app.lifecycle import Status
from counter_app.models import User
from counter_app.store import DB_FILENAME
from sync.engine import client_for, sync_now, wire_record
from sync.recovery import adopt_hub_head, recover

PASSPHRASE = "một cửa sao lưu 2026"


@pytest.fixture
def hub(hub_db: str) -> Iterator[HubServer]:
    # Both backends (tests/pg_support.py): the recovery queries are plain SQL on each.
    server = HubServer(hub_db)
    yield server
    server.stop()


def _diverge(tmp_path: Path, hub: HubServer) -> tuple[Counter, User, dict[str, str], Path]:
    """A desk with Y synced, backed up, then X taken in and Y moved on and synced."""
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    y = intake(c, admin, 1)
    assert sync_now(c).ok
    c.backups.set_passphrase(admin, PASSPHRASE)
    backup = tmp_path / "a1.mcb"
    c.backups.backup(backup)
    x = intake(c, admin, 2)
    c.dossiers.change_status(admin, y, Status.PROCESSING)
    assert sync_now(c).ok
    return c, admin, {"x": x, "y": y}, backup


def _restore(c: Counter, backup: Path) -> Counter:
    data_dir = c._store.path.parent
    c.close()
    Counter.restore(data_dir, backup, PASSPHRASE)
    return Counter.open(data_dir)


def _hub_dossier(hub: HubServer, code: str) -> tuple[str, str]:
    by_code = {code: status for code, status in hub_state(hub)["dossiers"].values()}
    return code, by_code[code]


def test_restore_takes_back_what_the_desk_pushed_and_moves_its_counters(
    hub: HubServer, tmp_path: Path
) -> None:
    c, admin, codes, backup = _diverge(tmp_path, hub)
    x_uuid = c.dossiers.get(codes["x"]).uuid
    c = _restore(c, backup)
    # The backup knows neither X nor Y's change; until recovery, no new code is handed out.
    assert c.sync_book.recovery.needed()
    assert "phiên bản" in c.sync_book.recovery.plan()
    with pytest.raises(PermissionDenied, match="khôi phục"):
        intake(c, admin, 3)
    # Offline, recovery waits: still marked, still no intake, nothing lost.
    token = c.sync_book.server().token  # type: ignore[union-attr]
    c.sync_book.set_server("http://127.0.0.1:9", token)
    assert not sync_now(c, timeout=(1, 1)).ok
    assert c.sync_book.recovery.needed()
    c.sync_book.set_server(hub.url, token)

    result = sync_now(c)
    assert result.ok, result.errors
    assert result.recovered == 2
    assert not c.sync_book.recovery.needed()
    assert c.dossiers.get(codes["x"]).uuid == x_uuid  # X is back, with its own uuid
    assert c.dossiers.get(codes["y"]).status is Status.PROCESSING
    assert [e.kind for e in c.dossiers.events(codes["x"])] == ["intake"]
    # The next code is past X's; the hub takes it and a further change of Y.
    new = intake(c, admin, 3)
    assert new not in (codes["x"], codes["y"])
    c.dossiers.change_status(admin, codes["y"], Status.RESULT_READY)
    result = sync_now(c)
    assert result.ok, result.errors
    assert result.pending == 0
    assert _hub_dossier(hub, new)[1] == "received"
    assert _hub_dossier(hub, codes["y"])[1] == "result_ready"
    assert c.check() == []  # what `check` holds of every database holds after recovery
    c.close()


def test_a_change_before_recovery_is_refused_and_accepted_after_it(
    hub: HubServer, tmp_path: Path
) -> None:
    """Any event written before recovery would take a link number of the desk's chain that the
    hub already holds (refused by it for good): every change waits for recovery, in words."""
    c, admin, codes, backup = _diverge(tmp_path, hub)
    c = _restore(c, backup)
    events, pending = len(c.dossiers.events(codes["y"])), c.sync_book.pending_count()
    head = c.event_chain.head()
    # Offline after the restore, Y is changed again from the backup's state: refused.
    with pytest.raises(PermissionDenied, match=r"khôi phục.*đồng bộ"):
        c.dossiers.change_status(admin, codes["y"], Status.PROCESSING)
    assert c.dossiers.get(codes["y"]).status is Status.RECEIVED
    assert len(c.dossiers.events(codes["y"])) == events and c.sync_book.pending_count() == pending
    assert c.event_chain.head() == head
    result = sync_now(c)
    assert result.ok, result.errors
    assert c.dossiers.get(codes["y"]).status is Status.PROCESSING  # taken back from the hub
    # After recovery the same desk changes Y, and the hub takes it as its chain's next link.
    c.dossiers.change_status(admin, codes["y"], Status.RESULT_READY)
    assert c.event_chain.head().seq == 4  # Y, X, Y's change at the hub; then this one
    result = sync_now(c)
    assert result.ok, result.errors
    assert result.pending == 0
    desk = hub.storage.desk_by_token(_hash(c))
    assert desk is not None
    changes = hub.hub.recovery(desk, 0, 50)["changes"]
    (y_at_hub,) = [ch for ch in changes if ch["dossier"]["code"] == codes["y"]]
    hub_events = [e.get("new_status") for e in y_at_hub["events"]]
    assert hub_events.count("processing") == 1 and hub_events.count("result_ready") == 1
    assert _hub_dossier(hub, codes["y"])[1] == "result_ready"
    assert intake(c, admin, 3) != codes["x"]
    assert c.check() == []
    c.close()


def test_a_restore_by_copying_files_is_refused_by_the_hub_and_named(
    hub: HubServer, tmp_path: Path
) -> None:
    """Without the restore's mark (the database file copied back by hand), the changes made
    since reuse link numbers of the desk's chain the hub holds: the hub refuses the push (409)
    and stores nothing, the changes stay on the desk, the sync log and `check` say what
    happened, intake stops. No automatic way back: the remedy of docs/security.md (F8), a
    sealed backup from before the copy restored through `restore`, brings the desk back."""
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    y = intake(c, admin, 1)
    assert sync_now(c).ok
    c.backups.set_passphrase(admin, PASSPHRASE)
    backup = tmp_path / "a1.mcb"
    c.backups.backup(backup)
    data_dir = c._store.path.parent
    c.close()
    copy = tmp_path / "copy.sqlite3"
    shutil.copy(data_dir / DB_FILENAME, copy)
    c = Counter.open(data_dir)
    x = intake(c, admin, 2)
    c.dossiers.change_status(admin, y, Status.PROCESSING)
    assert sync_now(c).ok
    c.close()
    before = hub_state(hub)
    for suffix in ("-wal", "-shm"):
        (data_dir / (DB_FILENAME + suffix)).unlink(missing_ok=True)
    shutil.copy(copy, data_dir / DB_FILENAME)
    c = Counter.open(data_dir)
    assert not c.sync_book.recovery.needed()
    assert c.check() == []  # nothing tells the copy from the real thing before the hub does
    c.dossiers.change_status(admin, y, Status.PROCESSING)
    c.dossiers.change_status(admin, y, Status.RESULT_READY)
    for _run in range(2):  # the same words on every run, not only the first
        result = sync_now(c)
        assert not result.ok
        (error,) = result.errors
        assert "HTTP 409" not in error and "tới số 3" in error and "tới số 1" in error
        assert "chép đè" in error and "báo kỹ thuật" in error
        assert result.pending == 2 and result.pushed == 0
    assert hub_state(hub) == before  # the hub stored nothing, and answered no "stored"
    assert _hub_dossier(hub, y)[1] == "processing"
    # The changes stay on the desk, waiting; X stays at the hub.
    assert c.dossiers.get(y).status is Status.RESULT_READY
    assert c.sync_book.pending_count() == 2
    (problem,) = c.check()
    assert "số 3" in problem and "máy chủ tỉnh" in problem
    (run,) = c.sync_book.runs(1)
    assert not run.ok and "chép đè" in " ".join(run.errors)
    with pytest.raises(NotFound):
        c.dossiers.get(x)
    # No new code that may be X's: intake stops, in words, until the remedy.
    with pytest.raises(PermissionDenied, match="bản cũ hơn"):
        intake(c, admin, 3)
    # The remedy: restore a sealed backup from before the copy; recovery takes back X and Y's
    # change and adopts the hub's head; the change made on the copy is made again by hand.
    c = _restore(c, backup)
    result = sync_now(c)
    assert result.ok, result.errors
    assert c.dossiers.get(x).code == x and c.dossiers.get(y).status is Status.PROCESSING
    c.dossiers.change_status(admin, y, Status.RESULT_READY)
    new = intake(c, admin, 3)
    assert new != x
    result = sync_now(c)
    assert result.ok, result.errors
    assert result.pending == 0
    assert _hub_dossier(hub, y)[1] == "result_ready" and _hub_dossier(hub, new)[1] == "received"
    assert c.check() == []
    c.close()


def test_an_older_copy_verdict_is_lifted_by_a_push_the_hub_takes(
    hub: HubServer, tmp_path: Path
) -> None:
    """The intake stop after an "older copy" refusal is the hub's word, not for ever: a push it
    takes lifts it (a hub that refused by mistake, then was fixed)."""
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    y = intake(c, admin, 1)
    assert c.event_chain.refused_by_hub({"seq": 7, "hash": "a" * 64}) == 0
    with pytest.raises(PermissionDenied, match="bản cũ hơn"):
        intake(c, admin, 2)
    c.dossiers.change_status(admin, y, Status.PROCESSING)  # other changes stay possible
    result = sync_now(c)
    assert result.ok, result.errors
    assert intake(c, admin, 2) != y
    # A refusal that shows no hub ahead of this database is no such verdict.
    held = c.event_chain.hub_head()
    assert held is not None
    assert c.event_chain.refused_by_hub(held.to_dict()) is None
    assert c.event_chain.refused_by_hub({"seq": "7", "hash": "bad"}) is None
    intake(c, admin, 3)
    c.close()


def test_a_cut_right_after_adopting_the_hub_s_head_changes_nothing(
    hub: HubServer, tmp_path: Path
) -> None:
    """Recovery adopts the hub's head before it lifts the mark; cut in between, the mark stays
    (no event can be linked meanwhile) and the next run adopts the same head again."""
    c, admin, codes, backup = _diverge(tmp_path, hub)
    c = _restore(c, backup)
    client = client_for(c)
    try:
        adopt_hub_head(c, client)
    finally:
        client.close()
    assert c.event_chain.head().seq == 3 and c.sync_book.recovery.needed()
    with pytest.raises(PermissionDenied, match="khôi phục"):
        c.dossiers.change_status(admin, codes["y"], Status.PROCESSING)
    assert c.event_chain.head().seq == 3
    result = sync_now(c)
    assert result.ok, result.errors
    assert not c.sync_book.recovery.needed()
    c.dossiers.change_status(admin, codes["y"], Status.RESULT_READY)
    assert c.event_chain.head().seq == 4
    result = sync_now(c)
    assert result.ok, result.errors
    assert result.pending == 0 and c.check() == []
    c.close()


def test_the_hub_answers_a_stale_record_as_stale_and_keeps_its_snapshot(
    hub: HubServer, tmp_path: Path
) -> None:
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    y = intake(c, admin, 1)
    c.dossiers.change_status(admin, y, Status.PROCESSING)
    records = c.sync_book.batch(10)
    token = c.sync_book.server().token  # type: ignore[union-attr]
    wire = [
        {
            "uuid": r.uuid,
            "entity": "dossier",
            "entity_uuid": r.entity_uuid,
            "created_at": r.created_at,
            "seq": r.id,
            "base_version": None,
            "payload": r.payload,
        }
        for r in records
    ]
    post = requests.post(
        hub.url + "/v1/push",
        json={"records": [wire[0], wire[1]]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert [a["status"] for a in post.json()["acks"]] == ["stored", "stored"]
    # The intake's snapshot again under a new record UUID and its old number: older than
    # the one held. Its answer says so; the hub's dossier stays "processing".
    again = {**wire[0], "uuid": "00000000-0000-4000-8000-000000000001"}
    post = requests.post(
        hub.url + "/v1/push",
        json={"records": [again]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    ack = post.json()["acks"][0]
    assert ack["status"] == "stale" and ack["seq"] == wire[1]["seq"]
    assert _hub_dossier(hub, y)[1] == "processing"
    c.close()


def test_recovery_tells_a_desk_only_its_own_records(hub: HubServer, tmp_path: Path) -> None:
    a1, admin_a1 = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    a2, admin_a2 = make_counter(tmp_path / "a2", OFFICE_A, 2, hub)
    b1, admin_b1 = make_counter(tmp_path / "b1", OFFICE_B, 1, hub)
    mine = intake(a1, admin_a1, 1)
    intake(a2, admin_a2, 2)
    intake(b1, admin_b1, 3)
    for c in (a1, a2, b1):
        assert sync_now(c).ok
    token = a1.sync_book.server().token  # type: ignore[union-attr]
    answer = requests.get(
        hub.url + "/v1/recovery?since=0&limit=1",
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    ).json()
    assert [ch["dossier"]["code"] for ch in answer["changes"]] == [mine]
    assert answer["more"] is False
    assert [c["code"] for c in answer["codes"]] == [mine]
    assert answer["seq"] >= 1
    assert requests.get(hub.url + "/v1/recovery", timeout=10).status_code == 401
    for c in (a1, a2, b1):
        c.close()


def _hash(c: Counter) -> str:
    from sync.hub.service import token_hash

    return token_hash(c.sync_book.server().token)  # type: ignore[union-attr]


class _Interrupted(Exception):
    pass


def _outbox(c: Counter) -> list[tuple[int, str, str]]:
    return list(c._store.conn.execute("SELECT id, uuid, state FROM outbox ORDER BY id"))


def test_recovery_interrupted_resumes_and_run_again_changes_nothing(
    hub: HubServer, tmp_path: Path
) -> None:
    c, admin, codes, backup = _diverge(tmp_path, hub)
    c = _restore(c, backup)
    client = client_for(c)
    try:
        # Cut after the first page of one dossier: that page is kept, the mark stays.
        def cut(_n: int) -> None:
            raise _Interrupted

        with pytest.raises(_Interrupted):
            recover(c, client, progress=cut, page_size=1)
        assert c.sync_book.recovery.needed()
        state = c.sync_book.recovery.state()
        assert state is not None and state.cursor is not None and state.cursor > (state.since or 0)
        outcome = recover(c, client, page_size=1)
        assert (outcome.taken_back, outcome.updated) == (1, 1)
        assert not c.sync_book.recovery.needed()
        dossiers, outbox = local_state(c), _outbox(c)
        # Once more (a second mark, as if restored again from this state): nothing changes.
        c.sync_book.recovery.mark_needed()
        again = recover(c, client)
        assert (again.taken_back, again.renumbered) == (0, 0)
        assert local_state(c) == dossiers and _outbox(c) == outbox
    finally:
        client.close()
    assert intake(c, admin, 3) != codes["x"]
    assert sync_now(c).ok
    c.close()


def test_the_cli_restore_says_what_recovery_will_do(
    hub: HubServer, tmp_path: Path, cli: Any, data_dir: Path
) -> None:
    c, admin = make_counter(data_dir, OFFICE_A, 1, hub)
    intake(c, admin, 1)
    assert sync_now(c).ok
    c.backups.set_passphrase(admin, PASSPHRASE)
    backup = tmp_path / "desk.mcb"
    c.backups.backup(backup)
    c.close()
    r = cli("restore", str(backup), COUNTER_APP_BACKUP_PASSPHRASE=PASSPHRASE)
    assert r.code == 0, r.err
    assert "máy chủ tỉnh" in r.out and "không tiếp nhận hồ sơ mới" in r.out


def test_records_reordered_by_retries_are_stale_but_nothing_is_lost(
    hub: HubServer, tmp_path: Path
) -> None:
    """The newer record of the desk reaches the hub first: the older one is answered "stale",
    it is the desk's own, so no recovery and no resend. Once a desk's chain has started at the
    hub, no push can reorder its links (tests/test_sync_chain.py); the reorder is met by a desk
    whose chain has not started there yet: its newer record arrives without its link (as from
    a desk before the chain), then the desk's own sync sends its whole chain in order."""
    c, admin = make_counter(tmp_path / "a1", OFFICE_A, 1, hub)
    y = intake(c, admin, 1)
    c.dossiers.change_status(admin, y, Status.PROCESSING)
    c.dossiers.change_status(admin, y, Status.RESULT_READY)
    _intake, older, newer = c.sync_book.batch(10)
    token = c.sync_book.server().token  # type: ignore[union-attr]
    unchained = {k: v for k, v in wire_record(newer).items() if k != "chain"}
    sent = requests.post(
        hub.url + "/v1/push",
        json={"records": [unchained]},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert sent.json()["acks"][0]["status"] == "stored"
    result = sync_now(c)
    assert result.ok, result.errors
    assert result.pending == 0 and result.recovered == 0
    assert not c.sync_book.recovery.needed()
    assert _hub_dossier(hub, y)[1] == "result_ready"
    assert c.dossiers.get(y).status is Status.RESULT_READY
    reader = hub.reader()
    try:
        answer = reader.record_answer(older.uuid)
    finally:
        reader.close()
    assert answer is not None and answer["status"] == "stale"  # its event kept, not its snapshot
    assert c.check() == []
    c.close()
