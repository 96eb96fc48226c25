"""The pull cursor under concurrent writers, on both backends: many desks push at once through
the real HTTP hub while other desks pull; every pulled stream equals the committed history of
its office (same versions, same order, none skipped, none twice)."""

from __future__ import annotations

import threading
from typing import Any

import requests
from hub_records import new_dossier_record
from sync_support import OFFICE_A, OFFICE_B, HubServer

PUSHERS = 8
BATCHES = 12
BATCH = 4
PULLERS = 4


def test_concurrent_pushers_and_pullers_never_skip_a_version(hub_db: str) -> None:
    hub = HubServer(hub_db)
    try:
        offices = [OFFICE_A, OFFICE_B]
        push_tokens = [hub.enroll(offices[i % 2], i // 2 + 1) for i in range(PUSHERS)]
        # Desk numbers are 1–9: pushers take 1–4 of their office, pullers 5 and 6.
        pull_tokens = [
            hub.enroll(offices[i % 2], PUSHERS // 2 + i // 2 + 1) for i in range(PULLERS)
        ]
        done = threading.Event()
        errors: list[str] = []
        streams: list[list[int]] = [[] for _ in range(PULLERS)]

        def pusher(i: int) -> None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {push_tokens[i]}"
            for b in range(BATCHES):
                records = [
                    new_dossier_record(offices[i % 2], i // 2 + 1, b * BATCH + r + 1)
                    for r in range(BATCH)
                ]
                answer = session.post(hub.url + "/v1/push", json={"records": records}, timeout=60)
                acks = answer.json()["acks"]
                if [a["status"] for a in acks] != ["stored"] * BATCH:
                    errors.append(str(acks))

        def puller(i: int) -> None:
            session = requests.Session()
            session.headers["Authorization"] = f"Bearer {pull_tokens[i]}"
            cursor, quiet_after_done = 0, False
            while not quiet_after_done:
                finished = done.is_set()  # read before the pull: a quiet pull after it is final
                page: dict[str, Any] = session.get(
                    hub.url + "/v1/pull", params={"cursor": cursor, "limit": 7}, timeout=60
                ).json()
                streams[i].extend(change["version"] for change in page["changes"])
                cursor = page["cursor"]
                quiet_after_done = finished and not page["more"]

        pushing = [threading.Thread(target=pusher, args=(i,)) for i in range(PUSHERS)]
        pulling = [threading.Thread(target=puller, args=(i,)) for i in range(PULLERS)]
        for t in pushing + pulling:
            t.start()
        for t in pushing:
            t.join()
        done.set()
        for t in pulling:
            t.join()
        assert errors == []

        reader = hub.reader()
        history = {
            office: sorted(d.version for d in reader.all_dossiers() if d.receiving_unit == office)
            for office in offices
        }
        reader.close()
        per_office = PUSHERS // 2 * BATCHES * BATCH
        assert [len(history[o]) for o in offices] == [per_office, per_office]
        for i, stream in enumerate(streams):
            assert stream == history[offices[i % 2]], f"puller {i} of {offices[i % 2]}"
    finally:
        hub.stop()
