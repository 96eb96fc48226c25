"""Nothing blocks the hub's event loop: while a push waits for the database's write lock
(held here by another writer), the same hub process still answers health checks and pulls."""

from __future__ import annotations

import threading

import psycopg
import requests
from hub_records import new_dossier_record
from sync_support import OFFICE_A, HubServer, wait_for

from sync.hub.storage import is_postgres, open_storage


def waiting_for_the_lock(db: str) -> bool:
    with psycopg.connect(db) as conn:
        [(n,)] = conn.execute(
            "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        ).fetchall()
    return int(n) >= 1


def test_a_push_waiting_for_the_write_lock_blocks_neither_health_nor_pulls(hub_db: str) -> None:
    hub = HubServer(hub_db)
    other_writer = open_storage(hub_db)
    try:
        token = hub.enroll(OFFICE_A, 1)
        auth = {"Authorization": f"Bearer {token}"}
        answers: list[requests.Response] = []
        push = threading.Thread(
            target=lambda: answers.append(
                requests.post(
                    hub.url + "/v1/push",
                    headers=auth,
                    timeout=60,
                    json={"records": [new_dossier_record(OFFICE_A, 1, 1)]},
                )
            )
        )
        with other_writer.transaction():
            push.start()
            if is_postgres(hub_db):
                wait_for(lambda: waiting_for_the_lock(hub_db), 30, "the push waiting")
            health = requests.get(hub.url + "/v1/health", timeout=20)
            pull = requests.get(hub.url + "/v1/pull", headers=auth, timeout=20)
            assert health.json()["ok"] is True
            assert pull.status_code == 200 and pull.json()["changes"] == []
            assert push.is_alive() and answers == []  # still waiting for the lock
        push.join(60)
        assert [a["status"] for a in answers[0].json()["acks"]] == ["stored"]
    finally:
        other_writer.close()
        hub.stop()
